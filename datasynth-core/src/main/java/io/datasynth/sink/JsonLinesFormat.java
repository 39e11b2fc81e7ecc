package io.datasynth.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.InputException;
import io.datasynth.json.ChunkedLines;
import io.datasynth.json.Json;
import io.datasynth.json.JsonFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/** JSON Lines: one raw record per line, no metadata or schema; read line by line. */
final class JsonLinesFormat implements OutputFormat {
  JsonLinesFormat() {}

  @Override
  public String name() {
    return "jsonl";
  }

  @Override
  public List<String> aliases() {
    return List.of("ndjson");
  }

  @Override
  public List<String> extensions() {
    return List.of(".jsonl", ".ndjson");
  }

  @Override
  public RecordWriter open(OutputStream out, DatasetHeader header) {
    ObjectMapper m = Json.mapper();
    return new RecordWriter() {
      @Override
      public void write(ObjectNode record, long number) throws IOException {
        out.write(m.writeValueAsBytes(record));
        out.write('\n');
      }

      @Override
      public DatasetReader.Item readBack(ObjectNode record, long number, ObjectNode provenance) {
        // A line is read as its record; the provenance is in the sidecar.
        return DatasetReader.item(record, Math.toIntExact(number));
      }

      @Override
      public void finish() {
        // nothing ends a JSON Lines file
      }
    };
  }

  /** Streams the file line by line, so its size is not limited by memory; blank lines are skipped. */
  @Override
  public DatasetSource read(Path file) {
    if (Files.isDirectory(file) || !Files.isReadable(file)) {
      return DatasetReader.readJson(file);  // which says precisely what is wrong with the path
    }
    try {
      return new Lines(file, Files.newInputStream(file));
    } catch (IOException e) {
      throw io.datasynth.json.JsonFiles.unreadable(file, e.getMessage());
    }
  }

  /** The records of a JSON Lines file, read as they are asked for. */
  private static final class Lines implements DatasetSource {
    private final Path file;
    private final InputStream in;
    private final ChunkedLines lines;
    private boolean iterated;

    Lines(Path file, InputStream in) {
      this.file = file;
      this.in = in;
      this.lines = new ChunkedLines(in::read);
    }

    @Override
    public Iterator<DatasetReader.Item> iterator() {
      if (iterated) {
        throw new IllegalStateException("a JSON Lines source is read once");
      }
      iterated = true;
      return new Iterator<>() {
        private int number;
        private long offset;
        private boolean ended;
        private DatasetReader.Item next;

        @Override
        public boolean hasNext() {
          while (next == null && !ended) {
            if (!nextLine()) {
              ended = true;
              break;
            }
            number++;
            String text = JsonFiles.decodeUtf8Line(file, number, offset, lines.bytes(), lines.length());
            offset = lines.end();
            if (!text.isBlank()) {
              next = DatasetReader.item(JsonFiles.parseJsonLine(file, number, text.strip()), number);
            }
          }
          return next != null;
        }

        @Override
        public DatasetReader.Item next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          DatasetReader.Item item = next;
          next = null;
          return item;
        }

        private boolean nextLine() {
          try {
            return lines.next();
          } catch (IOException e) {
            throw InputException.at(file, number + 1, 0, io.datasynth.text.Message.of("input.unreadable",
                String.valueOf(e.getMessage())), null, e);
          }
        }
      };
    }

    @Override
    public Optional<ObjectNode> metadata() {
      return Optional.empty();
    }

    @Override
    public Optional<ObjectNode> schema() {
      return Optional.empty();
    }

    @Override
    public void close() {
      try {
        in.close();
      } catch (IOException ignored) {
        // read-only: nothing is lost
      }
    }
  }

  @Override
  public String toString() {
    return name();
  }
}
