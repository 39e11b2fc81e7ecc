package io.datasynth.mcp;

import static org.assertj.core.api.Assertions.assertThat;

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
    assertThat(m).contains("pass force to overwrite it").contains("output_path").doesNotContain("--", "-o");
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
