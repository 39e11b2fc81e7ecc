package io.datasynth.schema;

/**
 * One level of the scoring rubric the model is shown, e.g. score "5", label "excellent".
 *
 * @param score the score as written in the schema (a number or a word)
 * @param label a short name, may be empty
 * @param description what earns this score, may be empty
 */
public record RubricLevel(String score, String label, String description) {
  public RubricLevel {
    label = label == null ? "" : label;
    description = description == null ? "" : description;
  }
}
