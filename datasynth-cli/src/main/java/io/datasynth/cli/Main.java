package io.datasynth.cli;

import io.datasynth.error.DataSynthException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * The {@code datasynth} command line. Exceptions become exit codes in one place: bad usage or input 2, a failed
 * run 1; stack traces only with {@code --stacktrace}. {@link System#exit} is called here and nowhere else.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    configureLogging(args);
    PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
        StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
        StandardCharsets.UTF_8), true);
    int code = run(args, CliContext.system(), out, err);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs a command line in-process and returns its exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, CliContext.system(), out, err);
  }

  static int run(String[] args, CliContext context, PrintWriter out, PrintWriter err) {
    CommandLine cmd = commandLine(context, out, err);
    Path config = configOption(args);
    if (config != null) {
      try {
        ConfigFile file = ConfigFile.load(config, cmd);
        cmd.setDefaultValueProvider(file);
        cmd.setParameterExceptionHandler(file.naming(cmd.getParameterExceptionHandler()));
        cmd.setExecutionExceptionHandler(file.namingSettings(cmd.getExecutionExceptionHandler()));
      } catch (DataSynthException e) {
        err.println("error: " + e.getMessage());
        err.flush();
        return ExitCode.USAGE;
      }
    }
    return cmd.execute(args);
  }

  static CommandLine commandLine(CliContext context, PrintWriter out, PrintWriter err) {
    CommandLine cmd = new CommandLine(new DataSynthCommand(context));
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("error: " + ex.getMessage());
      c.getErr().println("see: datasynth " + (c.getCommandName().equals("datasynth") ? "" : c.getCommandName() + " ")
          + "--help");
      c.getErr().flush();
      return ExitCode.USAGE;
    });
    cmd.setExecutionExceptionHandler((ex, c, parseResult) -> {
      boolean trace = hasStacktrace(parseResult);
      if (ex instanceof DataSynthException d) {
        c.getErr().println("error: " + d.getMessage());
        if (trace) {
          d.printStackTrace(c.getErr());
        }
        c.getErr().flush();
        return d.isUsageError() ? ExitCode.USAGE : ExitCode.FAILED;
      }
      c.getErr().println("internal error: " + ex + (trace ? "" : " (re-run with --stacktrace for details and "
          + "report it)"));
      if (trace) {
        ex.printStackTrace(c.getErr());
      }
      c.getErr().flush();
      return ExitCode.FAILED;
    });
    return cmd;
  }

  private static boolean hasStacktrace(CommandLine.ParseResult r) {
    for (CommandLine.ParseResult p = r; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--stacktrace")) {
        return true;
      }
    }
    return false;
  }

  private static Path configOption(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        return Path.of(args[i + 1]);
      }
      if (args[i].startsWith("--config=")) {
        return Path.of(args[i].substring("--config=".length()));
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
