package io.datasynth.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A dataset schema: the fields every record has, and the rubric that says what a good record is.
 *
 * @param projectName the dataset's name; may be empty
 * @param description what the dataset is for; may be empty
 * @param fields at least one field, names unique, in the order the user wrote them
 * @param rubric the scoring rubric; may be empty
 * @param source the JSON the schema was read from, as the user wrote it, stored in outputs as it is; null for a
 *     schema made in code or inferred. It takes no part in equality: two schemas with the same rules are equal.
 */
public record Schema(String projectName, String description, List<Field> fields, List<RubricLevel> rubric,
    ObjectNode source) {

  public Schema {
    projectName = projectName == null ? "" : projectName;
    description = description == null ? "" : description;
    fields = List.copyOf(fields);
    rubric = rubric == null ? List.of() : List.copyOf(rubric);
    source = source == null ? null : source.deepCopy();
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("a schema needs at least one field");
    }
  }

  /** A schema made in code, with no source. */
  public Schema(String projectName, String description, List<Field> fields, List<RubricLevel> rubric) {
    this(projectName, description, fields, rubric, null);
  }

  /** The JSON the schema was read from, a copy; null when it was not read from JSON. */
  @Override
  public ObjectNode source() {
    return source == null ? null : source.deepCopy();
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

  @Override
  public boolean equals(Object o) {
    return o instanceof Schema s && projectName.equals(s.projectName) && description.equals(s.description)
        && fields.equals(s.fields) && rubric.equals(s.rubric);
  }

  @Override
  public int hashCode() {
    return Objects.hash(projectName, description, fields, rubric);
  }

  @Override
  public String toString() {
    return "Schema[projectName=" + projectName + ", description=" + description + ", fields=" + fields + ", rubric="
        + rubric + "]";
  }
}
