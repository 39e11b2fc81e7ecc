package io.datasynth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Strings and numbers that fit a schema's type, format, bounds and pattern, kept from a record where they do. */
final class ScalarFitter {
  private ScalarFitter() {}

  static JsonNode string(JsonNode schema, JsonNode value, RandomGenerator random) {
    String text = value == null || value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString();
    String format = schema.path("format").asText("");
    if (!format.isEmpty() && (text == null || !fitsFormat(format, text))) {
      text = formatted(format, random);
    }
    if (text == null) {
      text = "value " + Long.toString(random.nextLong(1_000_000), 36);
    }
    int min = schema.path("minLength").asInt(0);
    int max = schema.has("maxLength") ? schema.get("maxLength").asInt() : Integer.MAX_VALUE;
    StringBuilder sb = new StringBuilder(text);
    while (sb.codePointCount(0, sb.length()) < min) {
      sb.append('x');
    }
    text = sb.toString();
    if (text.codePointCount(0, text.length()) > max) {
      text = text.substring(0, text.offsetByCodePoints(0, max));
    }
    if (schema.has("pattern")) {
      text = matching(schema.get("pattern").asText(), text, random);
    }
    return JsonNodeFactory.instance.textNode(text);
  }

  static double number(JsonNode schema, JsonNode value, RandomGenerator random, boolean integer) {
    double x;
    if (value != null && value.isNumber()) {
      x = value.asDouble();
    } else if (value != null && value.isTextual() && value.asText().strip().matches("-?\\d+(\\.\\d+)?")) {
      x = Double.parseDouble(value.asText().strip());
    } else {
      x = random.nextInt(100);
    }
    double lo = schema.has("minimum") ? schema.get("minimum").asDouble() : Double.NEGATIVE_INFINITY;
    double hi = schema.has("maximum") ? schema.get("maximum").asDouble() : Double.POSITIVE_INFINITY;
    double step = integer ? 1 : 1e-6;
    if (schema.has("exclusiveMinimum") && schema.get("exclusiveMinimum").isNumber()) {
      lo = Math.max(lo, schema.get("exclusiveMinimum").asDouble() + step);
    }
    if (schema.has("exclusiveMaximum") && schema.get("exclusiveMaximum").isNumber()) {
      hi = Math.min(hi, schema.get("exclusiveMaximum").asDouble() - step);
    }
    if (integer) {
      x = Math.rint(x);
      lo = Math.ceil(lo);
      hi = Math.floor(hi);
    }
    x = Math.max(lo, Math.min(hi, x));
    if (schema.has("multipleOf") && schema.get("multipleOf").asDouble() > 0) {
      double m = schema.get("multipleOf").asDouble();
      double k = Math.ceil(x / m);
      x = k * m <= hi ? k * m : Math.floor(x / m) * m;
    }
    return x;
  }

  private static boolean fitsFormat(String format, String text) {
    return switch (format) {
      case "date-time" -> text.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
      case "date" -> text.matches("\\d{4}-\\d{2}-\\d{2}");
      case "time" -> text.matches("\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})?");
      case "email" -> text.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
      case "uuid" -> text.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
      case "ipv4" -> text.matches("(\\d{1,3}\\.){3}\\d{1,3}");
      case "uri" -> text.matches("[a-zA-Z][a-zA-Z0-9+.-]*:\\S+");
      default -> false;
    };
  }

  private static String formatted(String format, RandomGenerator random) {
    int n = random.nextInt(1000);
    return switch (format) {
      case "date-time" -> "2026-01-" + String.format("%02d", 1 + n % 28) + "T12:00:00Z";
      case "date" -> "2026-01-" + String.format("%02d", 1 + n % 28);
      case "time" -> "12:" + String.format("%02d", n % 60) + ":00Z";
      case "duration" -> "P" + (1 + n % 30) + "D";
      case "email" -> "user" + n + "@example.com";
      case "hostname" -> "host" + n + ".example.com";
      case "uri" -> "https://example.com/" + n;
      case "ipv4" -> "192.0.2." + (n % 255);
      case "ipv6" -> "2001:db8::" + Integer.toHexString(n);
      case "uuid" -> new UUID(random.nextLong(), random.nextLong()).toString();
      default -> "value " + n;
    };
  }

  /** {@code text} when it matches {@code regex}, else a made-up candidate that does, else {@code text}. */
  private static String matching(String regex, String text, RandomGenerator random) {
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      return text;
    }
    if (pattern.matcher(text).find()) {
      return text;
    }
    String candidate = PatternExample.of(regex, random);
    return candidate != null && pattern.matcher(candidate).find() ? candidate : text;
  }
}
