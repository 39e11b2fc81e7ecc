package io.datasynth.sink.parquet;

import io.datasynth.error.InputException;
import io.datasynth.sink.DatasetHeader;
import io.datasynth.sink.DatasetSource;
import io.datasynth.sink.OutputFormat;
import io.datasynth.sink.RecordWriter;
import io.datasynth.error.Command;
import io.datasynth.error.Setting;
import io.datasynth.text.Message;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Apache Parquet: one typed column per schema field (text as UTF-8 strings, int as int64, float as double, bool as
 * boolean, list as a list of its item type, object and untyped list items as JSON text), Snappy-compressed, with
 * the run's metadata and schema in the file's key-value metadata under {@value ParquetSchemas#METADATA_KEY} and
 * {@value ParquetSchemas#SCHEMA_KEY}. Reads any Parquet file of flat or nested columns back into JSON records.
 *
 * <p>Found through {@link java.util.ServiceLoader}; immutable and thread-safe.
 */
public final class ParquetFormat implements OutputFormat {
  private static final byte[] MAGIC = {'P', 'A', 'R', '1'};

  @Override
  public String name() {
    return "parquet";
  }

  @Override
  public List<String> extensions() {
    return List.of(".parquet");
  }

  @Override
  public boolean typed() {
    return true;
  }

  @Override
  public boolean recognizes(byte[] head) {
    if (head.length < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (head[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public RecordWriter open(OutputStream out, DatasetHeader header) throws IOException {
    if (header.typedSchema().isEmpty()) {
      throw InputException.of(null, Message.of("parquet.no_schema"), Message.of("parquet.no_schema.fix",
          Command.CONVERT, Setting.SCHEMA));
    }
    return new ParquetRecordWriter(out, header);
  }

  @Override
  public DatasetSource read(Path file) {
    return ParquetSource.open(file);
  }

  @Override
  public String toString() {
    return name();
  }
}
