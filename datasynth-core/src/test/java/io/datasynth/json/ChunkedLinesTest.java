package io.datasynth.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkedLinesTest {
  record Seen(String text, long end, boolean terminated) {}

  static List<Seen> cut(byte[] bytes, int mostPerRead) throws IOException {
    ByteArrayInputStream in = new ByteArrayInputStream(bytes);
    Random random = new Random(bytes.length);
    ChunkedLines lines = new ChunkedLines((into, offset, length) ->
        in.read(into, offset, Math.min(length, 1 + random.nextInt(mostPerRead))));
    List<Seen> out = new ArrayList<>();
    while (lines.next()) {
      assertThat(lines.text()).isEqualTo(new String(lines.bytes(), 0, lines.length(), StandardCharsets.UTF_8));
      out.add(new Seen(lines.text(), lines.end(), lines.terminated()));
    }
    return out;
  }

  @Test
  void cutsAtEachNewlineWhateverTheReadsAndChunksAndSaysWhereEachEnds() throws IOException {
    StringBuilder file = new StringBuilder();
    List<Seen> expected = new ArrayList<>();
    Random random = new Random(9);
    long at = 0;
    for (int i = 0; i < 40; i++) {
      String line = "行".repeat(random.nextInt(i % 5 == 0 ? 50_000 : 300)) + (i % 3 == 0 ? "\r" : "");
      file.append(line).append('\n');
      at += line.getBytes(StandardCharsets.UTF_8).length + 1;
      expected.add(new Seen(line, at, true));
    }
    file.append("torn");
    expected.add(new Seen("torn", at + 4, false));
    byte[] bytes = file.toString().getBytes(StandardCharsets.UTF_8);

    for (int mostPerRead : new int[] {7, 4096, 1 << 16, 1 << 20}) {
      assertThat(cut(bytes, mostPerRead)).as("reads of at most %d bytes", mostPerRead)
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  void anEmptySourceHasNoLinesAndAFinalNewlineEndsTheLast() throws IOException {
    assertThat(cut(new byte[0], 10)).isEmpty();
    assertThat(cut("a\n\nb\n".getBytes(StandardCharsets.UTF_8), 10)).containsExactly(new Seen("a", 2, true),
        new Seen("", 3, true), new Seen("b", 5, true));
  }

  @Test
  void aLineIsBlankExactlyWhenItsTextIs() throws IOException {
    String[] pieces = {" ", "\t", "\r", "\u000B", "\u001F", "\u0000", "x", "\u3000", "\u00A0", "行", "\u2028", "{}"};
    Random random = new Random(3);
    StringBuilder file = new StringBuilder();
    for (int i = 0; i < 2_000; i++) {
      for (int k = random.nextInt(4); k > 0; k--) {
        file.append(pieces[random.nextInt(pieces.length)]);
      }
      file.append('\n');
    }
    byte[] bytes = file.toString().getBytes(StandardCharsets.UTF_8);
    ChunkedLines lines = new ChunkedLines(new ByteArrayInputStream(bytes)::read);
    int blank = 0;
    while (lines.next()) {
      assertThat(lines.blank()).as("[%s]", lines.text()).isEqualTo(lines.text().isBlank());
      blank += lines.blank() ? 1 : 0;
    }
    assertThat(blank).isBetween(200, 1_800);
  }
}
