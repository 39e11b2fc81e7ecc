package io.datasynth.testkit;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A seeded plan of which {@link Fault} the fake provider applies to each request, by arrival index.
 *
 * <p>The first requests follow an explicit {@linkplain #sequence(Fault...) sequence}; every later request draws
 * a fault from the configured probabilities with a generator that depends only on the seed and the index, so the
 * same seed gives the same faults in the same positions, however requests interleave. The index counts the
 * completion requests that passed authentication and validation, from 0.
 *
 * <p>Instances are immutable and thread-safe: every method returns a new script.
 *
 * <pre>{@code
 * FaultScript.sequence(Fault.RATE_LIMITED, Fault.NONE).serverError(0.01).truncated(0.02).seed(7)
 * }</pre>
 */
public final class FaultScript {
  private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
  private static final Duration DEFAULT_HANG = Duration.ofSeconds(60);
  private static final double DEFAULT_SLOW_FACTOR = 10;
  private static final Duration DEFAULT_SLOW_AT_LEAST = Duration.ofSeconds(1);

  private final long seed;
  private final List<Fault> scripted;
  private final Map<Fault, Double> probabilities;
  private final Duration retryAfter;
  private final Duration hangFor;
  private final double slowFactor;
  private final Duration slowAtLeast;

  private FaultScript(
      long seed,
      List<Fault> scripted,
      Map<Fault, Double> probabilities,
      Duration retryAfter,
      Duration hangFor,
      double slowFactor,
      Duration slowAtLeast) {
    this.seed = seed;
    this.scripted = scripted;
    this.probabilities = probabilities;
    this.retryAfter = retryAfter;
    this.hangFor = hangFor;
    this.slowFactor = slowFactor;
    this.slowAtLeast = slowAtLeast;
  }

  /** A script that never injects a fault. */
  public static FaultScript none() {
    return new FaultScript(
        0, List.of(), Map.of(), DEFAULT_RETRY_AFTER, DEFAULT_HANG, DEFAULT_SLOW_FACTOR, DEFAULT_SLOW_AT_LEAST);
  }

  /** A script with no faults yet whose probabilistic draws use {@code seed}; add probabilities to it. */
  public static FaultScript random(long seed) {
    return none().seed(seed);
  }

  /**
   * A script whose first requests get {@code faults} in order (request 0 gets the first); later ones follow the
   * probabilities, none by default. The seed is 0 until {@link #seed(long)} changes it.
   *
   * @param faults the faults of the first requests; none may be null
   */
  public static FaultScript sequence(Fault... faults) {
    List<Fault> list = List.of(faults);
    FaultScript none = none();
    return new FaultScript(
        none.seed, list, none.probabilities, none.retryAfter, none.hangFor, none.slowFactor, none.slowAtLeast);
  }

  /** This script with its probabilistic draws seeded by {@code seed}. */
  public FaultScript seed(long seed) {
    return new FaultScript(seed, scripted, probabilities, retryAfter, hangFor, slowFactor, slowAtLeast);
  }

  /**
   * This script with {@code fault} drawn with probability {@code p} for each request past the sequence.
   *
   * @throws IllegalArgumentException if {@code p} is outside [0, 1] or the probabilities would add up to more
   *     than 1
   */
  public FaultScript probability(Fault fault, double p) {
    Objects.requireNonNull(fault, "fault");
    if (fault == Fault.NONE) {
      throw new IllegalArgumentException("NONE has no probability of its own; it is whatever the others leave");
    }
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(
          "probability of " + fault + " is " + p + "; use a value between 0 and 1");
    }
    Map<Fault, Double> next = new EnumMap<>(Fault.class);
    next.putAll(probabilities);
    if (p == 0) {
      next.remove(fault);
    } else {
      next.put(fault, p);
    }
    double total = next.values().stream().mapToDouble(Double::doubleValue).sum();
    if (total > 1 + 1e-9) {
      throw new IllegalArgumentException(
          "fault probabilities add up to " + total + " " + next + "; lower them so they add up to at most 1");
    }
    return new FaultScript(
        seed, scripted, Collections.unmodifiableMap(next), retryAfter, hangFor, slowFactor, slowAtLeast);
  }

  /** This script with {@link Fault#RATE_LIMITED} drawn with probability {@code p}; see {@link #probability}. */
  public FaultScript rateLimited(double p) {
    return probability(Fault.RATE_LIMITED, p);
  }

  /** This script with {@link Fault#SERVER_ERROR} drawn with probability {@code p}; see {@link #probability}. */
  public FaultScript serverError(double p) {
    return probability(Fault.SERVER_ERROR, p);
  }

  /** This script with {@link Fault#OVERLOADED} drawn with probability {@code p}; see {@link #probability}. */
  public FaultScript overloaded(double p) {
    return probability(Fault.OVERLOADED, p);
  }

  /** This script with {@link Fault#MALFORMED_BODY} drawn with probability {@code p}; see {@link #probability}. */
  public FaultScript malformedBody(double p) {
    return probability(Fault.MALFORMED_BODY, p);
  }

  /** This script with {@link Fault#TRUNCATED} drawn with probability {@code p}; see {@link #probability}. */
  public FaultScript truncated(double p) {
    return probability(Fault.TRUNCATED, p);
  }

  /** This script with {@link Fault#DUPLICATES} drawn with probability {@code p}; see {@link #probability}. */
  public FaultScript duplicates(double p) {
    return probability(Fault.DUPLICATES, p);
  }

  /** This script with {@link Fault#INVALID_RECORDS} drawn with probability {@code p}; see {@link #probability}. */
  public FaultScript invalidRecords(double p) {
    return probability(Fault.INVALID_RECORDS, p);
  }

  /** This script with {@link Fault#GARBAGE} drawn with probability {@code p}; see {@link #probability}. */
  public FaultScript garbage(double p) {
    return probability(Fault.GARBAGE, p);
  }

  /** This script with {@link Fault#SLOW} drawn with probability {@code p}; see {@link #probability}. */
  public FaultScript slow(double p) {
    return probability(Fault.SLOW, p);
  }

  /** This script with {@link Fault#HANG} drawn with probability {@code p}; see {@link #probability}. */
  public FaultScript hang(double p) {
    return probability(Fault.HANG, p);
  }

  /** This script with {@link Fault#CONNECTION_RESET} drawn with probability {@code p}; see {@link #probability}. */
  public FaultScript connectionReset(double p) {
    return probability(Fault.CONNECTION_RESET, p);
  }

  /** This script with {@link Fault#STREAM_ERROR} drawn with probability {@code p}; see {@link #probability}. */
  public FaultScript streamError(double p) {
    return probability(Fault.STREAM_ERROR, p);
  }

  /** This script with {@link Fault#RATE_LIMITED} announcing {@code retryAfter} (default 1 s); not negative. */
  public FaultScript retryAfter(Duration retryAfter) {
    requireNotNegative(retryAfter, "retryAfter");
    return new FaultScript(seed, scripted, probabilities, retryAfter, hangFor, slowFactor, slowAtLeast);
  }

  /** This script with {@link Fault#HANG} lasting {@code hangFor} before the connection closes (default 60 s). */
  public FaultScript hangFor(Duration hangFor) {
    requireNotNegative(hangFor, "hangFor");
    return new FaultScript(seed, scripted, probabilities, retryAfter, hangFor, slowFactor, slowAtLeast);
  }

  /**
   * This script with {@link Fault#SLOW} multiplying the latency by {@code factor} (default 10) and lasting at
   * least {@code atLeast} (default 1 s), so it is slow even when the base latency is zero.
   */
  public FaultScript slowness(double factor, Duration atLeast) {
    if (!(factor >= 1)) {
      throw new IllegalArgumentException("slow factor is " + factor + "; use 1 or more");
    }
    requireNotNegative(atLeast, "slowness atLeast");
    return new FaultScript(seed, scripted, probabilities, retryAfter, hangFor, factor, atLeast);
  }

  /** The fault for the request with arrival index {@code index} (from 0); never null. */
  public Fault faultFor(long index) {
    if (index < scripted.size()) {
      return scripted.get((int) index);
    }
    if (probabilities.isEmpty()) {
      return Fault.NONE;
    }
    double u = Seeds.random(seed, index, Seeds.FAULTS).nextDouble();
    double cumulative = 0;
    for (Fault fault : Fault.values()) {
      cumulative += probabilities.getOrDefault(fault, 0.0);
      if (u < cumulative) {
        return fault;
      }
    }
    return Fault.NONE;
  }

  /** The seed of the probabilistic draws. */
  public long seed() {
    return seed;
  }

  /** The explicit faults of the first requests; immutable, possibly empty. */
  public List<Fault> scripted() {
    return scripted;
  }

  /** The probability of each fault past the sequence; immutable; faults never given are absent. */
  public Map<Fault, Double> probabilities() {
    return probabilities;
  }

  /** The wait {@link Fault#RATE_LIMITED} announces. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** How long {@link Fault#HANG} holds a request before closing its connection. */
  public Duration hangFor() {
    return hangFor;
  }

  /** What {@link Fault#SLOW} multiplies the latency by. */
  public double slowFactor() {
    return slowFactor;
  }

  /** The least latency of a {@link Fault#SLOW} reply. */
  public Duration slowAtLeast() {
    return slowAtLeast;
  }

  @Override
  public String toString() {
    return "FaultScript[seed=" + seed + ", scripted=" + scripted + ", probabilities=" + probabilities + "]";
  }

  private static void requireNotNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " is " + d + "; use zero or a positive duration");
    }
  }
}
