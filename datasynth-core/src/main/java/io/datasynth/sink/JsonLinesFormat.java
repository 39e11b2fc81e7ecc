package io.datasynth.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.InputException;
import io.datasynth.json.Json;
import io.datasynth.json.JsonFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
    BufferedReader reader;
    try {
      reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
          StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
    } catch (IOException e) {
      throw InputException.of(file, "cannot be read (" + e.getMessage() + ")", null);
    }
    return new Lines(file, reader);
  }

  /** The records of a JSON Lines file, read as they are asked for. */
  private static final class Lines implements DatasetSource {
    private final Path file;
    private final BufferedReader reader;
    private boolean iterated;

    Lines(Path file, BufferedReader reader) {
      this.file = file;
      this.reader = reader;
    }

    @Override
    public Iterator<DatasetReader.Item> iterator() {
      if (iterated) {
        throw new IllegalStateException("a JSON Lines source is read once");
      }
      iterated = true;
      return new Iterator<>() {
        private int number;
        private DatasetReader.Item next;

        @Override
        public boolean hasNext() {
          while (next == null) {
            String line;
            try {
              line = reader.readLine();
            } catch (CharacterCodingException e) {
              throw InputException.at(file, number + 1, 0, "is not valid UTF-8",
                  "save the file as UTF-8", e);
            } catch (IOException e) {
              throw InputException.at(file, number + 1, 0, "cannot be read (" + e.getMessage() + ")", null, e);
            }
            if (line == null) {
              return false;
            }
            number++;
            if (number == 1 && line.startsWith("\uFEFF")) {
              line = line.substring(1);
            }
            if (!line.isBlank()) {
              next = DatasetReader.item(JsonFiles.parseJsonLine(file, number, line.strip()), number);
            }
          }
          return true;
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
        reader.close();
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
