package io.datasynth.bench;

/**
 * The fake provider's binding limit in one scenario, in its own unit.
 *
 * @param unit what it counts: requests, input tokens or output tokens
 * @param perMinute the limit per minute
 * @param burst what its bucket holds
 * @param perRequest what one completed request takes from it on average (1 for requests)
 */
record BenchLimit(String unit, long perMinute, double burst, double perRequest) {

  /** What the limit refills per second. */
  double perSecond() {
    return perMinute / 60.0;
  }

  /** Records per second the limit allows in the long run. */
  double steadyRecordsPerSecond(int recordsPerReply) {
    return perSecond() / perRequest * recordsPerReply;
  }
}
