package io.datasynth.spark;

import io.datasynth.cli.CliText;
import io.datasynth.cli.ExitCode;
import io.datasynth.error.DataSynthException;
import io.datasynth.secret.Redactor;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;

/**
 * The Spark application: {@code spark-submit --class io.datasynth.spark.SparkMain datasynth-spark.jar …}. Bad
 * usage or input exits 2, a failed or unfinished job 1; stack traces only with {@code --stacktrace}. {@link
 * System#exit} is called here and nowhere else.
 */
public final class SparkMain {
  private SparkMain() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
        StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
        StandardCharsets.UTF_8), true);
    SparkSession[] made = new SparkSession[1];
    int code = run(args, () -> made[0] = SparkSession.builder().appName("datasynth").getOrCreate(), System.getenv(),
        out, err);
    if (made[0] != null) {
      made[0].stop();
    }
    System.exit(code);
  }

  /**
   * Runs the application in-process on a session and returns its exit code.
   *
   * @param session gives the session; asked only once the arguments are known to be good
   */
  public static int run(String[] args, Supplier<SparkSession> session, Map<String, String> env, PrintWriter out,
      PrintWriter err) {
    return run(args, session, env, out, err, JournalProbe.NONE);
  }

  /** The same, with a probe that sees every partition's journal appends (tests stop tasks with it). */
  static int run(String[] args, Supplier<SparkSession> session, Map<String, String> env, PrintWriter out,
      PrintWriter err, JournalProbe probe) {
    Redactor redactor = Redactor.forEnvironment(env);
    CliText text = CliText.forEnvironment(env);
    boolean trace = List.of(args).contains("--stacktrace");
    CommandLine cmd = new CommandLine(new SparkCommand(session, env, out, err, probe));
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setParameterExceptionHandler((ex, a) -> {
      err.println(text.text("cli.error", ex.getMessage()));
      err.println(text.text("cli.see_help", "datasynth-spark --help"));
      err.flush();
      return ExitCode.USAGE;
    });
    cmd.setExecutionExceptionHandler((ex, c, parsed) -> {
      if (ex instanceof DataSynthException d) {
        err.println(text.text("cli.error", redactor.scrub(text.message(d))));
      } else {
        err.println(text.text("spark.internal_error", io.datasynth.text.Spaces.collapse(redactor.scrub(String.valueOf(ex)))));
      }
      if (trace) {
        ex.printStackTrace(err);
      }
      err.flush();
      return ex instanceof DataSynthException d && d.isUsageError() ? ExitCode.USAGE : ExitCode.FAILED;
    });
    try {
      return cmd.execute(args);
    } catch (Throwable t) {
      err.println(text.text("spark.internal_error", redactor.scrub(String.valueOf(t))));
      err.flush();
      return ExitCode.FAILED;
    }
  }
}
