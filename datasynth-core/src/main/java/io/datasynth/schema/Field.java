package io.datasynth.schema;

/**
 * One field of a record.
 *
 * @param name the key in each record; never blank
 * @param displayName a human label, may equal {@code name}
 * @param type the value type
 * @param description what the field holds; empty when not given
 * @param required whether every record must have a non-null value for it
 * @param constraints what values must satisfy; {@link Constraints#NONE} when unconstrained
 * @param itemType for lists, the type of each item; null when any item is allowed
 */
public record Field(
    String name,
    String displayName,
    FieldType type,
    String description,
    boolean required,
    Constraints constraints,
    FieldType itemType) {

  public Field {
    displayName = displayName == null || displayName.isBlank() ? name : displayName;
    description = description == null ? "" : description;
    constraints = constraints == null ? Constraints.NONE : constraints;
  }

  /** A required field with no constraints. */
  public static Field of(String name, FieldType type) {
    return new Field(name, name, type, "", true, Constraints.NONE, null);
  }
}
