package io.datasynth.mcp;

import io.datasynth.error.DataSynthException;
import io.datasynth.error.Setting;
import io.datasynth.text.Messages;
import io.datasynth.text.SettingNames;
import java.util.Locale;

/**
 * How the MCP server words messages for the model that calls its tools: settings as tool arguments
 * ({@code output_path}, {@code force: true}), in the language the server's environment asks for
 * ({@link io.datasynth.text.UiLocale}).
 */
final class McpText {
  /** Settings named as the tools' arguments. */
  static final SettingNames ARGUMENTS = s -> s == Setting.OUTPUT ? "output_path" : s.key();

  private final Messages messages;

  McpText(Locale locale) {
    this.messages = new Messages(locale, ARGUMENTS, java.util.List.of("io.datasynth.cli.cli"));
  }

  static McpText english() {
    return new McpText(Locale.ROOT);
  }

  /** The text of a key of the CLI's or the core's bundle. */
  String text(String key, Object... args) {
    return messages.text(key, args);
  }

  /** A message in this language, settings named as tool arguments. */
  String render(io.datasynth.text.Message m) {
    return messages.render(m);
  }

  /** "1 record", "3 records", "3 条记录". */
  String records(long n) {
    return text("cli.records", n);
  }

  /** An exception's message, rendered from its data when it has some, its command-line hints reworded. */
  String message(Throwable e) {
    String m = e instanceof DataSynthException d && d.detail() != null ? messages.render(d.detail())
        : e.getMessage();
    return ToolMessages.of(m);
  }
}
