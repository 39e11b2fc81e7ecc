package io.datasynth.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.datasynth.error.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonFilesTest {
  @TempDir Path dir;

  static Path fifo(Path dir) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/mkfifo")), "no mkfifo");
    Path f = dir.resolve("pipe.json");
    Process p = new ProcessBuilder("/usr/bin/mkfifo", f.toString()).inheritIO().start();
    assertThat(p.waitFor()).isZero();
    return f;
  }

  /** A file of {@code size} bytes that takes no disk space. */
  static Path sparse(Path file, long size) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(size);
    }
    return file;
  }

  @Nested
  @Timeout(60) // reading any of these the ordinary way blocks or never ends
  class FilesThatAreNotOrdinary {
    @ParameterizedTest
    @ValueSource(strings = {"/dev/zero", "/dev/urandom", "/dev/null"})
    void areRefusedBeforeReadingWhateverTheKind(String device) {
      assumeTrue(Files.exists(Path.of(device)), device);
      for (InputKind kind : InputKind.values()) {
        assertThatThrownBy(() -> JsonFiles.readText(Path.of(device), kind)).as(kind.name())
            .isInstanceOf(InputException.class)
            .hasMessageStartingWith(device + ": is not a regular file (a device, pipe or socket)");
        assertThatThrownBy(() -> JsonFiles.readValues(Path.of(device), kind)).isInstanceOf(InputException.class);
      }
    }

    @Test
    void aFifoIsRefusedWithoutWaitingForAWriter() throws Exception {
      Path pipe = fifo(dir);

      assertThatThrownBy(() -> JsonFiles.readJson(pipe, InputKind.SCHEMA))
          .hasMessageContaining("pipe.json: is not a regular file");
      assertThatThrownBy(() -> JsonFiles.readValues(pipe, InputKind.SEEDS))
          .hasMessageContaining("is not a regular file");
    }

    @Test
    void aFolderIsNotAFile() {
      assertThatThrownBy(() -> JsonFiles.readText(dir, InputKind.TEMPLATE)).hasMessageContaining("is a folder");
    }
  }

  @Nested
  class SizeLimits {
    @ParameterizedTest
    @EnumSource(value = InputKind.class, names = {"SCHEMA", "CONFIG", "TEMPLATE", "REPLY", "SEEDS"})
    void aFileOverItsKindsLimitIsRefusedNamingTheLimitWithoutReadingIt(InputKind kind) throws IOException {
      Path big = sparse(dir.resolve("big.json"), kind.maxBytes() + 1);

      assertThatThrownBy(() -> JsonFiles.readValues(big, kind)).isInstanceOf(InputException.class)
          .hasMessageContaining("big.json: is " + InputKind.size(kind.maxBytes() + 1))
          .hasMessageContaining(io.datasynth.text.Messages.english().render(kind.label()) + " may hold at most " + InputKind.size(kind.maxBytes()));
    }

    @Test
    void aStreamThatNeverEndsIsCutOffAtTheLimit() {
      InputStream endless = new InputStream() {
        @Override
        public int read() {
          return ' ';
        }

        @Override
        public int read(byte[] b, int off, int len) {
          java.util.Arrays.fill(b, off, off + len, (byte) ' ');
          return len;
        }
      };

      assertThatThrownBy(() -> JsonFiles.readText(endless, Path.of("stdin"), InputKind.CONFIG))
          .hasMessage("stdin: holds more than 1 MiB; a config file may hold at most 1 MiB; check that this is the "
              + "right file");
    }

    @Test
    void namesSizesReadably() {
      assertThat(InputKind.size(1L << 30)).isEqualTo("1 GiB");
      assertThat(InputKind.size((1L << 30) + 1)).isEqualTo("1.0 GiB");
      assertThat(InputKind.size(64L << 20)).isEqualTo("64 MiB");
      assertThat(InputKind.size((16L << 20) + 1)).isEqualTo("16.0 MiB");
      assertThat(InputKind.size(2048)).isEqualTo("2 KiB");
    }
  }

  @Nested
  class Encodings {
    @Test
    void badUtf8IsNamedByLineAndByte() throws IOException {
      Path f = dir.resolve("gbk.json");
      byte[] head = "{\"a\": 1,\n \"b\": \"".getBytes(StandardCharsets.UTF_8);
      byte[] bytes = new byte[head.length + 4];
      System.arraycopy(head, 0, bytes, 0, head.length);
      bytes[head.length] = (byte) 0xC4;
      bytes[head.length + 1] = (byte) 0xE3;
      bytes[head.length + 2] = '"';
      bytes[head.length + 3] = '}';
      Files.write(f, bytes);

      assertThatThrownBy(() -> JsonFiles.readJson(f, InputKind.SCHEMA))
          .hasMessageContaining("gbk.json:2: is not valid UTF-8 (bad byte 0xC4 at byte " + head.length + ")");
    }

    @Test
    void badUtf8FarIntoABigFileIsFoundWhereItIs() throws IOException {
      Path f = dir.resolve("seeds.jsonl");
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 20_000; i++) {
        sb.append("{\"text\": \"第").append(i).append("条\"}\n");
      }
      byte[] good = sb.toString().getBytes(StandardCharsets.UTF_8);
      byte[] bytes = java.util.Arrays.copyOf(good, good.length + 3);
      bytes[good.length] = '{';
      bytes[good.length + 1] = (byte) 0xFF;
      bytes[good.length + 2] = '}';
      Files.write(f, bytes);

      assertThatThrownBy(() -> JsonFiles.readValues(f, InputKind.SEEDS))
          .hasMessageContaining("seeds.jsonl:20001: is not valid UTF-8 (bad byte 0xFF at byte " + (good.length + 1));
    }

    @Test
    void aByteOrderMarkIsSkippedAndUtf16IsNamed() throws IOException {
      Path bom = Files.write(dir.resolve("bom.json"), ("\uFEFF{\"a\": \"中\"}").getBytes(StandardCharsets.UTF_8));
      Path utf16 = Files.write(dir.resolve("u16.json"), "{\"a\": 1}".getBytes(StandardCharsets.UTF_16));

      assertThat(JsonFiles.readJson(bom, InputKind.SCHEMA).get("a").asText()).isEqualTo("中");
      assertThatThrownBy(() -> JsonFiles.readJson(utf16, InputKind.SCHEMA)).hasMessageContaining("is UTF-16");
    }
  }

  @Nested
  class JsonOrJsonLines {
    @Test
    void aDocumentOnManyLinesIsOneValue() throws IOException {
      Path f = Files.writeString(dir.resolve("d.json"), "{\n  \"samples\": [\n    {\"a\": 1}\n  ]\n}\n");
      JsonFiles.Values v = JsonFiles.readValues(f, InputKind.SEEDS);

      assertThat(v.isLines()).isFalse();
      assertThat(v.values()).singleElement().satisfies(l -> assertThat(l.value().has("samples")).isTrue());
    }

    @Test
    void objectsOnLinesOfTheirOwnAreJsonLinesWithTheirLineNumbers() throws IOException {
      Path f = Files.writeString(dir.resolve("l.json"), "{\"a\": 1}\n\n{\"a\": 2}\n");
      JsonFiles.Values v = JsonFiles.readValues(f, InputKind.SEEDS);

      assertThat(v.isLines()).isTrue();
      assertThat(v.values()).extracting(JsonFiles.Line::number).containsExactly(1, 3);
    }

    @Test
    void aBrokenLineIsNamedByItsOwnNumber() throws IOException {
      Path f = Files.writeString(dir.resolve("l.jsonl"), "{\"a\": 1}\n{\"a\": \n{\"a\": 3}\n");

      assertThatThrownBy(() -> JsonFiles.readValues(f, InputKind.SEEDS)).hasMessageContaining("l.jsonl:2:")
          .hasMessageContaining("invalid JSON");
    }

    @Test
    void twoValuesOnOneLineAreNotJsonLines() throws IOException {
      Path f = Files.writeString(dir.resolve("l.jsonl"), "{\"a\": 1}\n{\"a\": 2} {\"a\": 3}\n");

      assertThatThrownBy(() -> JsonFiles.readValues(f, InputKind.SEEDS)).hasMessageContaining("l.jsonl:2:");
    }

    @Test
    void aListIsParsedAsAStream() throws IOException {
      Path f = Files.writeString(dir.resolve("l.json"), "[{\"a\": 1},\n {\"a\": 2}]");

      assertThat(JsonFiles.readValues(f, InputKind.SEEDS).values()).singleElement()
          .satisfies(l -> assertThat(l.value()).hasSize(2));
    }
  }
}
