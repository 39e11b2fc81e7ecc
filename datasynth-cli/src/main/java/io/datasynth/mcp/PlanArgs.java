package io.datasynth.mcp;

import io.datasynth.api.SynthesisConfig;
import io.datasynth.judge.JudgeSettings;
import io.datasynth.plan.Axis;
import io.datasynth.plan.AxisFiles;
import io.datasynth.plan.Balance;
import io.datasynth.plan.PlanSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The diversity plan and rubric judge arguments of {@code synthesize_data} ({@code balance}, {@code axis},
 * {@code axes_path}, {@code seed_guide}, {@code judge}, {@code judge_model}, {@code min_score},
 * {@code judge_batch_size}): the CLI's {@code --balance}, {@code --axis}, … in snake case. Several balances or axes
 * are separated by {@code ;}.
 */
final class PlanArgs {
  static final String BALANCE = "balance";
  static final String AXIS = "axis";
  static final String AXES_PATH = "axes_path";
  static final String SEED_GUIDE = "seed_guide";
  static final String JUDGE = "judge";
  static final String JUDGE_MODEL = "judge_model";
  static final String MIN_SCORE = "min_score";
  static final String JUDGE_BATCH_SIZE = "judge_batch_size";

  private PlanArgs() {}

  static ToolSchema.Builder declare(ToolSchema.Builder b) {
    return b
        .string(BALANCE, "Schema fields to balance across their values: FIELD, FIELD=value:weight,value:weight, or "
            + "all; several separated by ';' (e.g. \"intent;difficulty=easy:0.5,hard:0.5\").")
        .string(AXIS, "Axes of the diversity plan, NAME=v1,v2:weight or NAME=FILE (a text or JSONL file relative to "
            + "the server root); several separated by ';'. An axis named like a field fixes that field.")
        .string(AXES_PATH, "A JSON file of axes with weights and conditions (see the README's Diversity plans).")
        .bool(SEED_GUIDE, "Tell each batch which seed examples to lean on and which region to move away from.", true)
        .bool(JUDGE, "Score accepted records against the schema's scoring_rubric; records below min_score are "
            + "rejected (low_score) and topped up, so exactly count are delivered.", false)
        .string(JUDGE_MODEL, "The judge model (default: the generation model).")
        .number(MIN_SCORE, "The lowest judge score a record may have (default: the rubric's middle score).", null,
            null, null)
        .integer(JUDGE_BATCH_SIZE, "Records per judge request (default " + JudgeSettings.DEFAULT_BATCH_SIZE + ").",
            1, 100, null);
  }

  /** Applies the plan and judge arguments the call gave. */
  static SynthesisConfig.Builder apply(SynthesisConfig.Builder b, ToolArgs a, PathGuard guard) {
    List<Balance> balance = new ArrayList<>();
    a.string(BALANCE).ifPresent(s -> split(s).forEach(spec -> balance.add(Balance.parse(spec))));
    List<Axis> axes = new ArrayList<>();
    a.string(AXIS).ifPresent(s -> split(s).forEach(spec -> axes.add(axis(spec, guard))));
    a.string(AXES_PATH).ifPresent(p -> axes.addAll(AxisFiles.readAxes(guard.existing(p, AXES_PATH))));
    b.plan(new PlanSettings(balance, axes, a.bool(SEED_GUIDE, true)));
    b.judge(new JudgeSettings(a.bool(JUDGE, false), a.string(JUDGE_MODEL).orElse(null),
        a.number(MIN_SCORE, Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY).orElse(null),
        a.integer(JUDGE_BATCH_SIZE, 1, 100).orElse(JudgeSettings.DEFAULT_BATCH_SIZE)));
    return b;
  }

  /** An axis whose values are a file is read through the guard, so it stays under the server root. */
  private static Axis axis(String spec, PathGuard guard) {
    int eq = spec.indexOf('=');
    String rest = eq < 0 ? "" : spec.substring(eq + 1).strip();
    if (eq > 0 && !rest.isEmpty() && !rest.contains(",") && looksLikeFile(rest)) {
      return Axis.of(spec.substring(0, eq).strip(), Axis.Source.USER, null,
          AxisFiles.readValues(guard.existing(rest, AXIS)));
    }
    return AxisFiles.parseOption(spec, null);
  }

  private static boolean looksLikeFile(String s) {
    String l = s.toLowerCase(java.util.Locale.ROOT);
    return s.contains("/") || l.endsWith(".txt") || l.endsWith(".jsonl") || l.endsWith(".json");
  }

  private static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    for (String part : s.split(";")) {
      if (!part.isBlank()) {
        out.add(part.strip());
      }
    }
    return out;
  }
}
