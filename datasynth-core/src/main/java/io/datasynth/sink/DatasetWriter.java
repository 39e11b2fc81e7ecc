package io.datasynth.sink;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * Writes a whole dataset file in one call through a {@link DatasetSink}, and names records: the n-th record's id is
 * {@code SYNTH_000n}.
 */
public final class DatasetWriter {
  /** Synthetic record ids are {@code SYNTH_0001}, {@code SYNTH_0002}, … */
  public static final String ID_PREFIX = "SYNTH_";

  private DatasetWriter() {}

  /** The id of the n-th record (1-based). */
  public static String id(long number) {
    return String.format("%s%04d", ID_PREFIX, number);
  }

  /**
   * Writes the records in order, numbering them from 1, replacing {@code target} atomically; a facade over
   * {@link DatasetSink}, whose callers have checked that the target may be replaced.
   *
   * @param metadata the metadata object (JSON only; ignored for JSONL)
   * @param schema the schema as written by SchemaWriter, or an empty object when unknown
   * @param records the records; iterated once
   */
  public static void write(Path target, OutputFormat format, ObjectNode metadata, ObjectNode schema,
      Iterable<ObjectNode> records) {
    try (DatasetSink sink = DatasetSink.open(target, format, new DatasetHeader(metadata, schema), true)) {
      records.forEach(sink::write);
      sink.commit();
    }
  }
}
