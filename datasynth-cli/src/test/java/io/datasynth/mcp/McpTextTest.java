package io.datasynth.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.datasynth.cli.CliText;
import io.datasynth.provider.ProviderKind;
import io.datasynth.provider.ProviderSettings;
import io.datasynth.sink.AtomicFiles;
import io.datasynth.text.UiLocale;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class McpTextTest {
  @Test
  void namesSettingsAsToolArguments() {
    String m = McpText.english().message(AtomicFiles.exists(Path.of("out.json")));
    assertThat(m).contains("pass force: true to overwrite it").contains("output_path").doesNotContain("--", "-o");
  }

  @Test
  void namesCommandsAsTheToolsThatDoThem() {
    Throwable noKey = catchThrowable(() -> ProviderSettings.resolve(ProviderKind.ANTHROPIC, "claude-sonnet-4-5", null,
        null, Map.of(), null, null));
    assertThat(McpText.english().message(noKey)).contains("ANTHROPIC_API_KEY", "point base_url at",
        "(prepare_synthesis, then parse_synthesis_result)").doesNotContain("--", "datasynth ");
    assertThat(CliText.english().message(noKey)).contains("point --base-url at",
        "(datasynth prepare, then datasynth parse)");
  }

  @Test
  void speaksTheLanguageOfTheServersEnvironment() {
    assertThat(UiLocale.of(Map.of("LANG", "zh_CN.UTF-8"))).isEqualTo(Locale.CHINESE);
    assertThat(UiLocale.of(Map.of("LANG", "zh_CN.UTF-8", "DATASYNTH_UI_LANG", "en"))).isEqualTo(Locale.ROOT);
    McpText zh = new McpText(Locale.CHINESE);
    assertThat(zh.message(AtomicFiles.exists(Path.of("out.json")))).contains("已存在").contains("output_path");
    assertThat(zh.text("mcp.synth.done", zh.records(3), "out.json")).isEqualTo("✓ 生成成功：3 条记录，已写入 out.json。");
  }
}
