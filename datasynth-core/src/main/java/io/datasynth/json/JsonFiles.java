package io.datasynth.json;

import java.nio.charset.StandardCharsets;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.ByteBuffer;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.error.InputException;
import io.datasynth.text.Message;
import com.fasterxml.jackson.core.JsonParser;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the files users give DataSynth: strict UTF-8 (a leading BOM is skipped), JSON or JSON Lines, with every
 * problem reported as an {@link InputException} naming the file, the line and column, and the fix.
 *
 * <p>Only ordinary files are read: a folder, a device such as {@code /dev/zero} or a FIFO is refused before it is
 * opened, so nothing blocks or runs out of memory. Each kind of input has its size limit ({@link InputKind}), named
 * in the error; JSON is parsed as it is read, never first copied into one string.
 */
public final class JsonFiles {
  /** The limit of {@link InputKind#OTHER}, for callers that do not say what they read. */
  public static final long MAX_INPUT_BYTES = InputKind.OTHER.maxBytes();

  private static final Pattern DUPLICATE_KEY = Pattern.compile("^Duplicate field '(.*)' for `");

  private JsonFiles() {}

  /** One JSON value and the 1-based line it started on. */
  public record Line(int number, JsonNode value) {}

  /**
   * What a JSON or JSON Lines file holds: one document, or values one per line.
   *
   * @param values the values with their lines; none for an empty file
   * @param isLines whether the file is JSON Lines: named {@code .jsonl}, or holding more than one value
   */
  public record Values(List<Line> values, boolean isLines) {
    public Values {
      values = List.copyOf(values);
    }
  }

  /** Reads a whole text file as UTF-8, failing with a clear message for missing, unreadable or non-UTF-8 files. */
  public static String readText(Path file) {
    return readText(file, InputKind.OTHER);
  }

  /** Reads a whole text file of the given kind as UTF-8, up to that kind's size limit. */
  public static String readText(Path file, InputKind kind) {
    try (Reader r = open(file, kind)) {
      StringBuilder sb = new StringBuilder((int) Math.min(size(file), 1 << 20));
      char[] buf = new char[16 * 1024];
      for (int n; (n = r.read(buf)) >= 0; ) {
        sb.append(buf, 0, n);
      }
      return sb.toString();
    } catch (IOException e) {
      throw readError(file, kind, e);
    }
  }

  /**
   * Reads a stream (standard input) as UTF-8 text up to the kind's limit, without waiting for more than it allows.
   *
   * @param name names the stream in errors, e.g. {@code stdin}
   */
  public static String readText(InputStream in, Path name, InputKind kind) {
    return readText(in, name, kind, kind.maxBytes());
  }

  private static String readText(InputStream in, Path name, InputKind kind, long limit) {
    try {
      Reader r = new Utf8Reader(in, limit);
      StringBuilder sb = new StringBuilder();
      char[] buf = new char[16 * 1024];
      for (int n; (n = r.read(buf)) >= 0; ) {
        sb.append(buf, 0, n);
      }
      return sb.toString();
    } catch (IOException e) {
      throw readError(name, kind, e);
    }
  }

