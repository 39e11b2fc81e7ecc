/**
 * What a dataset measures: per-field diversity (distinct-1/2 over tokens that treat each CJK character as one),
 * similarity within a bounded sample and to the nearest seed (with the seed-copy guard), length and label
 * distributions of seeds against records, and the judge's scores. {@link io.datasynth.metrics.MetricsCollector}
 * takes a dataset's records one by one in bounded memory; {@link io.datasynth.metrics.DatasetMetrics} is what it
 * found, and {@link io.datasynth.metrics.DatasetMetricsJson} its JSON.
 */
package io.datasynth.metrics;
