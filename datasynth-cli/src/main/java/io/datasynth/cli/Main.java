package io.datasynth.cli;

import io.datasynth.error.DataSynthException;
import io.datasynth.secret.Redactor;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/**
 * The {@code datasynth} command line. Exceptions become exit codes in one place: bad usage or input 2, a failed
 * run 1; stack traces only with {@code --stacktrace}, also for running out of memory and for failures on other
 * threads ({@link Failures}). {@link System#exit} is called here and nowhere else.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    CompletionThreads.reuse();
    configureLogging(args);
    PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
        StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
        StandardCharsets.UTF_8), true);
    CliContext context = CliContext.system();
    Failures failures = failures(context, args);
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
      // A failure on another thread (an HTTP worker, say) gets the same one line instead of a stack trace.
      err.println(failures.describe(e) + " [thread " + thread.getName() + "]");
      if (hasStacktrace(args)) {
        e.printStackTrace(err);
      }
      err.flush();
      if (Failures.outOfMemory(e)) {
        // Nothing can be trusted to finish now; the journal is safe on disk record by record.
        Runtime.getRuntime().halt(ExitCode.FAILED);
      }
    });
    int code = run(args, context, out, err, failures);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs a command line in-process and returns its exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CliContext context = CliContext.system();
    return run(args, context, out, err, failures(context, args));
  }

  static int run(String[] args, CliContext context, PrintWriter out, PrintWriter err) {
    return run(args, context, out, err, failures(context, args));
  }

  static int run(String[] args, CliContext context, PrintWriter out, PrintWriter err, Failures failures) {
    try {
      context = context.withUiLocale(UiLanguage.choose(optionValue(args, "--ui-lang"), context.env()));
    } catch (DataSynthException e) {
      // No language could be chosen, so the error is in English.
      err.println("error: " + CliText.english().message(e));
      err.flush();
      return ExitCode.USAGE;
    }
    args = PythonSpellings.dashed(args);
    CommandLine cmd = commandLine(context, out, err, failures, verbs(args));
    Path config = configOption(args);
    if (config != null) {
      try {
        ConfigFile file = ConfigFile.load(config, cmd, context.text());
        cmd.setDefaultValueProvider(file);
        cmd.setParameterExceptionHandler(file.naming(cmd.getParameterExceptionHandler()));
        cmd.setExecutionExceptionHandler(file.namingSettings(cmd.getExecutionExceptionHandler()));
      } catch (DataSynthException e) {
        err.println(context.text().text("cli.error", failures.redactor().scrub(context.text().message(e))));
        err.flush();
        return ExitCode.USAGE;
      } catch (Throwable t) {
        return unexpected(t, args, err, failures);
      }
    }
    return execute(cmd, args, err, failures);
  }

  /** Executes a parsed command line; whatever escapes picocli's handlers becomes one line and exit code 1. */
  static int execute(CommandLine cmd, String[] args, PrintWriter err, Failures failures) {
    try {
      return cmd.execute(args);
    } catch (Throwable t) {
      // Errors, out of memory above all, pass picocli's handler by.
      return unexpected(t, args, err, failures);
    }
  }

  private static int unexpected(Throwable t, String[] args, PrintWriter err, Failures failures) {
    err.println(failures.describe(t));
    if (hasStacktrace(args)) {
      t.printStackTrace(err);
    }
    err.flush();
    return ExitCode.FAILED;
  }

  /** How unexpected failures are told: keys in the environment masked, the launcher named in memory advice. */
  static Failures failures(CliContext context, String[] args) {
    Redactor redactor = Redactor.forEnvironment(context.env());
    String keyVariable = optionValue(args, "--api-key-env");
    if (keyVariable != null && context.env().get(keyVariable) != null) {
      redactor = redactor.with(List.of(context.env().get(keyVariable)));
    }
    CliText text;
    try {
      text = new CliText(UiLanguage.choose(optionValue(args, "--ui-lang"), context.env()));
    } catch (DataSynthException e) {
      text = CliText.english();
    }
    return new Failures(redactor, System.getProperty("datasynth.launcher"), Runtime.getRuntime().maxMemory(), text);
  }

  static CommandLine commandLine(CliContext context, PrintWriter out, PrintWriter err) {
    return commandLine(context, out, err, failures(context, new String[0]));
  }

  static CommandLine commandLine(CliContext context, PrintWriter out, PrintWriter err, Failures failures) {
    return commandLine(context, out, err, failures, DataSynthCommand.COMMANDS);
  }

  /** The command line with only these verbs; the settings below reach only verbs added before them. */
  private static CommandLine commandLine(CliContext context, PrintWriter out, PrintWriter err, Failures failures,
      List<Class<?>> verbs) {
    CommandLine cmd = new CommandLine(new DataSynthCommand(context));
    verbs.forEach(cmd::addSubcommand);
    CliText text = context.text();
    if (text.chinese()) {
      cmd.setResourceBundle(HelpText.bundle(context.uiLocale()));
    }
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    CommandOptions.apply(cmd);
    cmd.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      List<String> inert = ex instanceof CommandLine.UnmatchedArgumentException u ? u.getUnmatched().stream()
          .map(a -> a.contains("=") ? a.substring(0, a.indexOf('=')) : a)
          .filter(a -> CommandOptions.inert(c.getCommandName(), a)).toList() : List.of();
      c.getErr().println(text.text("cli.error", inert.isEmpty() ? ParameterErrors.describe(ex, args, text)
          : text.text("cli.option.inert", String.join(", ", inert), c.getCommandName())));
      if (inert.isEmpty() && ex instanceof CommandLine.UnmatchedArgumentException u) {
        List<String> near = suggestions(u, c);
        if (!near.isEmpty()) {
          c.getErr().println(text.text("cli.did_you_mean", String.join(", ", near)));
        }
      }
      c.getErr().println(text.text("cli.see_help", "datasynth " + (c.getCommandName().equals("datasynth") ? ""
          : c.getCommandName() + " ") + "--help"));
      c.getErr().flush();
      return ExitCode.USAGE;
    });
    cmd.setExecutionExceptionHandler((ex, c, parseResult) -> {
      boolean trace = hasStacktrace(parseResult);
      if (ex instanceof DataSynthException d) {
        c.getErr().println(text.text("cli.error", failures.redactor().scrub(text.message(d))));
      } else {
        c.getErr().println(failures.describe(ex));
      }
      if (trace) {
        ex.printStackTrace(c.getErr());
      }
      c.getErr().flush();
      return ex instanceof DataSynthException d && d.isUsageError() ? ExitCode.USAGE : ExitCode.FAILED;
    });
    return cmd;
  }

  /** The known options and commands nearest to the unmatched arguments, picocli's own or by edit distance. */
  private static List<String> suggestions(CommandLine.UnmatchedArgumentException u, CommandLine c) {
    java.util.Set<String> near = new java.util.LinkedHashSet<>();
    java.util.Set<String> options = new java.util.TreeSet<>(c.getCommandSpec().optionsMap().keySet());
    options.removeIf(o -> !o.startsWith("--"));
    for (String arg : u.getUnmatched()) {
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      io.datasynth.text.Suggestions.closest(name, name.startsWith("-") ? options : c.getSubcommands().keySet())
          .ifPresent(near::add);
    }
    if (near.isEmpty()) {
      near.addAll(u.getSuggestions());
    }
    return List.copyOf(near);
  }

  private static boolean hasStacktrace(CommandLine.ParseResult r) {
    for (CommandLine.ParseResult p = r; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--stacktrace")) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasStacktrace(String[] args) {
    return List.of(args).contains("--stacktrace");
  }

  /**
   * The verbs a command line needs: only the one it names, as building the options of all of them by reflection
   * costs about a tenth of a second of CPU at every start; all for help, for a config file (its keys are checked
   * against every verb's options), for an option before the verb and for a word that names none (the error then
   * suggests the nearest).
   */
  static List<Class<?>> verbs(String[] args) {
    String word = verbWord(args);
    if (word != null && configOption(args) == null) {
      for (Class<?> verb : DataSynthCommand.COMMANDS) {
        CommandLine.Command c = verb.getAnnotation(CommandLine.Command.class);
        if (!c.name().equals("help") && (c.name().equals(word) || List.of(c.aliases()).contains(word))) {
          return List.of(verb);
        }
      }
    }
    return DataSynthCommand.COMMANDS;
  }

  /**
   * The first argument, or the one after {@code --ui-lang} and its value; null when another option comes first (a
   * {@code --help} there lists every verb).
   */
  private static String verbWord(String[] args) {
    int i = 0;
    if (args.length > 0 && args[0].startsWith("--ui-lang")) {
      i = args[0].equals("--ui-lang") ? 2 : 1;
    }
    return i < args.length && !args[i].startsWith("-") ? args[i] : null;
  }

  private static Path configOption(String[] args) {
    String v = optionValue(args, "--config");
    return v == null ? null : Path.of(v);
  }

  /** The value of {@code --name VALUE} or {@code --name=VALUE} on the command line, or null. */
  private static String optionValue(String[] args, String name) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(name) && i + 1 < args.length) {
        return args[i + 1];
      }
      if (args[i].startsWith(name + "=")) {
        return args[i].substring(name.length() + 1);
      }
    }
    return null;
  }

  /** Logs go to stderr (stdout carries results and, for the MCP server, the protocol); -v shows debug. */
  private static void configureLogging(String[] args) {
    boolean verbose = false;
    for (String a : args) {
      if (a.equals("-v") || a.equals("--verbose")) {
        verbose = true;
      }
    }
    setDefault("org.slf4j.simpleLogger.logFile", "System.err");
    setDefault("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    setDefault("org.slf4j.simpleLogger.showDateTime", "true");
    setDefault("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    if (verbose) {
      System.setProperty("org.slf4j.simpleLogger.log.io.datasynth", "debug");
    }
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
