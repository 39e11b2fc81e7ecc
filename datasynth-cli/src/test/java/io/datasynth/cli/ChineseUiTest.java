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
  class ToolCommands {
    @Test
    void doctorReportsInChinese() {
      try (FakeProvider fake = Fakes.builder(Fakes.RECIPE_DEMO).requestsPerMinute(600).start()) {
        Cli.Result r = Fakes.anthropic(chinese(), fake).run("doctor");
        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(r.out()).contains("✓ 密钥：").contains("可以正常运行。");
        assertThat(r.err()).contains("正在检查 anthropic");
        assertThat(englishIn(r.out())).as(r.describe()).isEmpty();
      }
    }

    @Test
    void initAndStatusSpeakChinese() {
      Cli.Result init = chinese().run("init", "-o", dir.resolve("project"));
      assertThat(init.code()).as(init.describe()).isZero();
      assertThat(init.out()).contains("✓ 已写入").contains("下一步：datasynth prepare");
      assertThat(englishIn(init.out())).as(init.describe()).isEmpty();
      Cli.Result status = chinese().run("status", dir.resolve("out.json"));
      assertThat(status.out()).contains("没有未完成的运行");
      assertThat(englishIn(status.out())).as(status.describe()).isEmpty();
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
    void anMcpRootThatIsNotThereIsInChinese() {
      Cli.Result r = chinese().run("mcp", "--root", "没有这个文件夹");
      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(r.err()).startsWith("错误：根目录").contains("不存在").contains("--root");
      assertThat(englishIn(r.err())).as(r.describe()).isEmpty();
    }

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
    void errorsOfTheCommandsOwnChecksAreInChinese() {
      Path recipe = example("recipe_demo", dir);
      for (Object[] bad : List.of(new Object[] {"generate", recipe, "--schema", recipe.resolve("x.json"), "--dry-run"},
          new Object[] {"generate", "--dry-run"}, new Object[] {"generate", recipe, "--dry-run", "--post-hook", " "},
          new Object[] {"generate", recipe, "--dry-run", "--post-hook", "echo 'open"},
          new Object[] {"generate", recipe, "--dry-run", "--progress", "sometimes"},
          new Object[] {"doctor", "-p", "gemini"}, new Object[] {"doctor", "--timeout", "0"},
          new Object[] {"report", recipe, "--near-dup", "2"}, new Object[] {"report", recipe, "--lang", "fr"},
          new Object[] {"generate", recipe, "--dry-run", "--base-url", "http://127.0.0.1:9/v1", "--base-url",
              "http://127.0.0.1:9/v1/"})) {
        Cli.Result r = chinese().run(bad);
        assertThat(r.code()).as(r.describe()).isEqualTo(2);
        assertThat(r.err()).as(r.describe()).startsWith("错误：");
        assertThat(englishIn(r.err())).as(r.describe()).isEmpty();
      }
    }

    @Test
    void picocliParseErrorsAreInChineseFromTheirData() {
      Path recipe = example("recipe_demo", dir);
      record Case(String says, Object[] args) {}
      for (Case c : List.of(new Case("未知选项：'--bogus'", new Object[] {"generate", recipe, "--bogus"}),
          new Case("多余的参数：'extra'", new Object[] {"doctor", "extra"}),
          new Case("缺少必需的选项或参数：", new Object[] {"validate"}),
          new Case("选项 '--count' 缺少取值", new Object[] {"generate", recipe, "-n"}),
          new Case("选项 '--count' 的取值 'abc' 无效：需要整数", new Object[] {"generate", recipe, "-n", "abc"}),
          new Case("需要数字", new Object[] {"generate", recipe, "--temperature", "warm"}),
          new Case("选项 '--count' 只能给一次", new Object[] {"generate", recipe, "-n", "1", "-n", "2"}),
          new Case("请给出一个命令", new Object[] {}))) {
        Cli.Result r = chinese().run(c.args());
        assertThat(r.code()).as(r.describe()).isEqualTo(2);
        assertThat(r.err()).as(r.describe()).startsWith("错误：").contains(c.says());
        assertThat(englishIn(r.err())).as(r.describe()).isEmpty();
      }
    }

    @Test
    void picocliParseErrorsStayPicocliWordsInEnglish() {
      Cli.Result r = Cli.in(dir).env("LANG", "C.UTF-8").run("generate", example("recipe_demo", dir), "-n", "abc");
      assertThat(r.err()).startsWith("error: Invalid value for option '--count': 'abc' is not an int\n");
      assertThat(Cli.in(dir).env("LANG", "C.UTF-8").run("estimate", "--bogus").err())
          .startsWith("error: Unknown option: '--bogus'\n");
    }

    @Test
    void validateTellsWhatBreaksTheSchemaInChinese() {
      Path zh = example("instruction_zh", dir);
      Path data = TestFiles.write(dir.resolve("data.jsonl"), """
          {"instruction": "写", "response": "太短", "category": "诗歌", "quality": 9}
          {"response": "这是一条足够长的回复内容，用来通过长度检查。", "category": "写作", "quality": "高"}
          [1, 2]
          """);
      Cli.Result r = chinese().run("validate", data, zh.resolve("schema.json"));
      assertThat(r.code()).as(r.describe()).isEqualTo(1);
      assertThat(r.out()).contains("第 1 条记录：").contains("缺少必填字段：instruction").contains("超出范围 [1, 5]");
      assertThat(englishIn(r.out())).as(r.describe()).isEmpty();
      Cli.Result json = chinese().run("validate", data, zh.resolve("schema.json"), "--json");
      assertThat(json.out()).contains("missing required field: instruction");
    }

    @Test
    void inEnglishTheSameErrorsStayEnglish() {
      Cli.Result r = Cli.in(dir).env("LANG", "C.UTF-8").run("estimate", "-n", "5", "-p", "gemini");
      assertThat(r.err()).isEqualTo("error: unknown value 'gemini' for -p/--provider; use one of anthropic, openai\n");
    }
  }
}
