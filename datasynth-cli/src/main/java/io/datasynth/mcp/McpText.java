package io.datasynth.mcp;

import io.datasynth.error.Command;
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
  /** Settings named as the tools' arguments, commands as the tools that do the same. */
  static final SettingNames ARGUMENTS = new SettingNames() {
    @Override
    public String name(Setting s) {
      return switch (s) {
        case OUTPUT -> "output_path";
        case SCHEMA -> "schema_path";
        case SEEDS -> "seeds_path";
        default -> s.key();
      };
    }

    @Override
    public String command(Command c) {
      return switch (c) {
        case PREPARE -> PrepareSynthesisTool.NAME;
        case PARSE -> ParseSynthesisResultTool.NAME;
        // No tool writes the HTML report; the command line does, and validate_data returns the same metrics.
        case REPORT -> "datasynth report";
        // Nor converts a dataset: the command line does.
        case CONVERT -> "datasynth convert";
        case VALIDATE -> ValidateDataTool.NAME;
      };
    }
  };

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

  /** An exception's message, rendered from its data when it has some. */
  String message(Throwable e) {
    return e instanceof DataSynthException d && d.detail() != null ? messages.render(d.detail()) : e.getMessage();
  }
}
