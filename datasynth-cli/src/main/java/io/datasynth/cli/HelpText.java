package io.datasynth.cli;

import io.datasynth.text.Messages;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The help of every command in the user's language: picocli reads option and command descriptions from the bundle
 * {@code io/datasynth/cli/help_zh.properties} for Chinese, keyed by the option's longest name ({@code batch-size}) or
 * by {@code COMMAND.usage.description}; English help is the commands' own annotations, defaults included.
 */
final class HelpText {
  static final String BUNDLE = "io.datasynth.cli.help";

  private HelpText() {}

  /** The help bundle for a Chinese locale. */
  static ResourceBundle bundle(Locale locale) {
    return Messages.bundle(BUNDLE, locale);
  }
}
