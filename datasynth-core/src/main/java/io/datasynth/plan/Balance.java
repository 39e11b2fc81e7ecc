package io.datasynth.plan;

import io.datasynth.error.ConfigException;
import io.datasynth.error.Setting;
import io.datasynth.text.Message;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A schema field whose values a run balances: evenly, or by the weights given ({@code --balance
 * intent=查询物流:0.5,退换货:0.3,售后投诉:0.2}).
 *
 * @param field the field name, or {@link #ALL} for every enum, boolean and ranged numeric field
 * @param weights value (as written in the schema, e.g. {@code 退换货} or {@code 0.5}) to weight; empty for even;
 *     values left out of a non-empty map are not generated
 */
public record Balance(String field, Map<String, Double> weights) {
  /** The field name that stands for every field a plan can balance. */
  public static final String ALL = "*";

  public Balance {
    weights = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(weights));
  }

  /** Every value of {@code field} equally often. */
  public static Balance even(String field) {
    return new Balance(field, Map.of());
  }

  /**
   * Reads {@code FIELD}, {@code all}, or {@code FIELD=value:weight,value:weight,…}.
   *
   * @throws ConfigException naming the setting and what is wrong
   */
  public static Balance parse(String spec) {
    String s = spec == null ? "" : spec.strip();
    int eq = s.indexOf('=');
    String field = (eq < 0 ? s : s.substring(0, eq)).strip();
    if (field.isEmpty()) {
      throw new ConfigException(Setting.BALANCE, Message.of("error.balance.syntax", s, Setting.BALANCE));
    }
    if (eq < 0) {
      return even(field.equalsIgnoreCase("all") || field.equals(ALL) ? ALL : field);
    }
    Map<String, Double> weights = new LinkedHashMap<>();
    for (String part : s.substring(eq + 1).split(",")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      int colon = p.lastIndexOf(':');
      Double w = colon < 0 ? null : weight(p.substring(colon + 1));
      if (w == null) {
        throw new ConfigException(Setting.BALANCE, Message.of("error.balance.weight", p, field, Setting.BALANCE));
      }
      String value = p.substring(0, colon).strip();
      if (value.isEmpty() || weights.put(value, w) != null) {
        throw new ConfigException(Setting.BALANCE, Message.of("error.balance.weight", p, field, Setting.BALANCE));
      }
    }
    if (weights.isEmpty()) {
      throw new ConfigException(Setting.BALANCE, Message.of("error.balance.syntax", s, Setting.BALANCE));
    }
    return new Balance(field, weights);
  }

  /** A weight above 0, or null when the text is not one. */
  static Double weight(String text) {
    try {
      double w = Double.parseDouble(text.strip());
      return w > 0 && Double.isFinite(w) ? w : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
