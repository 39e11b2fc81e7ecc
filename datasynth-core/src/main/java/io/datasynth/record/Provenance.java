package io.datasynth.record;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * @param judgeRationale the judge's one-line reason, or null when not judged
 * @param plan the diversity plan's combination its batch asked for (axis name to value label, in axis order);
 *     empty without a plan
 */
public record Provenance(Origin origin, String provider, String model, int run, long batch, int attempt,
    List<String> examples, String settings, Instant at, Double judgeScore, String judgeRationale,
    Map<String, String> plan) {

  public Provenance {
    Objects.requireNonNull(origin, "origin");
    examples = List.copyOf(examples);
    settings = settings == null ? "" : settings;
    plan = plan == null || plan.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(plan));
  }

  /** A provenance without a judgement or a plan. */
  public Provenance(Origin origin, String provider, String model, int run, long batch, int attempt,
      List<String> examples, String settings, Instant at, Double judgeScore) {
    this(origin, provider, model, run, batch, attempt, examples, settings, at, judgeScore, null, Map.of());
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
    return withJudgement(score, judgeRationale);
  }

  /** This provenance with the judge's score and one-line reason. */
  public Provenance withJudgement(double score, String rationale) {
    return new Provenance(origin, provider, model, run, batch, attempt, examples, settings, at, score, rationale,
        plan);
  }

  /** This provenance with the plan combination its batch asked for. */
  public Provenance withPlan(Map<String, String> labels) {
    return new Provenance(origin, provider, model, run, batch, attempt, examples, settings, at, judgeScore,
        judgeRationale, labels);
  }
}
