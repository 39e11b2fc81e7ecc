package io.datasynth.cli;

import static io.datasynth.cli.TestFiles.example;
import static org.assertj.core.api.Assertions.assertThat;

import io.datasynth.testkit.FakeProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a Chinese locale, what the commands print holds no English sentence: every text comes from the bundles. */
class ChineseUiTest {
  /** Three English words in a row: a sentence that escaped the bundles. */
  static final Pattern ENGLISH = Pattern.compile("\\b[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}\\b");
  /** Paths, URLs and flags, which stay as they are in every language. */
  static final Pattern VERBATIM = Pattern.compile("\\S*[/\\\\]\\S*|--?[a-z][a-z-]*|https?:\\S+");

  @TempDir Path dir;

  /** The English sentences in {@code text}, paths, URLs and flags left out; empty when there are none. */
  static List<String> englishIn(String text) {
    List<String> found = new ArrayList<>();
    for (String line : text.split("\n")) {
      for (Matcher m = ENGLISH.matcher(VERBATIM.matcher(line).replaceAll(" ")); m.find(); ) {
        found.add(m.group() + "   <- " + line);
      }
    }
    return found;
  }

  Cli chinese() {
    return Cli.in(dir).env("LANG", "zh_CN.UTF-8");
  }

  @Test
  void theDetectorFindsEnglishAndLeavesPathsAlone() {
    assertThat(englishIn("  the quality report: /tmp/a b/x.html")).isNotEmpty();
    assertThat(englishIn("请使用以下之一：online, batch, auto")).isEmpty();
    assertThat(englishIn("  质量报告：/tmp/some english folder/x.html")).isEmpty();
    assertThat(englishIn("错误：--base-url 与 --endpoints 都指定了端点")).isEmpty();
  }

  @Nested
  class ARun {
    @Test
    void onAFleetSummarisesInChinese() {
      Path recipe = example("recipe_demo", dir);
      try (FakeProvider a = Fakes.serving(Fakes.RECIPE_DEMO); FakeProvider b = Fakes.serving(Fakes.RECIPE_DEMO)) {
        Cli.Result r = chinese().env("ANTHROPIC_API_KEY", Fakes.KEY).run("generate", recipe, "-n", "12",
            "--progress", "none", "--base-url", a.anthropicBaseUrl(), "--base-url", b.anthropicBaseUrl());

        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(r.out()).contains("\n  端点数量：2").contains("个请求").contains("平均延迟").contains("\n  质量报告：")
            .contains("\n  Token 用量：");
        assertThat(englishIn(r.out())).as(r.describe()).isEmpty();
        assertThat(englishIn(r.err())).as(r.describe()).isEmpty();
      }
    }

    @Test
    void anEstimateWithoutInputsSaysItsBasisInChinese() {
      Cli.Result r = chinese().run("estimate", "-n", "100");
      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).contains("通用假设");
      assertThat(englishIn(r.out() + r.err())).as(r.describe()).isEmpty();
    }

    @Test
    void anEstimateFromRealPromptsSaysHowItCountedInChinese() {
      Path recipe = example("recipe_demo", dir);
      Cli.Result r = chinese().run("estimate", recipe.toString(), "-n", "100", "--mode", "batch");
      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).contains("近似值").contains("提示词缓存").contains("批处理");
      assertThat(englishIn(r.out() + r.err())).as(r.describe()).isEmpty();
    }
  }

  @Nested
  class InteractiveMode {
    static final String REPLY = """
        ```json
        [{"instruction": "如何在 Excel 里冻结首行？", "response": "点击「视图」→「冻结窗格」→「冻结首行」即可。",
          "category": "生活建议", "quality": 4},
         {"instruction": "写一句生日祝福", "response": "太短了", "category": "写作", "quality": 3},
         {"instruction": "如何在 Excel 里冻结首行？", "response": "点击「视图」→「冻结窗格」→「冻结首行」即可。",
          "category": "生活建议", "quality": 4}]
        ```""";

    @Test
    void parseReportsInChinese() {
      Path zh = example("instruction_zh", dir);
      Path reply = TestFiles.write(dir.resolve("reply.md"), REPLY);
      Cli.Result r = chinese().run("parse", reply, "--schema", zh.resolve("schema.json"), "--seeds",
          zh.resolve("seeds.json"), "-o", dir.resolve("out.json"));

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).contains("✓ 已将 1 条记录添加到").contains("  回复中找到：3 条").contains("  失败数量：2");
      assertThat(englishIn(r.out())).as(r.describe()).isEmpty();
    }

    @Test
    void parseWithoutASchemaSaysWhatToGiveInChinese() {
      Path reply = TestFiles.write(dir.resolve("reply.md"), "[]");
      Cli.Result r = chinese().run("parse", reply);
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("没有 schema").contains("--schema FILE");
      assertThat(englishIn(r.err())).isEmpty();
    }
  }

  @Nested
  class Errors {
    @Test
    void aBadSettingValueIsInChinese() {
      Path recipe = example("recipe_demo", dir);
      for (String[] bad : List.of(new String[] {"--mode", "someday"}, new String[] {"--cache", "maybe"},
          new String[] {"--timeout", "0"}, new String[] {"--deadline", "soon"}, new String[] {"--max-tokens", "0"},
          new String[] {"-p", "gemini"}, new String[] {"--format", "xml"},
          new String[] {"--base-url", "http://127.0.0.1:9/", "--endpoints", "e.txt"})) {
        Cli.Result r = chinese().run("generate", recipe, "--dry-run", bad);
        assertThat(r.code()).as(r.describe()).isEqualTo(2);
        assertThat(r.err()).as(r.describe()).startsWith("错误：").contains(bad[0]);
        assertThat(englishIn(r.err())).as(r.describe()).isEmpty();
      }
    }

    @Test
    void aConfigFileWithAnUnknownKeyIsInChinese() {
      Path config = TestFiles.write(dir.resolve("c.json"), "{\"batchsize\": 3}");
      Cli.Result r = chinese().run("estimate", "-n", "5", "--config", config);
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("未知的键 \"batchsize\"").contains("batch_size");
      assertThat(englishIn(r.err())).as(r.describe()).isEmpty();
    }

    @Test
    void inEnglishTheSameErrorsStayEnglish() {
      Cli.Result r = Cli.in(dir).env("LANG", "C.UTF-8").run("estimate", "-n", "5", "-p", "gemini");
      assertThat(r.err()).isEqualTo("error: unknown value 'gemini' for -p/--provider; use one of anthropic, openai\n");
    }
  }
}
