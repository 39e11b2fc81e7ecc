package io.datasynth.schema;

import java.util.List;
import java.util.Optional;

/**
 * A dataset schema: the fields every record has, and the rubric that says what a good record is.
 *
 * @param projectName the dataset's name; may be empty
 * @param description what the dataset is for; may be empty
 * @param fields at least one field, names unique, in the order the user wrote them
 * @param rubric the scoring rubric; may be empty
 */
public record Schema(String projectName, String description, List<Field> fields, List<RubricLevel> rubric) {

  public Schema {
    projectName = projectName == null ? "" : projectName;
    description = description == null ? "" : description;
    fields = List.copyOf(fields);
    rubric = rubric == null ? List.of() : List.copyOf(rubric);
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("a schema needs at least one field");
    }
  }

  public Optional<Field> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  public List<String> fieldNames() {
    return fields.stream().map(Field::name).toList();
  }

  public boolean hasField(String name) {
    return field(name).isPresent();
  }
}
