package io.datasynth.sink;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One dataset file being written in some {@link OutputFormat}, record by record, and put in place atomically: the
 * records stream into a temporary file beside the target, and only {@link #commit} moves it over the target. Until
 * then an existing target is untouched; {@link #close} without a commit removes the temporary file.
 *
 * <pre>{@code
 * try (DatasetSink sink = DatasetSink.open(path, format, header, false)) {
 *   records.forEach(sink::write);
 *   sink.commit();
 * }
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class DatasetSink implements AutoCloseable {
  private final Path target;
  private final boolean replace;
  private final AtomicFiles.Pending pending;
  private final RecordWriter writer;
  private long count;

  private DatasetSink(Path target, boolean replace, AtomicFiles.Pending pending, RecordWriter writer) {
    this.target = target;
    this.replace = replace;
    this.pending = pending;
    this.writer = writer;
  }

  /**
   * Starts writing {@code target}.
   *
   * @param replace whether the commit may replace an existing file; when false an existing target is refused now,
   *     and one that appears before the commit is not replaced either
   * @throws io.datasynth.error.InputException when the target exists and {@code replace} is false, is a folder, or
   *     its folder cannot be written, or the header does not suit the format
   */
  public static DatasetSink open(Path target, OutputFormat format, DatasetHeader header, boolean replace) {
    return open(target, FileGuard.unrestricted(), format, header, replace);
  }

  /** Starts writing {@code target} with every file opened through {@code guard}; see the other {@code open}. */
  public static DatasetSink open(Path target, FileGuard guard, OutputFormat format, DatasetHeader header,
      boolean replace) {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(header, "header");
    AtomicFiles.checkTarget(target, replace);
    AtomicFiles.Pending pending = AtomicFiles.begin(target, guard);
    try {
      return new DatasetSink(target, replace, pending, format.open(pending.stream(), header));
    } catch (IOException e) {
      pending.close();
      throw pending.failure(e);
    } catch (RuntimeException e) {
      pending.close();
      throw e;
    }
  }

  /** Writes the next record; it gets the next number, from 1. */
  public void write(ObjectNode record) {
    write(record, null);
  }

  /**
   * Writes the next record with its provenance (null for none); see {@link #keepsProvenance()}.
   */
  public void write(ObjectNode record, ObjectNode provenance) {
    Objects.requireNonNull(record, "record");
    try {
      writer.write(record, ++count, provenance);
    } catch (IOException e) {
      pending.close();
      throw pending.failure(e);
    }
  }

  /**
   * What a reader of the file will read for the record written last, with the provenance it was written with; null
   * when the format cannot say (see {@link RecordWriter#readBack}).
   */
  public DatasetReader.Item readBack(ObjectNode record, ObjectNode provenance) {
    return writer.readBack(record, count, provenance);
  }

  /** Whether the format keeps provenance inside the file; when not, a run writes it beside the file. */
  public boolean keepsProvenance() {
    return writer.keepsProvenance();
  }

  /** How many records have been written. */
  public long count() {
    return count;
  }

  /**
   * Ends the file, forces it to disk and moves it over the target.
   *
   * @return the target
   * @throws io.datasynth.error.RunFailedException when writing fails (e.g. a full disk); the target is as it was
   */
  public Path commit() {
    try {
      writer.finish();
    } catch (IOException e) {
      pending.close();
      throw pending.failure(e);
    }
    pending.commit(replace);
    return target;
  }

  /** Removes the temporary file unless the sink was committed. */
  @Override
  public void close() {
    pending.close();
  }
}
