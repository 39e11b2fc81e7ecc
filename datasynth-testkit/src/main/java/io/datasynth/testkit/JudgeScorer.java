package io.datasynth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How the fake scores records when a request asks it to judge them (see the package documentation for the
 * request shape it recognises).
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface JudgeScorer {

  /**
   * The score of one record.
   *
   * @param id the record's id as the request gave it (its 1-based position when it gave none)
   * @param record the record's fields
   * @param rubricScores the distinct {@code score} values of the request's rubric, in order; empty when it has none
   * @param random the request's seeded generator
   * @return the score and a one-line rationale; never null
   */
  Judgement judge(String id, ObjectNode record, List<Double> rubricScores, RandomGenerator random);

  /**
   * A score with its one-line rationale.
   *
   * @param score the score
   * @param rationale one line, no line breaks
   */
  record Judgement(double score, String rationale) {
    public Judgement {
      Objects.requireNonNull(rationale, "rationale");
      rationale = rationale.replace('\n', ' ').replace('\r', ' ');
    }
  }

  /** The default: a seeded draw among the rubric's scores, or among 1, 2, 3, 4 and 5 when the request has none. */
  static JudgeScorer seededFromRubric() {
    return (id, record, rubric, random) -> {
      List<Double> choices = rubric.isEmpty() ? List.of(1.0, 2.0, 3.0, 4.0, 5.0) : rubric;
      double score = choices.get(random.nextInt(choices.size()));
      return new Judgement(score, "Seeded score " + JsonChecks.fmt(score) + " for record " + id + ".");
    };
  }

  /**
   * A seeded draw among {@code scores} (each equally likely), whatever the rubric says.
   *
   * @param scores at least one score
   */
  static JudgeScorer seeded(double... scores) {
    if (scores.length == 0) {
      throw new IllegalArgumentException("seeded judge scores are empty; give at least one score (--judge-scores)");
    }
    double[] copy = scores.clone();
    return (id, record, rubric, random) -> {
      double score = copy[random.nextInt(copy.length)];
      return new Judgement(score, "Seeded score " + JsonChecks.fmt(score) + " for record " + id + ".");
    };
  }

  /**
   * The score a field's value earns: {@code scores} maps the value as text (e.g. {@code "退换货"}, {@code "3"}) to
   * a score; records whose field is missing or not mapped get {@code otherwise}.
   */
  static JudgeScorer byField(String field, Map<String, Double> scores, double otherwise) {
    Objects.requireNonNull(field, "field");
    Map<String, Double> copy = Map.copyOf(scores);
    return (id, record, rubric, random) -> {
      JsonNode value = record.get(field);
      String key = value == null ? null : value.isValueNode() ? value.asText() : value.toString();
      double score = key != null && copy.containsKey(key) ? copy.get(key) : otherwise;
      return new Judgement(score, "Scored " + JsonChecks.fmt(score) + " because " + field + " is "
          + (key == null ? "missing" : "'" + key + "'") + ".");
    };
  }

  /** The score of each record id in {@code scores}; other ids get {@code otherwise}. */
  static JudgeScorer byId(Map<String, Double> scores, double otherwise) {
    Map<String, Double> copy = Map.copyOf(scores);
    return (id, record, rubric, random) -> {
      double score = copy.getOrDefault(id, otherwise);
      return new Judgement(score, "Scored " + JsonChecks.fmt(score) + " as set for record " + id + ".");
    };
  }
}
