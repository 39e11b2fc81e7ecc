/**
 * DataSynth's benchmarks, run by hand from the project root, never by the test suite.
 *
 * <ul>
 *   <li>{@link io.datasynth.bench.EngineBench}: the whole engine against the fake provider in real time, one
 *       table per run with the rate-limit ceiling as the ideal row.
 *   <li>JMH benchmarks of the per-request hot paths: {@link io.datasynth.bench.PromptBench} (prompt rendering),
 *       {@link io.datasynth.bench.ParseBench} (reply parsing), {@link io.datasynth.bench.ValidateBench}
 *       (validation), {@link io.datasynth.bench.DedupBench} (exact and near dedup with 10k and 100k records
 *       indexed) and {@link io.datasynth.bench.TokenCountBench} (token counting). The rate limiter has no JMH
 *       benchmark: its class is package-private in {@code io.datasynth.engine} with no public seam, so
 *       EngineBench measures it end to end.
 * </ul>
 *
 * <p>Build with {@code ./mvnw -q -B -DskipTests package}; everything runs from
 * {@code datasynth-bench/target/benchmarks.jar} (JMH's main; {@code -l} lists the benchmarks). Workloads read
 * real data from {@code ../shared/data} when present, else the project's {@code examples/}.
 */
package io.datasynth.bench;
