package io.datasynth.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.error.InputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the files users give DataSynth: strict UTF-8 (a leading BOM is skipped), JSON or JSON Lines, with every
 * problem reported as an {@link InputException} naming the file, the line and column, and the fix.
 */
public final class JsonFiles {
  /** Input files larger than this are refused; seeds and schemas are small. */
  public static final long MAX_INPUT_BYTES = 256L * 1024 * 1024;

  private static final Pattern DUPLICATE_KEY = Pattern.compile("^Duplicate field '(.*)' for `");

  private JsonFiles() {}

  /** One JSON value and the 1-based line it started on. */
  public record Line(int number, JsonNode value) {}

  /** Reads a whole text file as UTF-8, failing with a clear message for missing, unreadable or non-UTF-8 files. */
  public static String readText(Path file) {
    if (Files.isDirectory(file)) {
      throw InputException.of(file, "is a folder, not a file", "give the path of a file");
    }
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > MAX_INPUT_BYTES) {
        throw InputException.of(
            file,
            "is " + size / (1024 * 1024) + " MiB; input files are limited to "
                + MAX_INPUT_BYTES / (1024 * 1024) + " MiB",
            "split it or use fewer seeds");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw InputException.of(file, "file not found", "check the path");
    } catch (AccessDeniedException e) {
      throw InputException.of(file, "permission denied", "make the file readable (chmod +r)");
    } catch (IOException e) {
      throw InputException.of(file, "cannot be read (" + e.getMessage() + ")", null);
    }
    return decodeUtf8(file, bytes);
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
    return InputException.of(file, "is UTF-16, not UTF-8",
        "re-save it as UTF-8, e.g. iconv -f UTF-16 -t UTF-8 " + file.getFileName() + " > fixed.json");
  }

  private static InputException notUtf8(Path file, int line, byte bad, long offset) {
    return InputException.at(file, line, 0,
        "is not valid UTF-8 (bad byte 0x" + String.format("%02X", bad & 0xFF) + " at byte " + offset + ")",
        "re-save it as UTF-8, e.g. iconv -f GBK -t UTF-8 " + file.getFileName() + " > fixed.json");
  }

  /** Decodes UTF-8 strictly, skipping one leading byte-order mark. */
  public static String decodeUtf8(Path file, byte[] bytes) {
    int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    try {
      CharBuffer out = decoder.decode(in);
      return out.toString();
    } catch (CharacterCodingException e) {
      if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE
          || (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF)) {
        throw utf16(file);
      }
      int offset = firstInvalidUtf8(bytes, start);
      int line = 1;
      for (int i = 0; i < offset; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw notUtf8(file, line, bytes[offset], offset);
    }
  }

  /** Parses a file holding one JSON value. */
  public static JsonNode readJson(Path file) {
    return parseJson(file, readText(file));
  }

  /** Parses text holding one JSON value; {@code file} names it in errors. */
  public static JsonNode parseJson(Path file, String text) {
    if (text.isBlank()) {
      throw InputException.of(file, "is empty", "put a JSON document in it");
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
      throw InputException.of(file, "is empty", "put one JSON object per line in it");
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

  private static InputException syntaxError(Path file, JsonProcessingException e, int lineOffset) {
    JsonLocation loc = e.getLocation();
    int line = loc == null ? 0 : Math.max(0, loc.getLineNr()) + lineOffset;
    int col = loc == null ? 0 : Math.max(0, loc.getColumnNr());
    String msg = e.getOriginalMessage();
    if (e instanceof StreamConstraintsException) {
      if (msg.contains("nesting depth")) {
        return InputException.at(file, line, col, "JSON nested deeper than " + Json.MAX_NESTING_DEPTH
            + " levels", "flatten the data; records and schemas need only a few levels", e);
      }
      return InputException.at(file, line, col, "a JSON value is too long (" + msg.replaceFirst(
          ",? *from `[^`]*`", "") + ")", "shorten it; seeds and schemas hold short records", e);
    }
    int nl = msg.indexOf('\n');
    if (nl > 0) {
      msg = msg.substring(0, nl);
    }
    // Jackson points at its own source description, which helps no one reading a file by name.
    msg = msg.replaceAll(" *\\((?:start marker at|for \\w+ starting at) \\[Source: [^\\]]*\\]\\)", "");
    Matcher dup = DUPLICATE_KEY.matcher(msg);
    if (dup.find()) {
      return InputException.at(file, line, col, "invalid JSON: the key \"" + dup.group(1)
          + "\" appears twice in one object", "remove or rename one of them", e);
    }
    return InputException.at(file, line, col, "invalid JSON: " + msg,
        "fix the JSON syntax at that position", e);
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
