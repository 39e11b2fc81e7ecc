package io.datasynth.sink;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** One file of an {@link OutputFormat} being written, record by record. Not thread-safe. */
public interface RecordWriter {
  /**
   * Writes the next record.
   *
   * @param number the record's 1-based position in the file, from which ids such as {@code SYNTH_0001} come
   * @throws io.datasynth.error.InputException when the record cannot be written in this format (e.g. a value that
   *     does not fit its column), naming the record and the field
   */
  void write(ObjectNode record, long number) throws IOException;

  /**
   * Writes the next record with where it came from; formats with no room for provenance leave it out (the run then
   * writes it to a sidecar).
   *
   * @param provenance the record's provenance as JSON, or null
   */
  default void write(ObjectNode record, long number, ObjectNode provenance) throws IOException {
    write(record, number);
  }

  /** Whether {@link #write(ObjectNode, long, ObjectNode)} keeps provenance inside the file. */
  default boolean keepsProvenance() {
    return false;
  }

  /**
   * What {@link DatasetReader} will read for the record just written as {@code number}, so that what is written can
   * be measured without reading the file back; null when only reading it can tell (typed columns may change a value).
   *
   * @param provenance what the record was written with, or null
   */
  default DatasetReader.Item readBack(ObjectNode record, long number, ObjectNode provenance) {
    return null;
  }

  /** Writes whatever ends the file (a closing bracket, a footer); the stream is flushed and closed by the sink. */
  void finish() throws IOException;
}
