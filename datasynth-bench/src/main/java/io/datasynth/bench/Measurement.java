package io.datasynth.bench;

/**
 * What one scenario run achieved (or what the ideal client would), with the ratios {@link EngineBench} reports.
 *
 * @param name the row's name
 * @param wallSeconds from calling the library until it returned, seconds
 * @param requests completion requests the fake received, retries included
 * @param completed requests the fake answered 200 (each of them passed its rate limit)
 * @param rateLimited requests answered 429, by the buckets or by the fault script
 * @param injected429s of those, the ones the fault script injected
 * @param retries retries the engine scheduled
 * @param wastedTokens output tokens spent on records that were dropped (estimated: the billed output tokens times
 *     the dropped share of the records received); 0 for the ideal
 * @param accepted records delivered
 * @param duplicates records dropped as exact or near duplicates
 * @param invalid records dropped for breaking the schema
 * @param otherDropped records dropped otherwise: cut off, malformed, surplus
 * @param sendingSeconds from the first request's arrival at the fake to the last one's, seconds
 * @param burst requests the provider's bucket holds
 * @param ratePerSecond requests per second the limit refills
 * @param steadyCeiling records per second the limit allows in the long run
 * @param error why the run failed, or null
 */
record Measurement(String name, double wallSeconds, long requests, long completed, long rateLimited,
    long injected429s, long retries,
    long wastedTokens, long accepted, long duplicates, long invalid, long otherDropped, double sendingSeconds,
    double burst, double ratePerSecond, double steadyCeiling, String error) {

  /**
   * The best any client could do under the limit, with the mean latency and no faults: the first {@code burst}
   * requests at once, then one each time the bucket refills; done one latency after the last is sent.
   */
  static Measurement ideal(String name, BenchOptions o, double burst) {
    int needed = o.requestsNeeded();
    double sending = Math.max(0, (needed - burst) / o.ratePerSecond());
    double wall = sending + (o.latencyMs() + o.jitterMs() / 2.0) / 1000;
    return new Measurement(name, wall, needed, needed, 0, 0, 0, 0, o.records(), 0, 0, 0, sending, burst,
        o.ratePerSecond(), o.steadyCeiling(), null);
  }

  /** Records delivered per second of wall time. */
  double recordsPerSecond() {
    return wallSeconds <= 0 ? 0 : accepted / wallSeconds;
  }

  /**
   * Requests completed against requests the limit would have admitted while the client was sending (burst + rate ×
   * sending time). At most requests/burst when a run needs fewer requests than the bucket holds.
   */
  double ofCeiling() {
    return completed / (burst + ratePerSecond * sendingSeconds);
  }

  /** Records per second against the long-run ceiling (limit per second × records per reply). */
  double ofSteadyRate() {
    return recordsPerSecond() / steadyCeiling;
  }

  /** The share of requests answered 429. */
  double rateLimitedShare() {
    return requests == 0 ? 0 : (double) rateLimited / requests;
  }
}
