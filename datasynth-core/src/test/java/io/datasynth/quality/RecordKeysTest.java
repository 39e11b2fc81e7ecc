package io.datasynth.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasynth.json.Json;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.Schema;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecordKeysTest {
  @Nested
  class WhenTextIsNormalised {
    static Stream<Arguments> texts() {
      return Stream.of(
          Arguments.of("  Hello   World  ", "hello world"),
          Arguments.of("ＡＢＣ１２３", "abc123"),
          Arguments.of("你好\u3000世界", "你好 世界"),
          Arguments.of("a\u200Bb\uFEFF", "ab"),
          Arguments.of("line\none\r\n\ttwo", "line one two"),
          Arguments.of("\uFB01ne", "fine"),
          Arguments.of("ASCII \u001F\u000BAND ΟΔΟΣ", "ascii and οδο\u03C2"),
          Arguments.of("\u0000Tab\tEnd\u007F", "\u0000tab end\u007F"));
    }

    @ParameterizedTest(name = "[{0}] becomes [{1}]")
    @MethodSource("texts")
    void trimsCollapsesFoldsWidthAndLowerCases(String given, String expected) {
      assertThat(RecordKeys.normalize(given)).isEqualTo(expected);
    }

    @Test
    void givesAsciiTextTheSameFormAsTheGeneralPath() {
      java.util.Random random = new java.util.Random(5);
      for (int t = 0; t < 2_000; t++) {
        char[] text = new char[random.nextInt(60)];
        for (int i = 0; i < text.length; i++) {
          text[i] = (char) random.nextInt(0x80);
        }
        String given = new String(text);

        assertThat(RecordKeys.normalize(given)).isEqualTo(generalForm(given));
      }
    }

    /** What normalising did before ASCII text had a path of its own. */
    private static String generalForm(String text) {
      String nfkc = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC);
      StringBuilder sb = new StringBuilder();
      boolean pendingSpace = false;
      for (int i = 0; i < nfkc.length(); ) {
        int cp = nfkc.codePointAt(i);
        i += Character.charCount(cp);
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
          pendingSpace = sb.length() > 0;
        } else if (Character.getType(cp) != Character.FORMAT) {
          if (pendingSpace) {
            sb.append(' ');
            pendingSpace = false;
          }
          sb.appendCodePoint(cp);
        }
      }
      return sb.toString().toLowerCase(java.util.Locale.ROOT);
    }

    @Test
    void leavesAnEmptyTextEmpty() {
      assertThat(RecordKeys.normalize(" \u3000\n")).isEmpty();
    }
  }

  @Nested
  class WhenNearTextIsTaken {
    private final RecordKeys keys = new RecordKeys(new Schema("s", "", List.of(Field.of("id", FieldType.TEXT),
        Field.of("b", FieldType.TEXT), Field.of("n", FieldType.INT), Field.of("a", FieldType.LIST),
        Field.of("o", FieldType.OBJECT)), List.of()));

    @Test
    void joinsTextFieldsAndStringsInsideListsAndObjectsInSchemaOrder() throws Exception {
      var record = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(
          "{\"o\": {\"z\": \"Last\", \"y\": \"Middle\"}, \"a\": [\"X\", 1, {\"k\": \"Y\"}], \"n\": 3,"
              + " \"b\": \" First \", \"id\": \"SYNTH_1\", \"extra\": \"ignored\"}");

      assertThat(keys.nearText(record)).isEqualTo("first\nx\ny\nmiddle\nlast");
    }

    @Test
    void givesEmptyTextForARecordWithoutText() throws Exception {
      var record = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree("{\"n\": 3}");

      assertThat(keys.nearText(record)).isEmpty();
    }
  }
}
