package io.datasynth.testkit;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The command-line settings of a standalone fake provider: the options given, checked, in order. Another module's
 * CLI parses its arguments with {@link #parse} and starts the fake from {@link #toBuilder()}. Immutable.
 */
public final class FakeProviderOptions {
  private final List<Map.Entry<OptionParser.Spec, String>> given;

  private FakeProviderOptions(List<Map.Entry<OptionParser.Spec, String>> given) {
    this.given = given;
  }

  /** The options with nothing given: any port, no key, the bundled rules, no latency, limits or faults. */
  public static FakeProviderOptions defaults() {
    return new FakeProviderOptions(List.of());
  }

  /**
   * Parses {@code --name value}, {@code --name=value} and switch arguments over the {@linkplain #defaults()
   * defaults}.
   *
   * @throws IllegalArgumentException naming the bad option and what it takes
   */
  public static FakeProviderOptions parse(String... args) {
    return new FakeProviderOptions(OptionParser.parse(args));
  }

  /**
   * A builder configured from these options, to start or adjust further. It keeps no request log (see {@link
   * FakeProvider.Builder#keepRequests}): nothing asks a fake started from a command line for one, and it would grow
   * with every request.
   *
   * @throws IllegalArgumentException when the records or model-rules file is not valid
   * @throws java.io.UncheckedIOException when such a file cannot be read
   */
  public FakeProvider.Builder toBuilder() {
    return OptionParser.builder(given).keepRequests(false);
  }

  /** The options' help text, one per line. */
  public static String usage() {
    return OptionParser.usage();
  }

  /**
   * The help text with the calling CLI's own options added before {@code --help}.
   *
   * @param extra (flag with its value label, one-line help) pairs, e.g. {@code "--schema PATH", "serve …"}
   */
  public static String usage(String... extra) {
    return OptionParser.usage(extra);
  }

  /** These options with the API key masked, so they can be logged. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("FakeProviderOptions[");
    for (int i = 0; i < given.size(); i++) {
      Map.Entry<OptionParser.Spec, String> option = given.get(i);
      String flag = option.getKey().flag();
      text.append(i == 0 ? "" : " ").append(flag);
      if (!option.getKey().isSwitch()) {
        text.append(' ').append(flag.equals("--api-key") ? "***" : option.getValue());
      }
    }
    return text.append(']').toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FakeProviderOptions that && given.equals(that.given);
  }

  @Override
  public int hashCode() {
    return Objects.hash(given);
  }
}
