package io.datasynth.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a stream as strict UTF-8, skipping one leading byte-order mark, and stops at a byte limit. Problems are
 * thrown as {@link Problem}s that say where they are, so the caller can name the file, line and byte. Not
 * thread-safe.
 */
final class Utf8Reader extends Reader {
  /** Something wrong with the bytes: not UTF-8, UTF-16, or past the limit. */
  static final class Problem extends IOException {
    enum Kind { NOT_UTF8, UTF16, TOO_LARGE }

    final Kind kind;
    final long offset;
    final int line;
    final int badByte;

    Problem(Kind kind, long offset, int line, int badByte) {
      super(kind + " at byte " + offset);
      this.kind = kind;
      this.offset = offset;
      this.line = line;
      this.badByte = badByte;
    }
  }

  private final InputStream in;
  private final long limit;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
  private final CharBuffer chars = CharBuffer.allocate(64 * 1024);
  /** Bytes before {@link #bytes}' start; newlines among them. */
  private long consumed;
  private int lines = 1;
  private boolean started;
  private boolean eof;
  private boolean flushed;

  Utf8Reader(InputStream in, long limit) {
    this.in = in;
    this.limit = limit;
    bytes.flip();
    chars.flip();
  }

  @Override
  public int read(char[] buf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (!chars.hasRemaining()) {
      if (!fill()) {
        return -1;
      }
    }
    int n = Math.min(len, chars.remaining());
    chars.get(buf, off, n);
    return n;
  }

  /** Decodes more characters; false at the end of the input. */
  private boolean fill() throws IOException {
    chars.clear();
    try {
      while (chars.position() == 0 && !flushed) {
        if (!eof && bytes.remaining() < 4) {
          readMore();
        }
        int before = bytes.position();
        CoderResult r = decoder.decode(bytes, chars, eof);
        count(before, bytes.position());
        if (r.isError()) {
          throw notUtf8(bytes.position());
        }
        if (eof && !bytes.hasRemaining()) {
          if (decoder.flush(chars).isError()) {
            throw notUtf8(bytes.position());
          }
          flushed = true;
        }
      }
    } finally {
      chars.flip();
    }
    return chars.hasRemaining();
  }

  private void readMore() throws IOException {
    consumed += bytes.position();
    bytes.compact();
    readInto();
    bytes.flip();
    if (!started) {
      startOfInput();
    }
    if (consumed + bytes.limit() > limit) {
      throw new Problem(Problem.Kind.TOO_LARGE, limit, 0, 0);
    }
  }

  /** Reads into the buffer (in write mode) once; marks the end of the input. */
  private void readInto() throws IOException {
    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
    if (n < 0) {
      eof = true;
    } else {
      bytes.position(bytes.position() + n);
    }
  }

  /** Skips a UTF-8 byte-order mark and recognises UTF-16 by its own. */
  private void startOfInput() throws IOException {
    while (bytes.remaining() < 3 && !eof) {
      bytes.compact();
      readInto();
      bytes.flip();
    }
    started = true;
    int b0 = bytes.remaining() > 0 ? bytes.get(0) & 0xFF : -1;
    int b1 = bytes.remaining() > 1 ? bytes.get(1) & 0xFF : -1;
    int b2 = bytes.remaining() > 2 ? bytes.get(2) & 0xFF : -1;
    if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
      bytes.position(3);
    } else if (b0 == 0xFF && b1 == 0xFE || b0 == 0xFE && b1 == 0xFF) {
      throw new Problem(Problem.Kind.UTF16, 0, 1, b0);
    }
  }

  /** Counts the newlines in bytes [from, to) of the buffer. */
  private void count(int from, int to) {
    byte[] a = bytes.array();
    for (int i = from; i < to; i++) {
      if (a[i] == '\n') {
        lines++;
      }
    }
  }

  private Problem notUtf8(int at) {
    // The decoder stops at the first byte of a bad sequence; report that byte.
    long offset = consumed + at;
    int bad = at < bytes.limit() ? bytes.get(at) & 0xFF : bytes.get(Math.max(0, at - 1)) & 0xFF;
    return new Problem(Problem.Kind.NOT_UTF8, offset, lines, bad);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
