package io.datasynth.mcp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Removes secrets from everything the server sends back: the values of environment variables whose names say they
 * hold a key, token, secret or password are replaced with {@code [redacted]}. A second line of defence: no tool
 * puts a key in a result on purpose. Immutable and thread-safe.
 */
final class Redactor {
  static final String MASK = "[redacted]";
  /** Shorter values are too likely to occur in ordinary text to be replaced. */
  private static final int MIN_SECRET_LENGTH = 8;

  private final List<String> secrets;

  private Redactor(List<String> secrets) {
    this.secrets = secrets;
  }

  /** A redactor for the secrets in {@code env}. */
  static Redactor of(Map<String, String> env) {
    List<String> found = new ArrayList<>();
    env.forEach((name, value) -> {
      if (value != null && value.strip().length() >= MIN_SECRET_LENGTH && isSecretName(name)) {
        found.add(value.strip());
      }
    });
    found.sort(Comparator.comparingInt(String::length).reversed());
    return new Redactor(List.copyOf(found));
  }

  static boolean isSecretName(String name) {
    String n = name.toUpperCase(Locale.ROOT);
    return n.endsWith("KEY") || n.contains("TOKEN") || n.contains("SECRET") || n.contains("PASSWORD")
        || n.contains("PASSWD") || n.contains("CREDENTIAL");
  }

  /** The text with every secret masked; null stays null. */
  String text(String text) {
    if (text == null || secrets.isEmpty()) {
      return text;
    }
    String t = text;
    for (String s : secrets) {
      if (t.contains(s)) {
        t = t.replace(s, MASK);
      }
    }
    return t;
  }

  /** A JSON value (maps, lists, strings, numbers) with every string masked; a new structure where changed. */
  Object value(Object v) {
    if (secrets.isEmpty()) {
      return v;
    }
    if (v instanceof String s) {
      return text(s);
    }
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> copy = new java.util.LinkedHashMap<>();
      m.forEach((k, x) -> copy.put(k instanceof String ks ? text(ks) : k, value(x)));
      return copy;
    }
    if (v instanceof List<?> l) {
      List<Object> copy = new ArrayList<>(l.size());
      l.forEach(x -> copy.add(value(x)));
      return copy;
    }
    return v;
  }
}
