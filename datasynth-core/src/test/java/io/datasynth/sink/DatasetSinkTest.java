package io.datasynth.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.ConfigException;
import io.datasynth.error.InputException;
import io.datasynth.json.Json;
import io.datasynth.json.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetSinkTest {
  @TempDir Path dir;

  static ObjectNode record(String q) {
    return Json.object().put("问题", q);
  }

  private List<Path> listing() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  private static DatasetHeader header() {
    ObjectNode schema = Json.object();
    schema.putArray("fields").addObject().put("name", "问题").put("type", "text");
    return new DatasetHeader(Json.object().put("model", "m"), schema);
  }

  @Nested
  class WhenRecordsAreStreamed {
    @Test
    void writesNothingAtTheTargetUntilTheCommit() throws IOException {
      Path out = dir.resolve("out.json");
      try (DatasetSink sink = DatasetSink.open(out, OutputFormat.JSON, header(), false)) {
        sink.write(record("一"));
        sink.write(record("二"));

        assertThat(out).doesNotExist();
        assertThat(sink.count()).isEqualTo(2);
        assertThat(sink.commit()).isEqualTo(out);
      }
      JsonNode root = JsonFiles.readJson(out);
      assertThat(root.get("metadata").get("model").asText()).isEqualTo("m");
      assertThat(root.get("schema").get("fields").get(0).get("name").asText()).isEqualTo("问题");
      assertThat(root.get("samples").get(1).get("id").asText()).isEqualTo("SYNTH_0002");
      assertThat(listing()).containsExactly(out);
    }

    @Test
    void leavesTheOldFileAndNoTemporaryWhenClosedWithoutCommit() throws IOException {
      Path out = Files.writeString(dir.resolve("out.jsonl"), "old\n");
      try (DatasetSink sink = DatasetSink.open(out, OutputFormat.JSONL, header(), true)) {
        sink.write(record("new"));
      }

      assertThat(out).hasContent("old");
      assertThat(listing()).containsExactly(out);
    }
  }

  @Nested
  class WhenTheTargetExists {
    @Test
    void refusesItAtOnceUnlessAskedToReplace() throws IOException {
      Path out = Files.writeString(dir.resolve("out.json"), "old");

      assertThatThrownBy(() -> DatasetSink.open(out, OutputFormat.JSON, header(), false))
          .isInstanceOf(InputException.class).hasMessageContaining("already exists");
      assertThat(out).hasContent("old");
    }

    @Test
    void doesNotReplaceAFileThatAppearedBeforeTheCommit() throws IOException {
      Path out = dir.resolve("out.json");
      try (DatasetSink sink = DatasetSink.open(out, OutputFormat.JSON, header(), false)) {
        sink.write(record("new"));
        Files.writeString(out, "someone else's");

        assertThatThrownBy(sink::commit).isInstanceOf(InputException.class).hasMessageContaining("already exists");
      }
      assertThat(out).hasContent("someone else's");
      assertThat(listing()).containsExactly(out);
    }
  }

  @Nested
  class WhenFormatsAreLookedUp {
    @Test
    void findsTheBuiltInFormatsByNameAliasAndExtension() {
      assertThat(OutputFormats.lookup(" JSON ")).isEqualTo(new OutputFormats.Lookup.Found(OutputFormat.JSON));
      assertThat(OutputFormat.parse("ndjson")).contains(OutputFormat.JSONL);
      assertThat(OutputFormat.resolve(null, dir.resolve("a.NDJSON"))).isSameAs(OutputFormat.JSONL);
      assertThat(OutputFormat.resolve(null, dir.resolve("a.txt"))).isSameAs(OutputFormat.JSON);
      // A format that contradicts the extension is refused: JSONL is never written silently into a .json file.
      assertThatThrownBy(() -> OutputFormat.resolve(OutputFormat.JSONL, dir.resolve("a.json")))
          .isInstanceOf(io.datasynth.error.ConfigException.class).hasMessageContaining("a.jsonl");
      assertThat(OutputFormat.resolve(OutputFormat.JSONL, dir.resolve("a.txt"))).isSameAs(OutputFormat.JSONL);
      assertThat(OutputFormats.names()).startsWith("json", "jsonl");
    }

    @Test
    void namesTheModuleOfAKnownFormatThatIsNotInstalled() {
      assertThat(OutputFormats.lookup("parquet"))
          .isEqualTo(new OutputFormats.Lookup.NotInstalled("parquet", "datasynth-parquet"));
      assertThatThrownBy(() -> OutputFormat.resolve(null, dir.resolve("数据.parquet")))
          .isInstanceOf(ConfigException.class).hasMessageContaining("datasynth-parquet");
    }

    @Test
    void listsTheInstalledFormatsForAnUnknownName() {
      assertThat(OutputFormats.lookup("xml")).isInstanceOfSatisfying(OutputFormats.Lookup.Unknown.class,
          u -> assertThat(u.known()).contains("json", "jsonl"));
    }

    @Test
    void refusesToReadAParquetFileWithoutTheModuleAndNamesIt() throws IOException {
      Path file = Files.write(dir.resolve("data.bin"), new byte[] {'P', 'A', 'R', '1', 0, 0, 0, 0});

      assertThatThrownBy(() -> DatasetReader.read(file)).isInstanceOf(InputException.class)
          .hasMessageContaining(file.toString()).hasMessageContaining("datasynth-parquet");
    }
  }

  @Nested
  class WhenAJsonDocumentIsOpened {
    @Test
    void givesItsRecordsMetadataAndSchema() {
      Path out = dir.resolve("out.json");
      DatasetWriter.write(out, OutputFormat.JSON, header().metadata(), header().schema(),
          List.of(record("一"), record("二")));

      try (DatasetSource source = DatasetReader.open(out)) {
        List<DatasetReader.Item> items = new ArrayList<>();
        source.forEach(items::add);

        assertThat(items).extracting(i -> i.object().get("问题").asText()).containsExactly("一", "二");
        assertThat(source.metadata()).hasValueSatisfying(m -> assertThat(m.get("model").asText()).isEqualTo("m"));
        assertThat(source.schema()).contains(header().schema());
      }
    }

    @Test
    void givesNoMetadataOrSchemaForJsonLines() {
      Path out = dir.resolve("out.jsonl");
      DatasetWriter.write(out, OutputFormat.JSONL, header().metadata(), header().schema(), List.of(record("一")));

      try (DatasetSource source = DatasetReader.open(out)) {
        assertThat(source.metadata()).isEmpty();
        assertThat(source.schema()).isEmpty();
      }
    }
  }

  @Nested
  class WhenJsonLinesAreRead {
    @Test
    void streamsRecordsSkippingBlankLinesAndAByteOrderMark() throws IOException {
      Path file = Files.writeString(dir.resolve("d.jsonl"), "\uFEFF{\"问题\": \"一\"}\n\n{\"id\": \"S9\", \"data\": "
          + "{\"问题\": \"二\"}}\n");

      List<DatasetReader.Item> items = DatasetReader.read(file);

      assertThat(items).extracting(DatasetReader.Item::position).containsExactly(1, 3);
      assertThat(items).extracting(DatasetReader.Item::id).containsExactly("#1", "S9");
      assertThat(items.get(1).object().get("问题").asText()).isEqualTo("二");
    }

    @Test
    void namesTheFileAndLineOfABadLine() throws IOException {
      Path file = Files.writeString(dir.resolve("bad.jsonl"), "{\"a\": 1}\n{\"a\": 2}\n{\"a\": }\n");

      assertThatThrownBy(() -> DatasetReader.read(file)).isInstanceOf(InputException.class)
          .hasMessageStartingWith(file + ":3:").hasMessageContaining("invalid JSON");
    }

    @Test
    void namesTheFileWhenItIsMissing() {
      Path file = dir.resolve("missing.jsonl");

      assertThatThrownBy(() -> DatasetReader.read(file)).isInstanceOf(InputException.class)
          .hasMessageContaining("file not found");
    }
  }
}
