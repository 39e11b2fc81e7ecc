package io.datasynth.mcp;

import io.modelcontextprotocol.client.transport.ServerParameters;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The server as a child process: the command line that starts it (the shaded jar built in {@code package}, else the
 * test class path), and a raw line-by-line handle for tests of what the SDK client cannot do (closing stdin early,
 * sending a cancellation or a broken line).
 */
final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final OutputStream stdin;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> stderr = new CopyOnWriteArrayList<>();

  private ServerProcess(Process process) {
    this.process = process;
    this.stdin = process.getOutputStream();
    pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), lines::add);
    pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), stderr::add);
  }

  static List<String> command(Path root) {
    return cli("mcp", "--root", root.toAbsolutePath().toString());
  }

  /** The command line of {@code datasynth ARGS} in a JVM of its own (a CLI run beside the server, say). */
  static List<String> cli(String... args) {
    Path jar = Path.of("target", "datasynth.jar");
    String classPath = freshJar(jar) ? jar.toAbsolutePath().toString() : System.getProperty("java.class.path");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8", "-cp", classPath,
        "io.datasynth.cli.Main"));
    cmd.addAll(List.of(args));
    return List.copyOf(cmd);
  }

  /**
   * Whether the shaded jar exists and holds the classes just compiled: ITs run by surefire (before {@code package})
   * would otherwise test the jar of an earlier build.
   */
  static boolean freshJar(Path jar) {
    if (!Files.isRegularFile(jar)) {
      return false;
    }
    try (var files = Files.walk(Path.of("target", "classes"))) {
      long newest = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().lastModified()).max().orElse(0);
      return jar.toFile().lastModified() >= newest;
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  /** What the SDK's stdio client needs to start the server. */
  static ServerParameters parameters(Path root, Map<String, String> env) {
    List<String> cmd = command(root);
    return ServerParameters.builder(cmd.get(0)).args(cmd.subList(1, cmd.size())).env(env).build();
  }

  static ServerProcess start(Path root, Map<String, String> env) {
    return start(command(root), env, false);
  }

  /** Starts the server with {@code -v}, so that its informational log lines are on stderr too. */
  static ServerProcess startVerbose(Path root, Map<String, String> env) {
    List<String> cmd = new ArrayList<>(command(root));
    cmd.add("-v");
    return start(cmd, env, false);
  }

  /**
   * Starts a command.
   *
   * @param bare whether the process gets only {@code env} (as MCP clients that pass a minimal environment do)
   *     instead of this process's environment plus {@code env}
   */
  static ServerProcess start(List<String> command, Map<String, String> env, boolean bare) {
    ProcessBuilder pb = new ProcessBuilder(command);
    if (bare) {
      pb.environment().clear();
    }
    pb.environment().putAll(env);
    try {
      return new ServerProcess(pb.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends lines to the server's stdin. */
  ServerProcess send(String... messages) {
    try {
      for (String m : messages) {
        stdin.write((m + "\n").getBytes(StandardCharsets.UTF_8));
      }
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Closes the server's stdin, as a client does when it is done. */
  void closeStdin() {
    try {
      stdin.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next stdout line that matches, waiting up to {@code timeout}; skipped lines are returned too. */
  String await(Predicate<String> match, Duration timeout, List<String> skipped) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("no matching line within " + timeout + "; skipped " + skipped + "; stderr "
            + stderr);
      }
      if (match.test(line)) {
        return line;
      }
      skipped.add(line);
    }
  }

  /** Every stdout line until the server exits, waiting up to {@code timeout} for the exit. */
  List<String> drainUntilExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the server did not exit within " + timeout + "; stderr " + stderr);
    }
    Thread.sleep(100);
    List<String> rest = new ArrayList<>();
    lines.drainTo(rest);
    return rest;
  }

  int exitValue() {
    return process.exitValue();
  }

  List<String> stderr() {
    return stderr;
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  private static void pump(BufferedReader reader, java.util.function.Consumer<String> sink) {
    Thread t = new Thread(() -> {
      try (reader) {
        for (String line; (line = reader.readLine()) != null; ) {
          sink.accept(line);
        }
      } catch (IOException ignored) {
        // the process ended
      }
    }, "server-output");
    t.setDaemon(true);
    t.start();
  }
}
