package io.datasynth.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasynth.error.InputException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedReaderTest {
  @TempDir Path dir;

  List<Seed> read(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return SeedReader.read(f, List.of("q", "a"));
  }

  @Test
  void readsAPlainList() throws IOException {
    assertThat(read("s.json", "[{\"q\": \"1\"}, {\"q\": \"2\"}]")).extracting(Seed::index).containsExactly(1, 2);
  }

  @Test
  void readsSamplesAndSeedsWrappersAndUnwrapsData() throws IOException {
    List<Seed> s = read("s.json", "{\"samples\": [{\"id\": \"SAMPLE_001\", \"data\": {\"q\": \"你好\"}}]}");
    assertThat(s.get(0).id()).isEqualTo("SAMPLE_001");
    assertThat(s.get(0).data().get("q").asText()).isEqualTo("你好");
    assertThat(read("t.json", "{\"seeds\": [{\"q\": \"x\"}]}")).hasSize(1);
  }

  @Test
  void keepsAFieldCalledDataWhenTheSchemaHasOne() throws IOException {
    Path f = dir.resolve("d.json");
    Files.writeString(f, "[{\"data\": {\"k\": 1}, \"q\": \"x\"}]");
    assertThat(SeedReader.read(f, List.of("data", "q")).get(0).data().has("q")).isTrue();
  }

  @Test
  void readsJsonLinesWithLineNumbersInErrors() throws IOException {
    assertThat(read("s.jsonl", "{\"q\": \"1\"}\n\n{\"q\": \"2\"}\n")).hasSize(2);
    Path f = dir.resolve("bad.jsonl");
    Files.writeString(f, "{\"q\": \"1\"}\n{\"q\": \n");
    assertThatThrownBy(() -> SeedReader.read(f, List.of())).isInstanceOf(InputException.class)
        .hasMessageContaining("bad.jsonl:2");
  }

  @Test
  void acceptsAByteOrderMark() throws IOException {
    Path f = dir.resolve("bom.json");
    Files.write(f, ("\uFEFF[{\"q\": \"x\"}]").getBytes(StandardCharsets.UTF_8));
    assertThat(SeedReader.read(f, List.of())).hasSize(1);
  }

  @Test
  void refusesNonUtf8WithAFix() throws IOException {
    Path f = dir.resolve("gbk.json");
    Files.write(f, "[{\"q\": \"你好\"}]".getBytes(Charset.forName("GBK")));
    assertThatThrownBy(() -> SeedReader.read(f, List.of())).isInstanceOf(InputException.class)
        .hasMessageContaining("gbk.json").hasMessageContaining("not valid UTF-8").hasMessageContaining("iconv");
  }

  @Test
  void refusesEmptyOrMisshapenSeeds() throws IOException {
    assertThatThrownBy(() -> read("e.json", "[]")).hasMessageContaining("no seed examples");
    assertThatThrownBy(() -> read("o.json", "{\"records\": 3}")).hasMessageContaining("{\"samples\": [...]}");
    assertThatThrownBy(() -> read("n.json", "[1, 2]")).hasMessageContaining("item 1 is a number, not an object");
    assertThatThrownBy(() -> read("z.json", "   ")).hasMessageContaining("is empty");
  }
  @org.junit.jupiter.api.Nested
  class CsvSeeds {
    io.datasynth.schema.Schema schema() {
      return new io.datasynth.schema.Schema("", "", List.of(
          new io.datasynth.schema.Field("q", "q", io.datasynth.schema.FieldType.TEXT, "", true,
              io.datasynth.schema.Constraints.NONE, null),
          new io.datasynth.schema.Field("n", "n", io.datasynth.schema.FieldType.INT, "", true,
              io.datasynth.schema.Constraints.NONE, null)), List.of());
    }

    @Test
    void readsAHeaderAndRowsTypedByTheSchema() throws IOException {
      Path f = dir.resolve("seeds.csv");
      Files.writeString(f, "q,n\n\"你好, 世界\",3\n\"say \"\"hi\"\"\",4\n", StandardCharsets.UTF_8);
      List<Seed> seeds = SeedReader.read(f, schema());
      assertThat(seeds).hasSize(2);
      assertThat(seeds.get(0).data().get("q").asText()).isEqualTo("你好, 世界");
      assertThat(seeds.get(0).data().get("n").isIntegralNumber()).isTrue();
      assertThat(seeds.get(1).data().get("q").asText()).isEqualTo("say \"hi\"");
    }

    @Test
    void refusesARaggedRowNamingItsLine() throws IOException {
      Path f = dir.resolve("seeds.csv");
      Files.writeString(f, "q,n\na,1\nb\n", StandardCharsets.UTF_8);
      assertThatThrownBy(() -> SeedReader.read(f, schema())).isInstanceOf(InputException.class)
          .hasMessageStartingWith(f + ":3:").hasMessageContaining("1 cells, the header 2");
    }

    @Test
    void refusesAnUnclosedQuote() throws IOException {
      Path f = dir.resolve("seeds.csv");
      Files.writeString(f, "q,n\n\"a,1\n", StandardCharsets.UTF_8);
      assertThatThrownBy(() -> SeedReader.read(f, schema())).isInstanceOf(InputException.class)
          .hasMessageContaining(":2:").hasMessageContaining("never closed");
    }
  }
}
