package io.datasynth.record;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where one record came from: which model wrote it, in which request, shown which seeds, under which prompt
 * settings, and when; later also the judge's score. Written into the journal and the output beside the record.
 *
 * @param origin how the record arrived
 * @param provider the provider id, e.g. {@code anthropic}; {@code interactive} for pasted replies
 * @param model the model id; {@code interactive} when unknown
 * @param run the run of the output that produced it, from 1
 * @param batch the request's batch index within its run's plan
 * @param attempt the attempt that succeeded, 0 for the first
 * @param examples the ids of the seeds the prompt showed; may be empty
 * @param settings the fingerprint of the prompt settings (template, diversity, examples, batch size, seed, …)
 * @param at when the record was accepted
 * @param judgeScore the rubric judge's score, or null when not judged
 */
public record Provenance(Origin origin, String provider, String model, int run, long batch, int attempt,
    List<String> examples, String settings, Instant at, Double judgeScore) {

  public Provenance {
    Objects.requireNonNull(origin, "origin");
    examples = List.copyOf(examples);
    settings = settings == null ? "" : settings;
  }

  /** How a record arrived. */
  public enum Origin {
    /** Generated through an API by a run. */
    API,
    /** Parsed from a reply pasted into {@code parse}. */
    INTERACTIVE
  }

  /** This provenance with the judge's score. */
  public Provenance withJudgeScore(double score) {
    return new Provenance(origin, provider, model, run, batch, attempt, examples, settings, at, score);
  }
}
