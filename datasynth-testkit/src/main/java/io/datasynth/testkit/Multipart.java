package io.datasynth.testkit;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code multipart/form-data} body split into its named parts (RFC 7578), as the Files API takes uploads. */
final class Multipart {
  private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=\"?([^\";]+)\"?");
  private static final Pattern NAME = Pattern.compile("(?i)\\bname=\"([^\"]*)\"");
  private static final Pattern FILENAME = Pattern.compile("(?i)\\bfilename=\"([^\"]*)\"");

  /** One part: its bytes and, for a file, its file name (else null). */
  record Part(byte[] content, String filename) {
    String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  private Multipart() {}

  /** The parts by name; null when the content type is not multipart/form-data with a boundary. */
  static Map<String, Part> parse(String contentType, byte[] body) {
    if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
      return null;
    }
    Matcher boundary = BOUNDARY.matcher(contentType);
    if (!boundary.find()) {
      return null;
    }
    String text = new String(body, StandardCharsets.ISO_8859_1);
    String delimiter = "--" + boundary.group(1);
    Map<String, Part> parts = new LinkedHashMap<>();
    int at = text.indexOf(delimiter);
    while (at >= 0) {
      int start = at + delimiter.length();
      if (text.startsWith("--", start)) {
        break;
      }
      int headersEnd = text.indexOf("\r\n\r\n", start);
      int next = text.indexOf("\r\n" + delimiter, start);
      if (headersEnd < 0 || next < 0 || headersEnd > next) {
        return parts;
      }
      String headers = text.substring(start, headersEnd);
      Matcher name = NAME.matcher(headers);
      if (name.find()) {
        Matcher filename = FILENAME.matcher(headers);
        byte[] content = text.substring(headersEnd + 4, next).getBytes(StandardCharsets.ISO_8859_1);
        parts.put(name.group(1), new Part(content, filename.find() ? filename.group(1) : null));
      }
      at = next + 2;
    }
    return parts;
  }
}
