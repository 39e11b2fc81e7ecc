package io.datasynth.error;

import io.datasynth.text.Message;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An input file that cannot be used: unreadable, not JSON, the wrong shape, or in conflict with the schema.
 *
 * <p>The message reads {@code FILE:LINE:COLUMN: what is wrong; what to do}, with the position left out when it is
 * not known. What is wrong and what to do are {@link Message}s, rendered in the user's language by each adapter.
 */
public final class InputException extends DataSynthException {
  private final Path file;
  private final int line;
  private final int column;
  private final transient Message problem;
  private final transient Message fix;

  private InputException(Path file, int line, int column, Message problem, Message fix, Throwable cause) {
    super(detail(file, line, column, problem, fix), cause);
    this.file = file;
    this.line = line;
    this.column = column;
    this.problem = problem;
    this.fix = fix;
  }

  /** A problem with the whole file; {@code fix} says what to do and may be null. */
  public static InputException of(Path file, Message problem, Message fix) {
    return new InputException(file, 0, 0, Objects.requireNonNull(problem, "problem"), fix, null);
  }

  /** A problem at a 1-based line and column (0 when unknown); {@code fix} may be null. */
  public static InputException at(Path file, int line, int column, Message problem, Message fix) {
    return new InputException(file, line, column, Objects.requireNonNull(problem, "problem"), fix, null);
  }

  public static InputException at(Path file, int line, int column, Message problem, Message fix, Throwable cause) {
    return new InputException(file, line, column, Objects.requireNonNull(problem, "problem"), fix, cause);
  }

  /** The file at fault; null when the input did not come from a file. */
  public Path file() {
    return file;
  }

  /** The 1-based line, or 0 when unknown. */
  public int line() {
    return line;
  }

  /** The 1-based column, or 0 when unknown. */
  public int column() {
    return column;
  }

  /** What is wrong, as data; never null. */
  public Message problem() {
    return problem;
  }

  /** What to do, as data; null when there is no advice. */
  public Message fix() {
    return fix;
  }

  @Override
  public boolean isUsageError() {
    return true;
  }

  /** {@code FILE:LINE:COLUMN: } or empty: the same in every language. */
  private static String location(Path file, int line, int column) {
    if (file == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder().append(file);
    if (line > 0) {
      sb.append(':').append(line);
      if (column > 0) {
        sb.append(':').append(column);
      }
    }
    return sb.append(": ").toString();
  }

  private static Message detail(Path file, int line, int column, Message problem, Message fix) {
    String where = location(file, line, column);
    return fix == null ? Message.of("input.problem", where, problem)
        : Message.of("input.problem.fix", where, problem, fix);
  }
}
