package io.datasynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The shaded {@code datasynth.jar} run as a child process, the way a user runs it, with its output in files (so a
 * full pipe never blocks it) and the means to kill it or press Ctrl-C.
 */
final class ChildProcess {
  /** Waits are generous: a slow CI box must never fail a test by timing. */
  static final Duration PATIENCE = Duration.ofSeconds(90);

  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private ChildProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  static Path jar() {
    Path jar = Path.of("target", "datasynth.jar").toAbsolutePath();
    assertThat(jar).as("the shaded jar; run through `./mvnw verify`").exists();
    return jar;
  }

  /**
   * Starts {@code java -jar datasynth.jar args} in {@code dir}, with the environment of this JVM minus any real
   * keys, plus {@code env}.
   */
  static ChildProcess start(Path dir, Map<String, String> env, List<String> args, String name) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().keySet().removeIf(k -> k.endsWith("_API_KEY") || k.endsWith("_BASE_URL"));
    pb.environment().putAll(env);
    Path out = dir.resolve(name + ".stdout.txt");
    Path err = dir.resolve(name + ".stderr.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    try {
      return new ChildProcess(pb.start(), out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL on Linux: no handler runs, nothing is flushed. */
  void kill() {
    process.destroyForcibly();
    waitFor();
  }

  /** Sends SIGINT, as Ctrl-C in a terminal does. */
  void interrupt() {
    try {
      Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid())).inheritIO().start();
      assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(kill.exitValue()).as("kill -INT " + pid()).isZero();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Waits for the process to end and returns its exit code. */
  int waitFor() {
    try {
      if (!process.waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("datasynth did not end within " + PATIENCE + "; stderr:\n" + stderr());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  String stdout() {
    return read(stdout);
  }

  String stderr() {
    return read(stderr);
  }

  /** Both streams, for assertion messages. */
  String output() {
    return "stdout:\n" + stdout() + "\nstderr:\n" + stderr();
  }

  /**
   * Polls {@code condition} until it holds or the process ends; true when it holds.
   *
   * @throws AssertionError when neither happens within {@link #PATIENCE}
   */
  boolean awaitWhileAlive(BooleanSupplier condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      if (!process.isAlive()) {
        return condition.getAsBoolean();
      }
      pause(2);
    }
    throw new AssertionError("condition not reached within " + PATIENCE + "; " + output());
  }

  /** Polls {@code condition} until it holds; for conditions outside any child. */
  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached within " + PATIENCE + ": " + what);
      }
      pause(5);
    }
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String read(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