  /**
   * Decodes one line of a file read line by line, strictly, with the same errors as {@link #decodeUtf8}.
   *
   * @param number the line's 1-based number; the first line may start with a byte-order mark
   * @param offset the file offset of the line's first byte, for errors
   */
  public static String decodeUtf8Line(Path file, int number, long offset, byte[] line, int length) {
    int start = number == 1 && length >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB
        && (line[2] & 0xFF) == 0xBF ? 3 : 0;
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return decoder.decode(ByteBuffer.wrap(line, start, length - start)).toString();
    } catch (CharacterCodingException e) {
      if (number == 1 && length >= 2 && ((line[0] & 0xFF) == 0xFF && (line[1] & 0xFF) == 0xFE
          || (line[0] & 0xFF) == 0xFE && (line[1] & 0xFF) == 0xFF)) {
        throw utf16(file);
      }
      int bad = firstInvalidUtf8(java.util.Arrays.copyOf(line, length), start);
      throw notUtf8(file, number, line[bad], offset + bad);
    }
  }

  private static InputException utf16(Path file) {
    return InputException.of(file, Message.of("input.utf16"), Message.of("input.utf16.fix", file.getFileName()));
  }

  private static InputException notUtf8(Path file, int line, byte bad, long offset) {
    return InputException.at(file, line, 0, Message.of("input.not_utf8", String.format("%02X", bad & 0xFF), offset),
        Message.of("input.not_utf8.fix", file.getFileName()));
  }

  /** Decodes UTF-8 strictly, skipping one leading byte-order mark. */
  public static String decodeUtf8(Path file, byte[] bytes) {
    return readText(new ByteArrayInputStream(bytes), file, InputKind.OTHER, Long.MAX_VALUE);
  }

  /** Parses a file holding one JSON value. */
  public static JsonNode readJson(Path file) {
    return readJson(file, InputKind.OTHER);
  }

  /** Parses a file of the given kind holding one JSON value, as it is read. */
  public static JsonNode readJson(Path file, InputKind kind) {
    try (Reader r = open(file, kind); JsonParser p = Json.mapper().createParser(r)) {
      if (p.nextToken() == null) {
        throw empty(file);
      }
      JsonNode root = Json.readValue(p);
      if (p.nextToken() != null) {
        throw InputException.at(file, p.currentTokenLocation().getLineNr(), p.currentTokenLocation().getColumnNr(),
            Message.of("input.json.trailing"), Message.of("input.json.fix"));
      }
      return root;
    } catch (JsonProcessingException e) {
      throw syntaxError(file, e, 0);
    } catch (IOException e) {
      throw readError(file, kind, e);
    }
  }

  /**
   * Reads a file that holds one JSON document or JSON Lines, as it is read. A file named {@code .jsonl} is JSON
   * Lines; any other that starts with an object is JSON Lines when it holds more than one value, each on lines of
   * its own, and a document otherwise. Errors in JSON Lines name the line.
   */
  public static Values readValues(Path file, InputKind kind) {
    boolean jsonl = file.getFileName() != null && file.getFileName().toString().endsWith(".jsonl");
    List<Line> values = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(open(file, kind), 1 << 16)) {
      if (!jsonl && !startsWithObject(r)) {
        // a list, or not JSON at all: one document
        return new Values(List.of(new Line(1, readJson(file, kind))), false);
      }
      // One parser over the whole stream: much faster than a parser per line. An error sends us to the line by
      // line reading below, which names the line the broken value is on.
      try (JsonParser p = Json.mapper().createParser(r)) {
        int lastLine = 0;
        while (p.nextToken() != null) {
          int line = Math.max(1, p.currentTokenLocation().getLineNr());
          if (line == lastLine) {
            return lineByLine(file, kind, jsonl);
          }
          values.add(new Line(line, Json.readValue(p)));
          lastLine = p.currentLocation().getLineNr();
        }
      } catch (JsonProcessingException e) {
        return lineByLine(file, kind, jsonl);
      }
    } catch (IOException e) {
      throw readError(file, kind, e);
    }
    return new Values(values, jsonl || values.size() > 1);
  }

  /** The slow way, for files with a problem: parses each line on its own so that errors name their line. */
  private static Values lineByLine(Path file, InputKind kind, boolean jsonl) {
    List<Line> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(open(file, kind), 1 << 16)) {
      int n = 0;
      for (String raw; (raw = r.readLine()) != null; ) {
        n++;
        String t = raw.strip();
        if (t.isEmpty()) {
          continue;
        }
        if (!jsonl && !(t.startsWith("{") && t.endsWith("}"))) {
          return new Values(List.of(new Line(1, readJson(file, kind))), false);
        }
        try {
          lines.add(new Line(n, Json.mapper().readTree(t)));
        } catch (JsonProcessingException e) {
          throw syntaxError(file, e, n - 1);
        }
      }
    } catch (IOException e) {
      throw readError(file, kind, e);
    }
    return new Values(lines, jsonl || lines.size() > 1);
  }

  /** Whether the first character that is not white space is {@code &#123;}; leaves the reader where it was. */
  private static boolean startsWithObject(BufferedReader r) throws IOException {
    int window = 1 << 16;
    r.mark(window);
    try {
      for (int i = 0; i < window - 1; i++) {
        int c = r.read();
        if (c < 0 || !Character.isWhitespace(c)) {
          return c == '{';
        }
      }
      return false;
    } finally {
      r.reset();
    }
  }

  /** Parses text holding one JSON value; {@code file} names it in errors. */
  public static JsonNode parseJson(Path file, String text) {
    if (text.isBlank()) {
      throw empty(file);
    }
    try {
      return Json.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw syntaxError(file, e, 0);
    }
  }

  /** Parses JSON Lines: one value per non-blank line. */
  public static List<Line> parseJsonLines(Path file, String text) {
    List<Line> lines = new ArrayList<>();
    String[] split = text.split("\n", -1);
    for (int i = 0; i < split.length; i++) {
      String raw = split[i].strip();
      if (raw.isEmpty()) {
        continue;
      }
      try {
        lines.add(new Line(i + 1, Json.mapper().readTree(raw)));
      } catch (JsonProcessingException e) {
        throw syntaxError(file, e, i);
      }
    }
    if (lines.isEmpty()) {
      throw InputException.of(file, Message.of("input.empty"), Message.of("input.empty.lines.fix"));
    }
    return lines;
  }

  /**
   * Parses one line of a JSON Lines file read line by line.
   *
   * @param number the line's 1-based number, for errors
   * @throws InputException for invalid JSON, naming the file, line and column
   */
  public static JsonNode parseJsonLine(Path file, int number, String line) {
    try {
      return Json.mapper().readTree(line);
    } catch (JsonProcessingException e) {
      throw syntaxError(file, e, number - 1);
    }
  }

  /** Whether the text looks like JSON Lines: several lines each starting with an object. */
  public static boolean looksLikeJsonLines(String text) {
    String s = text.strip();
    if (!s.startsWith("{")) {
      return false;
    }
    int objectLines = 0;
    for (String line : s.split("\n")) {
      String t = line.strip();
      if (t.isEmpty()) {
        continue;
      }
      if (!t.startsWith("{") || !t.endsWith("}")) {
        return false;
      }
      objectLines++;
    }
    return objectLines > 1;
  }

  /**
   * Opens an input file for reading as strict UTF-8 after checking, without opening it, that it is an ordinary file
   * within the kind's size limit.
   *
   * @throws InputException naming the file and what is wrong
   */
  public static Reader open(Path file, InputKind kind) {
    check(file, kind);
    try {
      return new Utf8Reader(Files.newInputStream(file), kind.maxBytes());
    } catch (IOException e) {
      throw readError(file, kind, e);
    }
  }

  /**
   * Checks that a path is an ordinary file within the kind's size limit, without opening it: a FIFO would block,
   * a device such as {@code /dev/zero} never ends.
   */
  public static void check(Path file, InputKind kind) {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw notFound(file);
    } catch (AccessDeniedException e) {
      throw denied(file);
    } catch (IOException e) {
      throw unreadable(file, e.getMessage());
    }
    if (a.isDirectory()) {
      throw folder(file);
    }
    if (!a.isRegularFile()) {
      throw InputException.of(file, Message.of("input.special"), Message.of("input.special.fix"));
    }
    if (a.size() > kind.maxBytes()) {
      throw tooLarge(file, kind, a.size());
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private static InputException tooLarge(Path file, InputKind kind, long size) {
    return InputException.of(file, Message.of(size > 0 ? "input.too_large" : "input.too_large.unknown",
            InputKind.size(size), kind.label(), InputKind.size(kind.maxBytes())),
        Message.of(kind == InputKind.SEEDS ? "input.too_large.seeds.fix"
            : kind == InputKind.DATASET ? "input.too_large.dataset.fix" : "input.too_large.other.fix"));
  }

  private static InputException readError(Path file, InputKind kind, IOException e) {
    if (e instanceof Utf8Reader.Problem p) {
      return switch (p.kind) {
        case TOO_LARGE -> tooLarge(file, kind, 0);
        case UTF16 -> utf16(file);
        case NOT_UTF8 -> notUtf8(file, p.line, (byte) p.badByte, p.offset);
      };
    }
    if (e instanceof NoSuchFileException) {
      return notFound(file);
    }
    if (e instanceof AccessDeniedException) {
      return denied(file);
    }
    return unreadable(file, e.getMessage());
  }

  /** "file not found; check the path". */
  public static InputException notFound(Path file) {
    return InputException.of(file, Message.of("input.not_found"), Message.of("input.not_found.fix"));
  }

  /** "permission denied; make the file readable". */
  public static InputException denied(Path file) {
    return InputException.of(file, Message.of("input.denied"), Message.of("input.denied.fix"));
  }

  /** "cannot be read (why)". */
  public static InputException unreadable(Path file, String why) {
    return InputException.of(file, Message.of("input.unreadable", String.valueOf(why)), null);
  }

  /** "is a folder, not a file; give the path of a file". */
  public static InputException folder(Path file) {
    return InputException.of(file, Message.of("input.folder"), Message.of("input.folder.fix"));
  }

  private static InputException empty(Path file) {
    return InputException.of(file, Message.of("input.empty"), Message.of("input.empty.json.fix"));
  }

  private static InputException syntaxError(Path file, JsonProcessingException e, int lineOffset) {
    JsonLocation loc = e.getLocation();
    int line = loc == null ? 0 : Math.max(0, loc.getLineNr()) + lineOffset;
    int col = loc == null ? 0 : Math.max(0, loc.getColumnNr());
    String msg = e.getOriginalMessage();
    if (e instanceof StreamConstraintsException) {
      if (msg.contains("nesting depth")) {
        return InputException.at(file, line, col, Message.of("input.json.too_deep", Json.MAX_NESTING_DEPTH),
            Message.of("input.json.too_deep.fix"), e);
      }
      return InputException.at(file, line, col, Message.of("input.json.too_long", msg.replaceFirst(
          ",? *from `[^`]*`", "")), Message.of("input.json.too_long.fix"), e);
    }
    int nl = msg.indexOf('\n');
    if (nl > 0) {
      msg = msg.substring(0, nl);
    }
    // Jackson points at its own source description, which helps no one reading a file by name.
    msg = msg.replaceAll(" *\\((?:start marker at|for \\w+ starting at) \\[Source: [^\\]]*\\]\\)", "");
    Matcher dup = DUPLICATE_KEY.matcher(msg);
    if (dup.find()) {
      return InputException.at(file, line, col, Message.of("input.json.duplicate_key", dup.group(1)),
          Message.of("input.json.duplicate_key.fix"), e);
    }
    return InputException.at(file, line, col, Message.of("input.json.invalid", JsonSyntaxProblems.of(msg)),
        Message.of("input.json.fix"), e);
  }

  private static int firstInvalidUtf8(byte[] b, int start) {
    int i = start;
    while (i < b.length) {
      int c = b[i] & 0xFF;
      int n;
      if (c < 0x80) {
        n = 0;
      } else if (c >= 0xC2 && c <= 0xDF) {
        n = 1;
      } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
      } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
      } else {
        return i;
      }
      for (int k = 1; k <= n; k++) {
        if (i + k >= b.length || (b[i + k] & 0xC0) != 0x80) {
          return i;
        }
      }
      i += n + 1;
    }
    return Math.max(start, b.length - 1);
  }
}
