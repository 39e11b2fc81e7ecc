package io.datasynth.sink.parquet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.InputException;
import io.datasynth.json.Json;
import io.datasynth.sink.DatasetReader;
import io.datasynth.sink.DatasetSource;
import io.datasynth.text.Message;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/** A Parquet file opened for reading, row group by row group, so memory holds one row group at a time. */
final class ParquetSource implements DatasetSource {
  private final Path file;
  private final ParquetFileReader reader;
  private final MessageType schema;
  private final Map<String, String> keyValues;
  private boolean iterated;

  private ParquetSource(Path file, ParquetFileReader reader) {
    this.file = file;
    this.reader = reader;
    this.schema = reader.getFooter().getFileMetaData().getSchema();
    this.keyValues = reader.getFooter().getFileMetaData().getKeyValueMetaData();
  }

  static ParquetSource open(Path file) {
    try {
      ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
          .withCodecFactory(new Codecs()).build();
      return new ParquetSource(file, ParquetFileReader.open(new LocalInputFile(file), options));
    } catch (IOException | RuntimeException e) {
      throw InputException.at(file, 0, 0, Message.of("parquet.unreadable", String.valueOf(e.getMessage())),
          Message.of("parquet.unreadable.fix"), e);
    }
  }

  @Override
  public Iterator<DatasetReader.Item> iterator() {
    if (iterated) {
      throw new IllegalStateException("a Parquet source is read once");
    }
    iterated = true;
    return new Iterator<>() {
      private final ColumnIOFactory io = new ColumnIOFactory();
      private RecordReader<ObjectNode> rows;
      private long left;
      private int position;

      @Override
      public boolean hasNext() {
        while (left == 0) {
          PageReadStore pages = nextRowGroup();
          if (pages == null) {
            return false;
          }
          rows = io.getColumnIO(schema).getRecordReader(pages, new RecordConverter(schema));
          left = pages.getRowCount();
        }
        return true;
      }

      @Override
      public DatasetReader.Item next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        left--;
        position++;
        ObjectNode record;
        try {
          record = rows.read();
        } catch (RuntimeException e) {
          throw InputException.at(file, 0, 0, Message.of("parquet.row.unreadable", position,
              String.valueOf(e.getMessage())), null, e);
        }
        return new DatasetReader.Item("#" + position, record, position);
      }
    };
  }

  private PageReadStore nextRowGroup() {
    try {
      return reader.readNextRowGroup();
    } catch (IOException | RuntimeException e) {
      throw InputException.at(file, 0, 0, Message.of("parquet.group.unreadable", String.valueOf(e.getMessage())),
          Message.of("parquet.group.unreadable.fix"), e);
    }
  }

  @Override
  public Optional<ObjectNode> metadata() {
    return keyValue(ParquetSchemas.METADATA_KEY);
  }

  @Override
  public Optional<ObjectNode> schema() {
    return keyValue(ParquetSchemas.SCHEMA_KEY).filter(s -> !s.isEmpty());
  }

  private Optional<ObjectNode> keyValue(String key) {
    String text = keyValues.get(key);
    if (text == null) {
      return Optional.empty();
    }
    try {
      JsonNode n = Json.mapper().readTree(text);
      return n instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException ignored) {
      // read-only: nothing is lost
    }
  }
}
