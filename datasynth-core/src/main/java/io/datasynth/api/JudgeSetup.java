package io.datasynth.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.cost.ModelPrice;
import io.datasynth.cost.PriceTable;
import io.datasynth.error.ConfigException;
import io.datasynth.error.Setting;
import io.datasynth.judge.JudgeScale;
import io.datasynth.judge.JudgeSettings;
import io.datasynth.judge.SelfScore;
import io.datasynth.model.ModelProfile;
import io.datasynth.prompt.JudgePromptBuilder;
import io.datasynth.prompt.Language;
import io.datasynth.recipe.Inputs;
import io.datasynth.text.Message;

/**
 * The rubric judge of a run, checked against its schema and prices before anything is sent: the scale, the
 * minimum, the judge model with its profile and price, the field records score themselves in, and the prompts.
 *
 * @param model the judge model
 * @param profile its profile
 * @param price its price, or null when it has none
 * @param sameModel whether it is the generation model (its calls go through the generation client)
 * @param selfField the field records score themselves in, or null
 * @param answerSchema the answer's JSON Schema where the model takes structured outputs, else null
 */
record JudgeSetup(JudgeScale scale, double minimum, String model, ModelProfile profile, ModelPrice price,
    boolean sameModel, String selfField, JudgePromptBuilder prompts, ObjectNode answerSchema, int batchSize) {

  /**
   * The judge of {@code config}, or null when it judges nothing.
   *
   * @throws ConfigException for a minimum off the rubric's scale, a judge without a price under a budget, or judge
   *     options without {@code --judge}
   */
  static JudgeSetup resolve(SynthesisConfig config, Inputs inputs, Language language, PriceTable prices) {
    JudgeSettings j = config.judge();
    if (!j.enabled()) {
      if (j.model() != null || j.minScore() != null) {
        throw new ConfigException(Setting.JUDGE, Message.of("error.judge.off", Setting.JUDGE));
      }
      return null;
    }
    JudgeScale scale = JudgeScale.of(inputs.schema());
    double min = j.minScore() == null ? scale.defaultMinimum() : j.minScore();
    if (min > scale.max() + 1e-9 || min < scale.min() - 1e-9) {
      throw new ConfigException(Setting.MIN_SCORE, Message.of("error.min_score.scale", num(min), num(scale.min()),
          num(scale.max()), min > scale.max() ? "fail" : "pass", Setting.MIN_SCORE));
    }
    String model = j.modelOr(config.model());
    boolean same = model.equals(config.model());
    SynthesisConfig judgeConfig = same ? config : config.toBuilder().model(model).build();
    ModelProfile profile = ModelCheck.profile(judgeConfig);
    ModelPrice price = prices.lookup(model).orElse(null);
    if (config.maxCost() != null && price == null) {
      throw new ConfigException(Setting.MAX_COST, Message.of("error.max_cost.no_price", model, Setting.PRICES,
          Setting.MAX_COST));
    }
    String self = SelfScore.field(inputs.schema()).orElse(null);
    JudgePromptBuilder prompts = new JudgePromptBuilder(inputs.schema(), language, scale.levels(), self,
        inputs.guidelines());
    // --structured off turns structured output off for the judge's answers too.
    ObjectNode schema = config.structured() == StructuredMode.OFF
        || profile.structuredOutput() == ModelProfile.StructuredOutput.NONE
        || profile.structuredOutput() == ModelProfile.StructuredOutput.OPENAI_JSON_OBJECT ? null
        : JudgePromptBuilder.answerSchema();
    return new JudgeSetup(scale, min, model, profile, price, same, self, prompts, schema, j.batchSize());
  }

  /** The judge config's model as a generation config would have it, for its client's settings. */
  SynthesisConfig configFor(SynthesisConfig config) {
    return sameModel ? config : config.toBuilder().model(model).build();
  }

  private static String num(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
