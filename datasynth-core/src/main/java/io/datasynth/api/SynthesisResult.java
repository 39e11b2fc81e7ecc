package io.datasynth.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.engine.RunOutcome;
import io.datasynth.engine.RunStats;
import io.datasynth.provider.Usage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What a generation run did.
 *
 * @param success whether exactly the requested number of records was written
 * @param error why the run did not finish; null on success
 * @param outcome how the engine ended
 * @param outputPath the output file; null when nothing was written
 * @param journalPath the journal kept for resuming; null when the run completed (it is deleted)
 * @param generatedCount records in the output
 * @param failedCount batches given up after their retries ran out
 * @param dedupCount records dropped as exact or near duplicates
 * @param rejected records dropped, by reason
 * @param tokens tokens the provider billed (including resumed runs)
 * @param costUsd what they cost, or null when the model has no price
 * @param duration wall time of this run
 * @param stats the engine's final counts
 * @param fieldStats per-field statistics of the output; null unless asked for
 */
public record SynthesisResult(
    boolean success,
    String error,
    RunOutcome outcome,
    Path outputPath,
    Path journalPath,
    long generatedCount,
    long failedCount,
    long dedupCount,
    Map<String, Long> rejected,
    Usage tokens,
    Double costUsd,
    Duration duration,
    RunStats stats,
    ObjectNode fieldStats) {

  public SynthesisResult {
    rejected = Map.copyOf(rejected);
  }
}
