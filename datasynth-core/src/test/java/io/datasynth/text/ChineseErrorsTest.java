package io.datasynth.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.datasynth.cost.PriceTable;
import io.datasynth.error.DataSynthException;
import io.datasynth.model.ModelProfiles;
import io.datasynth.plan.AxisFiles;
import io.datasynth.prompt.Template;
import io.datasynth.provider.ApiKey;
import io.datasynth.provider.EndpointList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errors about input files and settings are data: rendered for a Chinese user they hold no English sentence, and
 * in English they keep their wording.
 */
class ChineseErrorsTest {
  /** Three English words in a row: a sentence that escaped the bundles. */
  static final Pattern ENGLISH = Pattern.compile("\\b[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}\\b");
  /** Paths, URLs, quoted JSON and unicode names, which stay as they are in every language. */
  static final Pattern VERBATIM = Pattern.compile("\\S*[/\\\\]\\S*|https?:\\S+|'[^']*'|\"[^\"]*\"|U\\+[0-9A-F]+( [A-Z -]+)?");

  static final Messages CHINESE = new Messages(Locale.CHINESE, SettingNames.KEYS);

  @TempDir Path dir;

  static List<String> englishIn(String text) {
    List<String> found = new ArrayList<>();
    for (Matcher m = ENGLISH.matcher(VERBATIM.matcher(text).replaceAll(" ")); m.find(); ) {
      found.add(m.group());
    }
    return found;
  }

  static DataSynthException thrown(Runnable r) {
    return catchThrowableOfType(r::run, DataSynthException.class);
  }

  /** The failure rendered for a Chinese user, checked to hold no English sentence. */
  static String chinese(Runnable r) {
    DataSynthException e = thrown(r);
    assertThat(e).as("throws").isNotNull();
    String zh = CHINESE.render(e.detail());
    assertThat(englishIn(zh)).as(zh).isEmpty();
    assertKnown(e.detail());
    return zh;
  }

  /** Every key of a message and of the messages nested in it has a text. */
  static void assertKnown(Message m) {
    assertThat(CHINESE.has(m.key())).as(m.key()).isTrue();
    m.args().stream().filter(Message.class::isInstance).forEach(a -> assertKnown((Message) a));
  }

  Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void theDetectorFindsEnglish() {
    assertThat(englishIn("端点.txt:2: weight is not a whole number")).isNotEmpty();
    assertThat(englishIn("端点.txt:2:9：权重 'x' 不是整数")).isEmpty();
  }

  @Nested
  class AJsonFileThatDoesNotParse {
    String zhAndEn(String text, String english) throws IOException {
      Path f = file("种子.json", text);
      String zh = chinese(() -> io.datasynth.json.JsonFiles.readJson(f));
      assertThat(thrown(() -> io.datasynth.json.JsonFiles.readJson(f)).getMessage()).contains(english);
      return zh;
    }

    @Test
    void saysWhatIsWrongInTheUsersLanguage() throws IOException {
      assertThat(zhAndEn("[{\"a\": 1} {\"a\": 2}]", "expected a comma between the items of a list, found '{'"))
          .contains("种子.json:1:11").contains("列表的各项之间应为逗号，实际是 '{'");
      assertThat(zhAndEn("{\"a\": 1 \"b\": 2}", "expected a comma between the entries of an object"))
          .contains("对象的各项之间应为逗号");
      assertThat(zhAndEn("{\"a\" 1}", "expected a colon after the field name, found '1'")).contains("冒号");
      assertThat(zhAndEn("{\"a\": \"b", "its closing double quote is missing")).contains("缺少结尾的双引号");
      assertThat(zhAndEn("[{\"a\": 1}", "a ] is missing")).contains("缺少 ]");
      assertThat(zhAndEn("{\"a\": yes}", "unknown word 'yes'")).contains("无法识别的词 'yes'");
      assertThat(zhAndEn("{\"a\": \"x\ny\"}", "write a line break as \\n")).contains("U+000A");
      assertThat(zhAndEn("[1, 2}", "found '}' where ']' was expected")).contains("此处应为 ']'，实际是 '}'");
    }

