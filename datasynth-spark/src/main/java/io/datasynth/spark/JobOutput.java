package io.datasynth.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.InputException;
import io.datasynth.error.RunFailedException;
import io.datasynth.json.Json;
import io.datasynth.sink.DatasetHeader;
import io.datasynth.sink.DatasetStats;
import io.datasynth.sink.DatasetWriter;
import io.datasynth.sink.OutputFiles;
import io.datasynth.sink.OutputFormat;
import io.datasynth.sink.RecordWriter;
import io.datasynth.error.Setting;
import io.datasynth.error.SettingValue;
import io.datasynth.sink.AtomicFiles;
import io.datasynth.text.Message;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes the job's output and the files beside it on the job's storage, the way a one-machine run writes them: the
 * records in any installed format, the provenance sidecar where the format has no room for it, the metadata sidecar
 * for formats other than JSON. Each file is written to a temporary name in the same folder and renamed into place
 * when complete; an existing file is replaced only when the job was told to ({@code --force}).
 */
final class JobOutput {
  private final FileSystem fs;
  private final Path output;
  private final OutputFiles names;
  private final boolean replace;
  private final DatasetStats stats;

  /**
   * @param stats counts per-field statistics of the records written into {@code <stem>.stats.json} beside the
   *     output ({@code --stats}); null for none
   */
  JobOutput(FileSystem fs, Path output, boolean replace, DatasetStats stats) {
    this.fs = fs;
    this.output = output;
    this.names = OutputFiles.of(java.nio.file.Path.of(output.getName()));
    this.replace = replace;
    this.stats = stats;
  }

  /** Fails early when the output exists and may not be replaced, or is a folder. */
  void checkTarget() {
    try {
      if (fs.exists(output) && fs.getFileStatus(output).isDirectory()) {
        throw InputException.of(null, Message.of("spark.output.folder", output.toString()),
            Message.of("output.is_folder.fix", new Path(output, "synthetic.parquet").toString()));
      }
      if (!replace && fs.exists(output)) {
        throw InputException.of(null, Message.of("spark.output.exists", output.toString()),
            AtomicFiles.overwriteFix());
      }
    } catch (IOException e) {
      throw new RunFailedException(Message.of("spark.output.check", output.toString(),
          String.valueOf(e.getMessage())), e);
    }
  }

  /**
   * What was written.
   *
   * @param records records in the output
   * @param surplus records left over beyond the limit
   */
  record Written(long records, long surplus) {}


  /**
   * Writes the records in order, up to {@code limit}; those beyond are counted as surplus.
   *
   * @param records the records, each with its provenance as JSON text (or null)
   */
  Written write(OutputFormat format, DatasetHeader header, Iterator<SlicedRecord> records, long limit) {
    long[] counts = new long[2];
    Path provenance = sibling(names.provenance());
    boolean[] sidecar = {false};
    atomically(output, out -> {
      RecordWriter writer = format.open(out, header);
      sidecar[0] = !writer.keepsProvenance();
      try (OutputStream side = sidecar[0] ? begin(provenance) : OutputStream.nullOutputStream()) {
        while (records.hasNext()) {
          SlicedRecord r = records.next();
          if (counts[0] >= limit) {
            counts[1]++;
            continue;
          }
          ObjectNode record = (ObjectNode) Json.mapper().readTree(r.json());
          ObjectNode prov = r.provenance() == null ? null : (ObjectNode) Json.mapper().readTree(r.provenance());
          writer.write(record, ++counts[0], prov);
          if (stats != null) {
            stats.add(record);
          }
          if (sidecar[0]) {
            ObjectNode line = Json.object();
            line.put("id", DatasetWriter.id(counts[0], header.idDigits()));
            if (prov != null) {
              line.set("provenance", prov);
            }
            side.write((Json.compact(line) + "\n").getBytes(StandardCharsets.UTF_8));
          }
        }
        writer.finish();
      }
    });
    if (sidecar[0]) {
      commit(provenance);
    }
    if (!"json".equals(format.name())) {
      ObjectNode meta = Json.object();
      meta.set("metadata", header.metadata());
      meta.set("schema", header.schema());
      Path metaFile = sibling(names.meta());
      atomically(metaFile, out -> out.write((Json.pretty(meta) + "\n").getBytes(StandardCharsets.UTF_8)));
    }
    if (stats != null) {
      String json = Json.pretty(stats.toJson()) + "\n";
      atomically(sibling(names.stats()), out -> out.write(json.getBytes(StandardCharsets.UTF_8)));
    }
    return new Written(counts[0], counts[1]);
  }

  private Path sibling(java.nio.file.Path name) {
    return new Path(output.getParent(), name.getFileName().toString());
  }

  @FunctionalInterface
  private interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  private void atomically(Path target, Body body) {
    Path tmp = temporary(target);
    try {
      try (OutputStream out = new BufferedOutputStream(fs.create(tmp, false), 1 << 16)) {
        body.writeTo(out);
      }
      place(tmp, target);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new RunFailedException(Message.of("spark.output.write.again", target.toString(),
          String.valueOf(e.getMessage())), e);
    } catch (RuntimeException e) {
      deleteQuietly(tmp);
      throw e;
    }
  }

  /** Opens a sidecar's temporary file; {@link #commit} puts it in place. */
  private OutputStream begin(Path target) throws IOException {
    return new BufferedOutputStream(fs.create(temporary(target), true), 1 << 16);
  }

  private void commit(Path target) {
    try {
      place(temporary(target), target);
    } catch (IOException e) {
      throw new RunFailedException(Message.of("spark.output.write", target.toString(),
          String.valueOf(e.getMessage())), e);
    }
  }

  private final String tag = UUID.randomUUID().toString().substring(0, 8);

  private Path temporary(Path target) {
    return new Path(target.getParent(), "." + target.getName() + "." + tag + ".tmp");
  }

  private void place(Path tmp, Path target) throws IOException {
    if (fs.exists(target)) {
      if (!replace) {
        throw InputException.of(null, Message.of("spark.output.appeared", target.toString()),
            Message.of("spark.output.appeared.fix", Setting.OUTPUT, SettingValue.of(Setting.FORCE, true)));
      }
      fs.delete(target, false);
    }
    if (!fs.rename(tmp, target)) {
      throw new IOException("cannot rename " + tmp + " to " + target);
    }
  }

  private void deleteQuietly(Path p) {
    try {
      fs.delete(p, false);
    } catch (IOException ignored) {
      // a temporary file left behind holds nothing that is not in the journals
    }
  }
}
