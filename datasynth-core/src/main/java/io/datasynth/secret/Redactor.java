package io.datasynth.secret;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one place that removes secrets from text before it reaches a message, a log, a file or an MCP result. It
 * masks every recognisable part of each known secret: the whole value, the value without a prefix such as
 * {@code sk-ant-} or {@code sk-proj-} (servers echo keys without it), and any run of at least
 * {@value #MIN_FRAGMENT} characters of it that mixes letters and digits, wherever it appears; and anything shaped
 * like a provider key even when the key is not known (OpenAI's 401 message echoes part of it).
 *
 * <p>Immutable and thread-safe.
 */
public final class Redactor {
  /** What a secret is replaced with. */
  public static final String MASK = "[redacted]";
  /** Secrets shorter than this are too likely to occur in ordinary text to be replaced. */
  static final int MIN_SECRET_LENGTH = 8;
  /** The shortest piece of a secret masked on its own; shorter pieces are not distinctive. */
  static final int MIN_FRAGMENT = 12;

  private static final Pattern KEY_LIKE =
      Pattern.compile("\\b(sk|pk|rk)-[A-Za-z0-9_*.\\-]{6,}|\\bsk-ant-[A-Za-z0-9_*.\\-]+");
  private static final long BASE = 1_000_003L;
  private static final Redactor NONE = new Redactor(List.of());

  /** Whole values and their prefix-less forms, longest first. */
  private final List<String> secrets;
  /** Hashes of every {@link #MIN_FRAGMENT}-character window of the secrets, for finding echoed pieces. */
  private final Set<Long> windows;
  private final List<String> fragmentSources;

  private Redactor(List<String> secrets) {
    this.secrets = secrets;
    Set<Long> w = new HashSet<>();
    List<String> sources = new ArrayList<>();
    for (String s : secrets) {
      if (s.length() >= MIN_FRAGMENT) {
        sources.add(s);
        for (int i = 0; i + MIN_FRAGMENT <= s.length(); i++) {
          w.add(hash(s, i));
        }
      }
    }
    this.windows = Set.copyOf(w);
    this.fragmentSources = List.copyOf(sources);
  }

  /** A redactor that knows no secret; it still masks anything shaped like a provider key. */
  public static Redactor none() {
    return NONE;
  }

  /** A redactor for these secrets; null, blank and short values are ignored, surrounding spaces stripped. */
  public static Redactor of(String... secrets) {
    return of(List.of(secrets));
  }

  /** A redactor for these secrets; null, blank and short values are ignored, surrounding spaces stripped. */
  public static Redactor of(Collection<String> secrets) {
    Set<String> all = new LinkedHashSet<>();
    for (String s : secrets) {
      if (s == null) {
        continue;
      }
      String v = s.strip();
      if (v.length() < MIN_SECRET_LENGTH) {
        continue;
      }
      all.add(v);
      // Each tail after a '-' or '_' near the start: sk-ant-api03-XXXX gives ant-api03-XXXX, api03-XXXX, XXXX.
      for (int i = 0; i < Math.min(v.length(), 32); i++) {
        char c = v.charAt(i);
        if ((c == '-' || c == '_') && v.length() - i - 1 >= MIN_FRAGMENT) {
          all.add(v.substring(i + 1));
        }
      }
    }
    if (all.isEmpty()) {
      return NONE;
    }
    List<String> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    return new Redactor(List.copyOf(sorted));
  }

  /** The same as {@link #forEnvironment(Map)}, under the name the MCP server's own redactor used. */
  public static Redactor of(Map<String, String> env) {
    return forEnvironment(env);
  }

  /** A redactor for the values of every variable in {@code env} whose name says it holds a secret. */
  public static Redactor forEnvironment(Map<String, String> env) {
    List<String> found = new ArrayList<>();
    env.forEach((name, value) -> {
      if (name != null && value != null && isSecretName(name)) {
        found.add(value);
      }
    });
    return of(found);
  }

  /** Whether an environment variable's name says it holds a key, token, secret, password or credential. */
  public static boolean isSecretName(String name) {
    String n = name.toUpperCase(Locale.ROOT);
    return n.endsWith("KEY") || n.contains("TOKEN") || n.contains("SECRET") || n.contains("PASSWORD")
        || n.contains("PASSWD") || n.contains("CREDENTIAL");
  }

  /** This redactor with more secrets. */
  public Redactor with(Collection<String> more) {
    List<String> all = new ArrayList<>(secrets);
    all.addAll(more);
    return of(all);
  }

  /** The text with every secret masked; null becomes the empty text. */
  public String scrub(String text) {
    return text == null ? "" : mask(text);
  }

  /** The text with every secret masked; null stays null. */
  public String text(String text) {
    return text == null ? null : mask(text);
  }

  /** A JSON-like value (maps, lists, strings, numbers) with every string masked; a new structure where changed. */
  public Object value(Object v) {
    if (v instanceof String s) {
      return mask(s);
    }
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      m.forEach((k, x) -> copy.put(k instanceof String ks ? mask(ks) : k, value(x)));
      return copy;
    }
    if (v instanceof List<?> l) {
      List<Object> copy = new ArrayList<>(l.size());
      l.forEach(x -> copy.add(value(x)));
      return copy;
    }
    return v;
  }

  private String mask(String text) {
    String t = text;
    for (String s : secrets) {
      if (t.contains(s)) {
        t = t.replace(s, MASK);
      }
    }
    t = maskFragments(t);
    return KEY_LIKE.matcher(t).replaceAll(MASK);
  }

  /** Masks every run of the text made of overlapping distinctive windows that occur in a secret. */
  private String maskFragments(String t) {
    if (windows.isEmpty() || t.length() < MIN_FRAGMENT) {
      return t;
    }
    boolean[] masked = null;
    long power = 1;
    for (int i = 0; i < MIN_FRAGMENT - 1; i++) {
      power *= BASE;
    }
    long h = hash(t, 0);
    for (int i = 0; ; i++) {
      if (windows.contains(h) && isFragment(t, i)) {
        if (masked == null) {
          masked = new boolean[t.length()];
        }
        for (int k = i; k < i + MIN_FRAGMENT; k++) {
          masked[k] = true;
        }
      }
      if (i + MIN_FRAGMENT >= t.length()) {
        break;
      }
      h = (h - t.charAt(i) * power) * BASE + t.charAt(i + MIN_FRAGMENT);
    }
    if (masked == null) {
      return t;
    }
    StringBuilder sb = new StringBuilder(t.length());
    for (int i = 0; i < t.length(); i++) {
      if (!masked[i]) {
        sb.append(t.charAt(i));
      } else if (i == 0 || !masked[i - 1]) {
        sb.append(MASK);
      }
    }
    return sb.toString();
  }

  private boolean isFragment(String t, int at) {
    String window = t.substring(at, at + MIN_FRAGMENT);
    if (!distinctive(window)) {
      return false;
    }
    for (String s : fragmentSources) {
      if (s.contains(window)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a piece mixes at least two of lower case, upper case and digits, as generated keys do. */
  private static boolean distinctive(String s) {
    boolean lower = false;
    boolean upper = false;
    boolean digit = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      lower |= c >= 'a' && c <= 'z';
      upper |= c >= 'A' && c <= 'Z';
      digit |= c >= '0' && c <= '9';
    }
    return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) >= 2;
  }

  private static long hash(String s, int from) {
    long h = 0;
    for (int i = from; i < from + MIN_FRAGMENT; i++) {
      h = h * BASE + s.charAt(i);
    }
    return h;
  }
}
