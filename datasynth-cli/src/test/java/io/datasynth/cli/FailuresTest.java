package io.datasynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasynth.error.InputException;
import io.datasynth.error.RunAbortedException;
import io.datasynth.secret.Redactor;
import io.datasynth.text.Message;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Failures nobody planned for become one line that says what to do, never a stack trace. */
class FailuresTest {
  static final String KEY = "sk-ant-api03-Fa7Qm2Zx9Lp4RvT8kW3nB6cD1fG5hJ0a";
  static final Path JOURNAL = Path.of("out", "synthetic.journal.jsonl");

  final Failures fromLauncher = new Failures(Redactor.of(KEY), "bin/datasynth", 4L << 30);
  final Failures fromJar = new Failures(Redactor.of(KEY), null, 1L << 30);

  static Throwable aborted(Throwable cause) {
    return RunAbortedException.of(cause, JOURNAL, 42);
  }

  @Nested
  class RunningOutOfMemory {
    @Test
    void saysSoAndHowToGiveJavaMoreTheWayItWasStarted() {
      assertThat(fromLauncher.describe(new OutOfMemoryError("Java heap space")))
          .isEqualTo("error: DataSynth ran out of memory (the Java heap of 4.0 GiB is full); give Java more memory: "
              + "DATASYNTH_JAVA_OPTS=-Xmx8g bin/datasynth …");
      assertThat(fromJar.describe(new OutOfMemoryError()))
          .contains("java -Xmx2g -jar datasynth.jar …").contains("DATASYNTH_JAVA_OPTS=-Xmx2g");
      assertThat(new Failures(Redactor.none(), null, 24L << 20).describe(new OutOfMemoryError()))
          .contains("the Java heap of 24 MiB is full");
    }

    @Test
    void duringARunSaysTheJournalIsIntactAndTheRunResumes() {
      assertThat(fromLauncher.describe(aborted(new OutOfMemoryError("Java heap space"))))
          .startsWith("error: DataSynth ran out of memory")
          .contains("its journal " + JOURNAL + " is intact (42 records): run the same command again to resume")
          .contains("-Xmx8g");
    }

    @Test
    void isRecognisedWhereverItIsInTheCauses() {
      assertThat(fromJar.describe(new IllegalStateException("bug while handling a reply",
          new java.util.concurrent.CompletionException(new OutOfMemoryError())))).contains("ran out of memory");
    }
  }

  @Nested
  class ABug {
    @Test
    void isOneLineWithTheFailureAndWhereToLook() {
      assertThat(fromJar.describe(new IllegalStateException("boom\nsecond line")))
          .isEqualTo("internal error: java.lang.IllegalStateException: boom second line (re-run with --stacktrace "
              + "for details and report it)");
    }

    @Test
    void duringARunNamesTheFailureNotTheWrapperAndSaysTheJournalIsIntact() {
      assertThat(fromJar.describe(aborted(new NullPointerException("x is null"))))
          .startsWith("internal error: java.lang.NullPointerException: x is null; the run stopped, and its journal "
              + JOURNAL + " is intact (42 records)");
    }

    @Test
    void neverQuotesAKey() {
      assertThat(fromJar.describe(new IllegalArgumentException("invalid header value: " + KEY)))
          .doesNotContain(KEY).doesNotContain(KEY.substring(13)).contains("[redacted]");
    }

    @Test
    void thatIsAnExpectedFailureIsNotWrapped() {
      InputException bad = InputException.of(Path.of("s.json"), Message.of("input.empty"), null);
      assertThat(RunAbortedException.of(bad, JOURNAL, 1)).isSameAs(bad);
    }
  }

  @Command(name = "boom")
  static final class Boom implements Callable<Integer> {
    final Throwable failure;

    Boom(Throwable failure) {
      this.failure = failure;
    }

    @Override
    public Integer call() throws Exception {
      if (failure instanceof Error e) {
        throw e;
      }
      throw (Exception) failure;
    }
  }

  static Cli.Result run(Throwable failure, String... more) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(Map.of("ANTHROPIC_API_KEY", KEY), Path.of("."), false,
        java.io.InputStream.nullInputStream());
    String[] args = more.length == 0 ? new String[] {"boom"} : new String[] {"boom", more[0]};
    int code;
    try (PrintWriter o = new PrintWriter(out, true); PrintWriter e = new PrintWriter(err, true)) {
      Failures failures = Main.failures(context, args);
      CommandLine cmd = Main.commandLine(context, o, e, failures);
      CommandLine boom = new CommandLine(new Boom(failure));
      boom.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("--stacktrace").build());
      boom.setOut(o);
      boom.setErr(e);
      cmd.addSubcommand("boom", boom);
      code = Main.execute(cmd, args, e, failures);
    }
    return new Cli.Result(code, out.toString(), err.toString());
  }

  @Nested
  class TheCommandLine {
    @Test
    void turnsAnOutOfMemoryErrorIntoOneLineAndExitOne() {
      Cli.Result r = run(new OutOfMemoryError("Java heap space"));

      assertThat(r.code()).isEqualTo(1);
      assertThat(r.errLines()).singleElement().asString().startsWith("error: DataSynth ran out of memory")
          .contains("-Xmx");
      assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void turnsABugDuringARunIntoOneLineThatSaysTheRunResumes() {
      Cli.Result r = run(aborted(new ArrayIndexOutOfBoundsException("Index 7 out of bounds for length 7")));

      assertThat(r.code()).isEqualTo(1);
      assertThat(r.errLines()).singleElement().asString().startsWith("internal error: java.lang.ArrayIndex")
          .contains("journal " + JOURNAL + " is intact").contains("run the same command again to resume");
    }

    @Test
    void masksTheEnvironmentsKeysInAnyMessage() {
      Cli.Result r = run(new IllegalStateException("request with x-api-key: " + KEY));

      assertThat(r.err()).doesNotContain(KEY).doesNotContain(KEY.substring(7)).contains("[redacted]");
    }

    @Test
    void showsTheTraceOnlyWithStacktrace() {
      assertThat(run(new OutOfMemoryError(), "--stacktrace").err()).contains("\tat ");
      assertThat(run(new IllegalStateException("x"), "--stacktrace").err()).contains("\tat ");
    }
  }
}
