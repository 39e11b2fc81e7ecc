package io.datasynth.sink;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.schema.Schema;
import io.datasynth.schema.SchemaReader;
import java.util.Objects;
import java.util.Optional;

/**
 * What a dataset file says about its records besides the records: the run's metadata and the schema.
 *
 * @param metadata the metadata object, as in the JSON output's {@code metadata}; never null, may be empty
 * @param schema the schema as {@link io.datasynth.schema.SchemaWriter} writes it; never null, empty when unknown
 * @param idDigits how many digits the records' ids get ({@link DatasetWriter#idDigits}), so that they sort
 */
public record DatasetHeader(ObjectNode metadata, ObjectNode schema, int idDigits) {
  public DatasetHeader {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(schema, "schema");
    idDigits = Math.max(DatasetWriter.MIN_ID_DIGITS, idDigits);
  }

  /** A header whose ids get the fewest digits. */
  public DatasetHeader(ObjectNode metadata, ObjectNode schema) {
    this(metadata, schema, DatasetWriter.MIN_ID_DIGITS);
  }

  /** A header with no metadata and no schema. */
  public static DatasetHeader empty() {
    return new DatasetHeader(Json.object(), Json.object());
  }

  /**
   * The schema as a value, or empty when the header has none.
   *
   * @throws io.datasynth.error.InputException when the schema JSON is not a valid schema
   */
  public Optional<Schema> typedSchema() {
    return schema.isEmpty() ? Optional.empty() : Optional.of(SchemaReader.fromJson(schema, null));
  }
}
