package io.datasynth.engine;

import java.time.Duration;

/**
 * What one endpoint of a fleet did in a run: the requests sent to it, how they ended, and how often it was taken
 * out of service for failing repeatedly.
 *
 * @param endpoint where requests went, e.g. {@code http://10.0.0.7:8000/v1/chat/completions}; never a key
 * @param weight its share of the work relative to the others (from the endpoints file; 1 by default)
 * @param requestsSent requests sent to it, retries included
 * @param replies replies it completed
 * @param rateLimited its 429 answers
 * @param failures its transient failures (5xx, timeouts, refused connections, malformed replies)
 * @param timesOut how often the circuit breaker took it out of service
 * @param out whether it is out of service now
 * @param meanLatency the mean time of its completed replies; zero when none completed
 */
public record EndpointStats(String endpoint, int weight, long requestsSent, long replies, long rateLimited,
    long failures, int timesOut, boolean out, Duration meanLatency) {}
