package io.datasynth.error;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An input file that cannot be used: unreadable, not JSON, the wrong shape, or in conflict with the schema.
 *
 * <p>The message reads {@code FILE:LINE:COLUMN: what is wrong; what to do}, with the position left out
 * when it is not known.
 */
public final class InputException extends DataSynthException {
  private final Path file;
  private final int line;
  private final int column;

  private InputException(Path file, int line, int column, String problem, String fix, Throwable cause) {
    super(format(file, line, column, problem, fix), cause);
    this.file = file;
    this.line = line;
    this.column = column;
  }

  /** A problem with the whole file; {@code fix} says what to do and may be null. */
  public static InputException of(Path file, String problem, String fix) {
    return new InputException(file, 0, 0, problem, fix, null);
  }

  /** A problem at a 1-based line and column (0 when unknown). */
  public static InputException at(Path file, int line, int column, String problem, String fix) {
    return new InputException(file, line, column, problem, fix, null);
  }

  public static InputException at(
      Path file, int line, int column, String problem, String fix, Throwable cause) {
    return new InputException(file, line, column, problem, fix, cause);
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

  @Override
  public boolean isUsageError() {
    return true;
  }

  private static String format(Path file, int line, int column, String problem, String fix) {
    Objects.requireNonNull(problem, "problem");
    StringBuilder sb = new StringBuilder();
    if (file != null) {
      sb.append(file);
      if (line > 0) {
        sb.append(':').append(line);
        if (column > 0) {
          sb.append(':').append(column);
        }
      }
      sb.append(": ");
    }
    sb.append(problem);
    if (fix != null && !fix.isBlank()) {
      sb.append("; ").append(fix);
    }
    return sb.toString();
  }
}
