package io.datasynth.testkit;

import java.time.Duration;

/**
 * How the fake's batches behave (both APIs).
 *
 * @param duration how long after creation a batch ends, on the fake's clock; past 24 hours it expires at 24 hours
 * @param cancelDelay how long a canceled batch stays {@code canceling} / {@code cancelling} before it ends
 * @param expireRate the fraction of items that expire (the batch then ends as if its window had run out)
 * @param errorRate the fraction of items that end with a server error ({@code api_error} / status 500)
 * @param shuffle whether results come in a seeded shuffled order (else in request order)
 * @param pollsPerMinute the most batch retrievals ({@code GET …/batches/{id}}) per minute, per fake and style;
 *     0 for no limit
 */
record BatchSettings(
    Duration duration, Duration cancelDelay, double expireRate, double errorRate, boolean shuffle,
    long pollsPerMinute) {}
