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

  /** The fewest digits an id has: {@code SYNTH_0001}. */
  public static final int MIN_ID_DIGITS = 4;

  /** The id of the n-th record (1-based), with at least {@value #MIN_ID_DIGITS} digits. */
  public static String id(long number) {
    return id(number, MIN_ID_DIGITS);
  }

  /** The id of the n-th record with {@code digits} digits, zero-padded, so that the ids of one file sort. */
  public static String id(long number, int digits) {
    String n = Long.toString(number);
    return ID_PREFIX + "0".repeat(Math.max(0, digits - n.length())) + n;
  }

  /** How many digits the ids of a file of up to {@code records} records need: 4 for 9,999, 5 for 10,000. */
  public static int idDigits(long records) {
    return Math.max(MIN_ID_DIGITS, Long.toString(Math.max(0, records)).length());
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
