package io.datasynth.mcp;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The arguments of one tool call, read with checks: each getter names the argument, what was wrong and what to give
 * instead in a {@link ToolArgumentException}. A JSON null counts as absent.
 *
 * <p>The SDK already validates arguments against the tool's input schema; these checks repeat the important ones so
 * that a handler never runs on bad input (validation can be turned off with a system property) and so that the
 * messages are the same everywhere. Immutable and thread-safe.
 */
final class ToolArgs {
  private final Map<String, Object> values;

  private ToolArgs(Map<String, Object> values) {
    this.values = values;
  }

  /**
   * The arguments of a call.
   *
   * @param arguments as received; may be null (no arguments)
   * @param known the names the tool declares; any other name is an error
   * @throws ToolArgumentException naming the unknown argument and listing the known ones
   */
  static ToolArgs of(Map<String, Object> arguments, Set<String> known) {
    Map<String, Object> v = arguments == null ? Map.of() : arguments;
    for (String name : v.keySet()) {
      if (!known.contains(name)) {
        throw new ToolArgumentException("unknown argument '" + name + "'; this tool takes "
            + String.join(", ", new TreeSet<>(known)));
      }
    }
    return new ToolArgs(v);
  }

  /** Whether the argument was given (and is not null). */
  boolean has(String name) {
    return values.get(name) != null;
  }

  /** A string argument, stripped; empty when absent. A blank string is an error. */
  Optional<String> string(String name) {
    Object v = values.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof String s)) {
      throw wrongType(name, "a string", v);
    }
    if (s.isBlank()) {
      throw new ToolArgumentException(name + " is empty; give a value or leave the argument out");
    }
    return Optional.of(s.strip());
  }

  /** A string argument that must be given; kept as it is (not stripped). */
  String requiredText(String name) {
    Object v = values.get(name);
    if (v == null) {
      throw missing(name);
    }
    if (!(v instanceof String s)) {
      throw wrongType(name, "a string", v);
    }
    if (s.isBlank()) {
      throw new ToolArgumentException(name + " is empty; give the text");
    }
    return s;
  }

  /** A string argument that must be given, stripped. */
  String requiredString(String name) {
    return string(name).orElseThrow(() -> missing(name));
  }

  /** An integer argument from {@code min} to {@code max}; empty when absent. */
  Optional<Integer> integer(String name, int min, int max) {
    Object v = values.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof Number n)) {
      throw wrongType(name, "an integer", v);
    }
    BigDecimal d = decimal(n, name);
    BigInteger i;
    try {
      i = d.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new ToolArgumentException(name + " is " + d.toPlainString() + "; give a whole number from " + min
          + " to " + max);
    }
    if (i.compareTo(BigInteger.valueOf(min)) < 0 || i.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new ToolArgumentException(name + " is " + i + "; give a whole number from " + min + " to " + max);
    }
    return Optional.of(i.intValueExact());
  }

  /** An integer argument that must be given. */
  int requiredInteger(String name, int min, int max) {
    return integer(name, min, max).orElseThrow(() -> missing(name));
  }

  /**
   * A number argument; empty when absent.
   *
   * @param min the lowest value allowed
   * @param minExclusive whether {@code min} itself is refused
   * @param max the highest value allowed
   */
  Optional<Double> number(String name, double min, boolean minExclusive, double max) {
    Object v = values.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof Number n)) {
      throw wrongType(name, "a number", v);
    }
    double d = decimal(n, name).doubleValue();
    boolean low = minExclusive ? !(d > min) : !(d >= min);
    if (low || !(d <= max)) {
      throw new ToolArgumentException(name + " is " + plain(n) + "; give a number " + (minExclusive ? "above "
          : "from ") + plain(min) + (Double.isInfinite(max) ? "" : " to " + plain(max)));
    }
    return Optional.of(d);
  }

  /** A boolean argument; {@code fallback} when absent. */
  boolean bool(String name, boolean fallback) {
    Object v = values.get(name);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Boolean b)) {
      throw wrongType(name, "true or false", v);
    }
    return b;
  }

  /**
   * A string argument naming one of a fixed set of values; empty when absent.
   *
   * @param parse turns the text into the value, empty when unknown
   * @param allowed the allowed names, for the message
   */
  <E> Optional<E> choice(String name, Function<String, Optional<E>> parse, String allowed) {
    return string(name).map(s -> parse.apply(s).orElseThrow(() -> new ToolArgumentException(
        name + " '" + s + "' is unknown; use one of " + allowed)));
  }

  private static BigDecimal decimal(Number n, String name) {
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (!Double.isFinite(d)) {
        throw new ToolArgumentException(name + " is " + d + "; give a finite number");
      }
      return BigDecimal.valueOf(d);
    }
    return BigDecimal.valueOf(n.longValue());
  }

  private static String plain(Number n) {
    double d = n.doubleValue();
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  private static ToolArgumentException missing(String name) {
    return new ToolArgumentException(name + " is required; give it as an argument");
  }

  private static ToolArgumentException wrongType(String name, String expected, Object v) {
    String got = v instanceof String s ? "the string \"" + abbreviate(s) + "\""
        : v instanceof Map<?, ?> ? "an object" : v instanceof Iterable<?> ? "a list"
        : v instanceof Boolean ? "a boolean" : v instanceof Number ? "the number " + v : "a " + v.getClass()
            .getSimpleName();
    return new ToolArgumentException(name + " must be " + expected + ", got " + got);
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }

  @Override
  public String toString() {
    return "ToolArgs" + new TreeSet<>(values.keySet());
  }
}
