package io.datasynth.judge;

import io.datasynth.schema.RubricLevel;
import io.datasynth.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The scores a judge gives: the numeric scores of the schema's rubric (DataRecipe's 1 / 0.5 / 0, or any other
 * levels), else 1 to 5. Immutable.
 *
 * @param levels the distinct scores, highest first; at least two
 * @param fromRubric whether they are the rubric's own
 */
public record JudgeScale(List<Double> levels, boolean fromRubric) {
  /** The scale used when the rubric has fewer than two numeric scores. */
  public static final List<Double> DEFAULT = List.of(5.0, 4.0, 3.0, 2.0, 1.0);

  public JudgeScale {
    levels = List.copyOf(levels);
  }

  /** The scale of a schema's rubric. */
  public static JudgeScale of(Schema schema) {
    TreeSet<Double> scores = new TreeSet<>();
    for (RubricLevel r : schema.rubric()) {
      try {
        double d = Double.parseDouble(r.score().strip());
        if (Double.isFinite(d)) {
          scores.add(d);
        }
      } catch (NumberFormatException notANumber) {
        // a worded level ("good") gives no score to compare against
      }
    }
    if (scores.size() < 2) {
      return new JudgeScale(DEFAULT, false);
    }
    return new JudgeScale(new ArrayList<>(scores.descendingSet()), true);
  }

  public double max() {
    return levels.get(0);
  }

  public double min() {
    return levels.get(levels.size() - 1);
  }

  /** Whether a score lies on the scale (between its lowest and highest score). */
  public boolean contains(double score) {
    return score >= min() - 1e-9 && score <= max() + 1e-9;
  }

  /** The minimum when none is given: the lowest level at or above the middle of the scale (0.5 of 1/0.5/0, 3 of 1–5). */
  public double defaultMinimum() {
    double middle = (min() + max()) / 2;
    double best = max();
    for (double l : levels) {
      if (l >= middle - 1e-9) {
        best = l;
      }
    }
    return best;
  }

  /** How far a record's own score may lie from the judge's before it is reported: half the scale's span. */
  public double disagreement() {
    return (max() - min()) / 2;
  }
}
