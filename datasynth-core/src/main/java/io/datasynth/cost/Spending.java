package io.datasynth.cost;

import io.datasynth.provider.Usage;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run paid for, by what each call was for and how it was billed: the tokens and the number of replies of
 * each line. Prices turn it into dollars at the rates actually paid, at online rates, and as if nothing had been
 * cached, which is what a report's savings are. Immutable.
 *
 * @param lines tokens and replies per purpose and billing; lines without replies are left out
 */
public record Spending(Map<Line, Paid> lines) {
  /** Nothing paid. */
  public static final Spending NONE = new Spending(Map.of());

  /** One line of the bill. */
  public record Line(Purpose purpose, Billing billing) implements Comparable<Line> {
    @Override
    public int compareTo(Line o) {
      int c = purpose.compareTo(o.purpose);
      return c != 0 ? c : billing.compareTo(o.billing);
    }
  }

  /**
   * What one line holds.
   *
   * @param usage the tokens billed
   * @param replies the replies (or batch results) that billed them
   */
  public record Paid(Usage usage, long replies) {
    Paid plus(Paid o) {
      return new Paid(usage.plus(o.usage), replies + o.replies);
    }
  }

  public Spending {
    lines = Map.copyOf(lines);
  }

  /** This bill with {@code replies} more replies that billed {@code usage}. */
  public Spending plus(Purpose purpose, Billing billing, Usage usage, long replies) {
    Map<Line, Paid> m = new TreeMap<>(lines);
    m.merge(new Line(purpose, billing), new Paid(usage, replies), Paid::plus);
    return new Spending(m);
  }

  /** Both bills together. */
  public Spending plus(Spending other) {
    Map<Line, Paid> m = new TreeMap<>(lines);
    other.lines.forEach((k, v) -> m.merge(k, v, Paid::plus));
    return new Spending(m);
  }

  /** This bill without the lines of {@code purpose}. */
  public Spending without(Purpose purpose) {
    Map<Line, Paid> m = new TreeMap<>(lines);
    m.keySet().removeIf(l -> l.purpose() == purpose);
    return new Spending(m);
  }

  /** The lines of {@code purpose} alone. */
  public Spending only(Purpose purpose) {
    Map<Line, Paid> m = new TreeMap<>(lines);
    m.keySet().removeIf(l -> l.purpose() != purpose);
    return new Spending(m);
  }

  /** All tokens billed. */
  public Usage usage() {
    return lines.values().stream().map(Paid::usage).reduce(Usage.ZERO, Usage::plus);
  }

  /** The tokens billed for one purpose, however billed. */
  public Usage usage(Purpose purpose) {
    return lines.entrySet().stream().filter(e -> e.getKey().purpose() == purpose).map(e -> e.getValue().usage())
        .reduce(Usage.ZERO, Usage::plus);
  }

  /** The tokens billed one way, whatever for. */
  public Usage usage(Billing billing) {
    return lines.entrySet().stream().filter(e -> e.getKey().billing() == billing).map(e -> e.getValue().usage())
        .reduce(Usage.ZERO, Usage::plus);
  }

  /** The replies of one purpose. */
  public long replies(Purpose purpose) {
    return lines.entrySet().stream().filter(e -> e.getKey().purpose() == purpose)
        .mapToLong(e -> e.getValue().replies()).sum();
  }

  /** The replies billed one way. */
  public long replies(Billing billing) {
    return lines.entrySet().stream().filter(e -> e.getKey().billing() == billing)
        .mapToLong(e -> e.getValue().replies()).sum();
  }

  /** What was paid, each line at its own rate. */
  public double cost(ModelPrice price) {
    double sum = 0;
    for (Map.Entry<Line, Paid> e : lines.entrySet()) {
      sum += price.cost(e.getValue().usage(), e.getKey().billing());
    }
    return sum;
  }

  /** What one purpose cost, each line at its own rate. */
  public double cost(ModelPrice price, Purpose purpose) {
    double sum = 0;
    for (Map.Entry<Line, Paid> e : lines.entrySet()) {
      if (e.getKey().purpose() == purpose) {
        sum += price.cost(e.getValue().usage(), e.getKey().billing());
      }
    }
    return sum;
  }

  /** What the same tokens would have cost online. */
  public double costOnline(ModelPrice price) {
    return price.cost(usage());
  }

  /** What the same tokens would have cost, each line at its own rate, had nothing been cached. */
  public double costUncached(ModelPrice price) {
    double sum = 0;
    for (Map.Entry<Line, Paid> e : lines.entrySet()) {
      sum += price.uncachedCost(e.getValue().usage(), e.getKey().billing());
    }
    return sum;
  }

  /** The share of input tokens read from the prompt cache, 0 when there was no input. */
  public double cacheHitRate() {
    Usage u = usage();
    long prompt = u.promptTokens();
    return prompt == 0 ? 0 : (double) u.cacheReadTokens() / prompt;
  }
}
