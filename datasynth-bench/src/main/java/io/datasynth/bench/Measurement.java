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
 * @param unit what the binding limit counts: requests, input tokens or output tokens
 * @param used what the completed requests took from the binding limit, in its unit (for output tokens, what the
 *     replies used: the server gives back the rest of a request's {@code max_tokens} when it ends)
 * @param burst what the provider's binding bucket holds, in its unit
 * @param ratePerSecond what the binding limit refills per second, in its unit
 * @param steadyCeiling records per second the limit allows in the long run
 * @param error why the run failed, or null
 */
record Measurement(String name, double wallSeconds, long requests, long completed, long rateLimited,
    long injected429s, long retries,
    long wastedTokens, long accepted, long duplicates, long invalid, long otherDropped, double sendingSeconds,
    String unit, double used, double burst, double ratePerSecond, double steadyCeiling, String error) {

  /**
   * The best any client could do under the limit, with the mean latency and no faults: the first {@code burst}
   * at once, then one request each time the bucket refills; done one latency after the last is sent.
   *
   * @param limit the binding limit, with what one request takes from it
   */
  static Measurement ideal(String name, BenchOptions o, BenchLimit limit) {
    int needed = o.requestsNeeded();
    double units = needed * limit.perRequest();
    double sending = Math.max(0, (units - limit.burst()) / limit.perSecond());
    double wall = sending + (o.latencyMs() + o.jitterMs() / 2.0) / 1000;
    return new Measurement(name, wall, needed, needed, 0, 0, 0, 0, o.records(), 0, 0, 0, sending, limit.unit(),
        units, limit.burst(), limit.perSecond(), limit.steadyRecordsPerSecond(o.recordsPerReply()), null);
  }

  /** Records delivered per second of wall time. */
  double recordsPerSecond() {
    return wallSeconds <= 0 ? 0 : accepted / wallSeconds;
  }

  /**
   * What the completed requests took from the binding limit against what it would have admitted while the client
   * was sending (burst + rate × sending time), in the limit's unit. At most used/burst when a run needs less than
   * the bucket holds.
   */
  double ofCeiling() {
    return used / (burst + ratePerSecond * sendingSeconds);
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
