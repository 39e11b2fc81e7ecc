package io.datasynth.sink;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Optional;

/**
 * A dataset file opened for reading: its records one by one, and what the file says about them. Iterate it once;
 * close it when done. Not thread-safe.
 */
public interface DatasetSource extends Iterable<DatasetReader.Item>, AutoCloseable {
  /** The file's records in order; may be called once. Errors are {@link io.datasynth.error.InputException}s. */
  @Override
  Iterator<DatasetReader.Item> iterator();

  /** The metadata the file carries (the JSON document's {@code metadata}), or empty. */
  Optional<ObjectNode> metadata();

  /** The schema the file carries (as {@link io.datasynth.schema.SchemaWriter} writes it), or empty. */
  Optional<ObjectNode> schema();

  @Override
  void close();
}
