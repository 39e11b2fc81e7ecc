package io.datasynth.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.Schema;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The normal forms deduplication compares: normalised text, a 128-bit key of a whole record, and the text of a
 * record's text-bearing fields.
 *
 * <p>Keys of records are computed with one {@link MessageDigest}, so an instance is not thread-safe.
 */
final class RecordKeys {
  /** Fields with these names are identity or bookkeeping, not content: two records differing only there are the same. */
  private static final List<String> IGNORED = List.of("id", "metadata");

  /** Separates the texts of different fields in {@link #nearText}; normalised text never holds it. */
  static final char SEPARATOR = '\n';

  /** A 128-bit key: the first 16 bytes of the SHA-256 of a record's canonical form. */
  record Key(long hi, long lo) {}

  /** Texts whose normal form is remembered: a record's key and its near text normalise the same strings. */
  private static final int REMEMBERED = 16;

  private final List<Field> textFields;
  private final MessageDigest sha256;
  private final String[] rawTexts = new String[REMEMBERED];
  private final String[] normalTexts = new String[REMEMBERED];
  private int nextRemembered;

  RecordKeys(Schema schema) {
    List<Field> fields = new ArrayList<>();
    for (Field f : schema.fields()) {
      boolean bearsText = f.type() == FieldType.TEXT || f.type() == FieldType.LIST || f.type() == FieldType.OBJECT;
      if (bearsText && !IGNORED.contains(f.name())) {
        fields.add(f);
      }
    }
    this.textFields = List.copyOf(fields);
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
    }
  }

  /**
   * Text as deduplication sees it: Unicode NFKC (full-width letters become ASCII), format characters such as
   * zero-width spaces removed, runs of whitespace collapsed to one space, trimmed, lower-cased.
   */
  static String normalize(String text) {
    String ascii = normalizeAscii(text);
    if (ascii != null) {
      return ascii;
    }
    // Lower case can depend on context outside ASCII (a final Greek sigma), so it is taken of the whole text.
    String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
    StringBuilder sb = new StringBuilder(nfkc.length());
    boolean pendingSpace = false;
    for (int i = 0; i < nfkc.length(); ) {
      int cp = nfkc.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        pendingSpace = sb.length() > 0;
      } else if (Character.getType(cp) != Character.FORMAT) {
        if (pendingSpace) {
          sb.append(' ');
          pendingSpace = false;
        }
        sb.appendCodePoint(cp);
      }
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  /**
   * The normal form of ASCII text, or null when the text is not ASCII. ASCII is its own NFKC form, has no format
   * characters and lower-cases letter by letter, so one pass over its chars does it: most generated text takes it.
   */
  private static String normalizeAscii(String text) {
    int n = text.length();
    byte[] out = new byte[n];
    int len = 0;
    boolean pendingSpace = false;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        return null;
      }
      if (io.datasynth.text.Spaces.isAsciiWhitespace(c)) {
        pendingSpace = len > 0;
      } else {
        if (pendingSpace) {
          out[len++] = ' ';
          pendingSpace = false;
        }
        out[len++] = (byte) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
      }
    }
    return new String(out, 0, len, StandardCharsets.ISO_8859_1);
  }

  /**
   * The key of a record's canonical form: keys sorted, text normalised, numbers by value ({@code 1} equals
   * {@code 1.0}), top-level nulls and the {@code id} and {@code metadata} keys left out.
   */
  Key key(ObjectNode record) {
    StringBuilder sb = new StringBuilder(256);
    // The keys in natural order, as a TreeMap of them would give: sorting a record's few names costs less.
    String[] names = new String[record.size()];
    int n = 0;
    for (Iterator<String> it = record.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!IGNORED.contains(k) && !record.get(k).isNull()) {
        names[n++] = k;
      }
    }
    java.util.Arrays.sort(names, 0, n);
    sb.append('{').append(n).append(':');
    for (int i = 0; i < n; i++) {
      canonical(record.get(names[i]), sb.append(names[i].length()).append('"').append(names[i]));
    }
    byte[] digest = sha256.digest(sb.toString().getBytes(StandardCharsets.UTF_8));
    ByteBuffer bytes = ByteBuffer.wrap(digest);
    return new Key(bytes.getLong(), bytes.getLong());
  }

  /**
   * The normalised text of a record's text fields and of the strings inside its list and object fields, in
   * schema order, joined with {@link #SEPARATOR}; empty when it has none.
   */
  String nearText(ObjectNode record) {
    StringBuilder sb = new StringBuilder();
    List<String> parts = new ArrayList<>();
    for (Field f : textFields) {
      JsonNode v = record.get(f.name());
      if (v == null) {
        continue;
      }
      if (f.type() == FieldType.TEXT) {
        if (v.isTextual()) {
          parts.add(v.asText());
        }
      } else {
        collectStrings(v, parts);
      }
    }
    for (String part : parts) {
      String n = normalized(part);
      if (!n.isEmpty()) {
        sb.append(sb.length() > 0 ? String.valueOf(SEPARATOR) : "").append(n);
      }
    }
    return sb.toString();
  }

  private static void collectStrings(JsonNode v, List<String> out) {
    if (v.isTextual()) {
      out.add(v.asText());
    } else if (v.isArray()) {
      v.forEach(item -> collectStrings(item, out));
    } else if (v.isObject()) {
      TreeMap<String, JsonNode> sorted = new TreeMap<>();
      v.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
      sorted.values().forEach(item -> collectStrings(item, out));
    }
  }

  /**
   * {@link #normalize}, remembered for the last few strings by identity: the same string object always has the same
   * normal form, and {@link #key} and {@link #nearText} of one record see the same objects.
   */
  private String normalized(String text) {
    for (int i = 0; i < REMEMBERED; i++) {
      if (rawTexts[i] == text) {
        return normalTexts[i];
      }
    }
    String n = normalize(text);
    rawTexts[nextRemembered] = text;
    normalTexts[nextRemembered] = n;
    nextRemembered = (nextRemembered + 1) % REMEMBERED;
    return n;
  }

  private void canonical(JsonNode v, StringBuilder sb) {
    switch (v.getNodeType()) {
      case STRING -> {
        String n = normalized(v.asText());
        sb.append('s').append(n.length()).append(':').append(n);
      }
      case NUMBER -> {
        BigDecimal d = Coercion.decimal(v);
        String n = d == null ? String.valueOf(v.doubleValue()) : d.stripTrailingZeros().toString();
        sb.append('n').append(n).append(';');
      }
      case BOOLEAN -> sb.append(v.booleanValue() ? 't' : 'f');
      case ARRAY -> {
        sb.append('[').append(v.size()).append(':');
        v.forEach(item -> canonical(item, sb));
      }
      case OBJECT -> {
        TreeMap<String, JsonNode> sorted = new TreeMap<>();
        v.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
        sb.append('{').append(sorted.size()).append(':');
        sorted.forEach((k, item) -> canonical(item, sb.append(k.length()).append('"').append(k)));
      }
      default -> sb.append('z');
    }
  }
}
