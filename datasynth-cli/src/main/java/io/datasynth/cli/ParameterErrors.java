package io.datasynth.cli;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Words for picocli's own parse errors: an unknown option, a missing parameter, a value of the wrong type, an option
 * given twice. In English they are picocli's message as it is; in Chinese they are rendered from the exception's
 * data (the option, the value, the type it takes), since picocli writes only English. Stateless.
 */
final class ParameterErrors {
  private ParameterErrors() {}

  /**
   * The error, without the leading {@code error:}.
   *
   * @param args the command line as given, to tell an option given without its value from one not given
   */
  static String describe(CommandLine.ParameterException ex, String[] args, CliText text) {
    if (!text.chinese()) {
      return ex.getMessage();
    }
    if (ex instanceof CommandLine.UnmatchedArgumentException u) {
      return text.text(u.isUnknownOption() ? "cli.picocli.unknown_option" : "cli.picocli.unmatched",
          quoted(u.getUnmatched()));
    }
    if (ex instanceof CommandLine.MissingParameterException m && !m.getMissing().isEmpty()) {
      List<ArgSpec> missing = m.getMissing();
      if (missing.size() == 1 && missing.get(0) instanceof OptionSpec o && given(o, args)) {
        return text.text("cli.picocli.needs_value", o.longestName());
      }
      return text.text("cli.picocli.missing", missing.stream().map(ParameterErrors::name)
          .map(n -> "'" + n + "'").collect(Collectors.joining(", ")));
    }
    if (ex instanceof CommandLine.OverwrittenOptionException o) {
      return text.text("cli.picocli.twice", name(o.getOverwritten()));
    }
    if (ex.getArgSpec() != null && ex.getValue() != null
        && ex.getCause() instanceof CommandLine.TypeConversionException) {
      return text.text(ex.getArgSpec().isOption() ? "cli.picocli.invalid_value" : "cli.picocli.invalid_parameter",
          name(ex.getArgSpec()), ex.getValue(), expected(ex.getArgSpec(), text));
    }
    // What picocli says in no other way (our own ParameterExceptions are already in the user's language).
    return ex.getMessage();
  }

  /** What a value of this option's type looks like, in the user's words. */
  private static String expected(ArgSpec spec, CliText text) {
    Class<?> type = spec.auxiliaryTypes().length > 0 ? spec.auxiliaryTypes()[0] : spec.type();
    if (type.isEnum()) {
      return text.text("cli.picocli.expect.one_of", Arrays.stream(type.getEnumConstants())
          .map(e -> ((Enum<?>) e).name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class
        || type == short.class || type == Short.class) {
      return text.text("cli.picocli.expect.whole");
    }
    if (type == double.class || type == Double.class || type == float.class || type == Float.class
        || type == BigDecimal.class) {
      return text.text("cli.picocli.expect.number");
    }
    if (type == boolean.class || type == Boolean.class) {
      return text.text("cli.picocli.expect.boolean");
    }
    return text.text("cli.picocli.expect.type", type.getSimpleName());
  }

  /** An option by its longest name, a positional parameter by its label. */
  private static String name(ArgSpec spec) {
    return spec instanceof OptionSpec o ? o.longestName() : spec.paramLabel();
  }

  private static boolean given(OptionSpec o, String[] args) {
    for (String a : args) {
      for (String n : o.names()) {
        if (a.equals(n) || a.startsWith(n + "=")) {
          return true;
        }
      }
    }
    return false;
  }

  private static String quoted(List<String> args) {
    return args.stream().map(a -> "'" + a + "'").collect(Collectors.joining(", "));
  }
}