    @Test
    void namesTheFullWidthPunctuationAChineseKeyboardTypes() throws IOException {
      assertThat(zhAndEn("{\"a\": 1， \"b\": 2}", "found the full-width ，; JSON takes the ASCII , here"))
          .contains("全角的 ，").contains("半角的 ,");
      assertThat(zhAndEn("{\"a\"： 1}", "the ASCII : here")).contains("全角的 ：");
      assertThat(zhAndEn("{“a”: 1}", "the full-width “")).contains("半角的 \"");
      assertThat(zhAndEn("{'a': 1}", "double quotes (\"), not single quotes (')")).contains("不能用单引号");
    }
  }

  @Nested
  class AnEndpointsFile {
    @Test
    void withABadLineIsToldInChinese() {
      for (String text : new String[] {"ftp://a\n", "http://a:1/v1 0\n", "http://a:1/v1 2 3-x\n",
          "http://a:1/v1 w x y z\n", "http://a:1/v1 a-b\n", "http://a:1/v1\nhttp://a:1/v1/\n", "# nothing\n"}) {
        String zh = chinese(() -> EndpointList.parse(Path.of("端点.txt"), text));
        assertThat(zh).startsWith("端点.txt");
      }
    }

    @Test
    void keepsItsEnglishWording() {
      DataSynthException e = thrown(() -> EndpointList.parse(Path.of("f.txt"), "http://a:1/v1 2x KEY\n"));
      assertThat(e.getMessage()).isEqualTo("f.txt:1:15: weight '2x' is not a whole number; give a weight from 1 to "
          + "999999");
    }
  }

  @Nested
  class APriceOrProfileFile {
    @Test
    void withAMistakeIsToldInChinese() throws IOException {
      for (String json : new String[] {"[]", "{\"models\": []}", "{\"modles\": 1}",
          "{\"models\": [{\"model\": \"m\", \"input\": -1, \"output\": 1}]}",
          "{\"models\": [{\"model\": \"m\", \"input\": 1, \"output\": 1, \"batch\": 3}]}",
          "{\"models\": [{\"model\": \"m\", \"input\": 1}]}", "{\"models\": [3]}",
          "{\"as_of\": \"soon\", \"models\": [{\"model\": \"m\", \"input\": 1, \"output\": 1}]}"}) {
        Path f = file("prices.json", json);
        chinese(() -> PriceTable.withOverrides(f));
      }
      for (String json : new String[] {"[]", "{\"families\": []}", "{\"families\": [{\"family\": \"f\"}]}",
          "{\"families\": [{\"family\": \"f\", \"api\": \"gemini\"}]}",
          "{\"families\": [{\"family\": \"f\", \"api\": \"openai\", \"match\": []}]}"}) {
        Path f = file("models.json", json);
        chinese(() -> ModelProfiles.withOverrides(f));
      }
    }

    @Test
    void keepsItsEnglishWording() throws IOException {
      Path f = file("prices.json", "{\"models\": [{\"model\": \"m\", \"input\": -1, \"output\": 1}]}");
      assertThat(thrown(() -> PriceTable.withOverrides(f)).getMessage()).endsWith("prices.json: \"input\" of entry #1 "
          + "(\"m\") is -1; prices must be numbers of at least 0; give the price in US dollars per million tokens, "
          + "e.g. 2.5");
    }
  }

  @Nested
  class AnAxisFileTemplateOrKey {
    @Test
    void withAMistakeIsToldInChinese() throws IOException {
      Path twice = file("persona.txt", "学生\n学生\n");
      chinese(() -> AxisFiles.readValues(twice));
      Path weight = file("w.txt", "学生\tlots\n");
      chinese(() -> AxisFiles.readValues(weight));
      Path axes = file("axes.json", "{\"axes\": [{\"name\": \"persona\", \"values\": [\"a\", \"a\"]}]}");
      chinese(() -> AxisFiles.readAxes(axes));
      Path noName = file("axes2.json", "{\"axes\": [{\"values\": [\"a\"]}]}");
      chinese(() -> AxisFiles.readAxes(noName));
      chinese(() -> Template.parse("{{seed_examples}} {{nope}}", Path.of("t.txt")));
      chinese(() -> Template.parse(" ", Path.of("t.txt")));
      chinese(() -> ApiKey.fromVariable("OPENAI_API_KEY", "sk-\u200babc"));
    }
  }
}
