package io.datasynth.json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a byte source, cut at {@code \n} from 64 KiB chunks: each chunk is scanned for the newline and whole
 * runs are copied, where a read per byte (of a {@code BufferedInputStream}, say) takes a lock every time. The
 * newline is not part of a line; a {@code \r} before it is. Not thread-safe.
 */
public final class ChunkedLines {
  /** Where the bytes come from, as {@link java.io.InputStream#read(byte[], int, int)}: -1 at the end. */
  @FunctionalInterface
  public interface Source {
    int read(byte[] into, int offset, int length) throws IOException;
  }

  private final Source source;
  private final byte[] chunk = new byte[1 << 16];
  private int pos;
  private int limit;
  private boolean eof;
  private byte[] line = new byte[1 << 12];
  private int length;
  private boolean terminated;
  private long end;

  public ChunkedLines(Source source) {
    this.source = source;
  }

  /** Moves to the next line; false at the end of the source (a last line without a newline is still a line). */
  public boolean next() throws IOException {
    length = 0;
    while (true) {
      if (pos < limit) {
        int nl = pos;
        while (nl < limit && chunk[nl] != '\n') {
          nl++;
        }
        int take = nl - pos;
        if (length + take > line.length) {
          line = Arrays.copyOf(line, Math.max(line.length * 2, length + take));
        }
        System.arraycopy(chunk, pos, line, length, take);
        length += take;
        end += take;
        pos = nl;
        if (nl < limit) {
          pos++;
          end++;
          terminated = true;
          return true;
        }
      }
      if (eof) {
        terminated = false;
        return length > 0;
      }
      int n = source.read(chunk, 0, chunk.length);
      pos = 0;
      limit = Math.max(0, n);
      eof = n < 0;
    }
  }

  /** The current line's bytes, {@link #length} of them; valid until the next {@link #next}. */
  public byte[] bytes() {
    return line;
  }

  public int length() {
    return length;
  }

  /** The current line as UTF-8 text, malformed bytes replaced. */
  public String text() {
    return new String(line, 0, length, StandardCharsets.UTF_8);
  }

  /** Whether the current line is empty or whitespace only, as {@link String#isBlank} of its {@link #text}. */
  public boolean blank() {
    for (int i = 0; i < length; i++) {
      byte b = line[i];
      if (b < 0) {
        return text().isBlank(); // a multi-byte character: whitespace beyond ASCII is the JDK's to judge
      }
      if (!io.datasynth.text.Spaces.isAsciiWhitespace(b)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the current line ended with a newline (the last line of a torn file does not). */
  public boolean terminated() {
    return terminated;
  }

  /** The offset just past the current line and its newline: where the next line starts. */
  public long end() {
    return end;
  }
}
