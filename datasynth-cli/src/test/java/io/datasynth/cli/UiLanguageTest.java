package io.datasynth.cli;

import static io.datasynth.cli.TestFiles.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.datasynth.error.ConfigException;
import io.datasynth.testkit.FakeProvider;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UiLanguageTest {
  @TempDir Path dir;

  @Nested
  class Choosing {
    @Test
    void followsTheLocaleInPosixOrder() {
      assertThat(UiLanguage.choose(null, Map.of("LANG", "zh_CN.UTF-8"))).isEqualTo(Locale.CHINESE);
      assertThat(UiLanguage.choose(null, Map.of("LANG", "C.UTF-8"))).isEqualTo(Locale.ROOT);
      assertThat(UiLanguage.choose(null, Map.of("LANG", "zh_CN.UTF-8", "LC_MESSAGES", "en_US.UTF-8")))
          .isEqualTo(Locale.ROOT);
      assertThat(UiLanguage.choose(null, Map.of("LC_MESSAGES", "en_US.UTF-8", "LC_ALL", "zh_TW.UTF-8")))
          .isEqualTo(Locale.CHINESE);
      assertThat(UiLanguage.choose(null, Map.of())).isEqualTo(Locale.ROOT);
    }

    @Test
    void letsTheVariableAndTheFlagOverrideTheLocale() {
      assertThat(UiLanguage.choose(null, Map.of("LANG", "C", "DATASYNTH_UI_LANG", "zh"))).isEqualTo(Locale.CHINESE);
      assertThat(UiLanguage.choose("en", Map.of("DATASYNTH_UI_LANG", "zh"))).isEqualTo(Locale.ROOT);
      assertThat(UiLanguage.choose("zh", Map.of("LANG", "en_US.UTF-8"))).isEqualTo(Locale.CHINESE);
    }

    @Test
    void refusesALanguageItDoesNotSpeak() {
      ConfigException e = catchThrowableOfType(() -> UiLanguage.choose("fr", Map.of()), ConfigException.class);
      assertThat(CliText.english().message(e)).contains("'fr'").contains("--ui-lang");
      assertThat(CliText.english().message(catchThrowableOfType(() -> UiLanguage.choose(null,
          Map.of(UiLanguage.VARIABLE, "fr")), ConfigException.class))).contains(UiLanguage.VARIABLE);
    }
  }

  @Nested
  class InChinese {
    @Test
    void aRunSpeaksAsTheOriginalToolDid() {
      Path recipe = example("recipe_demo", dir);
      try (FakeProvider fake = Fakes.serving(Fakes.RECIPE_DEMO)) {
        Cli.Result r = Fakes.anthropic(Cli.in(dir).env("LANG", "zh_CN.UTF-8"), fake)
            .run("generate", recipe.toString(), "-n", "12", "--progress", "none");

        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(r.err()).contains("正在从 " + recipe + " 生成合成数据…");
        assertThat(r.out()).contains("✓ 生成成功", "生成数量：12 条记录", "失败数量：", "Token 用量：", "预计成本：", "耗时：");
        assertThat(r.out()).doesNotContain("Generated", "tokens:");
      }
    }

    @Test
    void anErrorIsInChinese() {
      Cli.Result r = Cli.in(dir).env("LANG", "zh_CN.UTF-8").run("create", dir.resolve("missing.json"),
          dir.resolve("seeds.json"), "-o", dir.resolve("out.json"));
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("错误：").contains(dir.resolve("missing.json") + ": 文件不存在；请检查路径");
    }

    @Test
    void theFlagWinsOverTheLocale() {
      Cli.Result r = Cli.in(dir).env("LANG", "zh_CN.UTF-8").run("--ui-lang", "en", "create",
          dir.resolve("missing.json"), dir.resolve("seeds.json"), "-o", dir.resolve("out.json"));
      assertThat(r.err()).contains("error: ").contains("file not found; check the path");
    }

    @Test
    void theHelpIsInChinese() {
      Cli.Result r = Cli.in(dir).env("DATASYNTH_UI_LANG", "zh").run("generate", "--help");
      assertThat(r.code()).isZero();
      assertThat(r.out()).contains("用法：").contains("每次请求生成的记录数");
    }
  }

  @Nested
  class InEnglish {
    @Test
    void aCLocaleGetsEnglish() {
      Cli.Result r = Cli.in(dir).env("LANG", "C.UTF-8").run("create", dir.resolve("missing.json"),
          dir.resolve("seeds.json"), "-o", dir.resolve("out.json"));
      assertThat(r.err()).startsWith("error: ").contains("file not found");
    }

    @Test
    void anUnknownUiLanguageIsABadUsage() {
      Cli.Result r = Cli.in(dir).run("--ui-lang", "klingon", "init");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("'klingon'");
    }
  }
}
