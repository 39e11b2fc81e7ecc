package io.datasynth.spark;

import java.io.Serializable;

/**
 * What each partition does in one round of the job, by partition.
 *
 * @param targets records the partition delivers in all, its earlier rounds' included
 * @param shares its part of its endpoint's rate limits (see {@link SharedLimitClient})
 * @param concurrency the most requests it has in flight
 * @param maxRequests the most requests it may send this round; 0 for no cap
 * @param maxCost its part of the job's budget in USD, or null for none
 */
record RoundPlan(int[] targets, double[] shares, int[] concurrency, long[] maxRequests, String maxCost)
    implements Serializable {}
