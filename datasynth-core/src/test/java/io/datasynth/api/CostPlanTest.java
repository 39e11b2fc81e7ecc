package io.datasynth.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasynth.cost.TokenCounter;
import io.datasynth.model.ModelProfile;
import io.datasynth.model.ModelProfiles;
import io.datasynth.prompt.PromptBuilder;
import io.datasynth.provider.ProviderKind;
import io.datasynth.recipe.Inputs;
import io.datasynth.text.Message;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CostPlanTest {
  @TempDir Path dir;

  /** Counts characters times a factor; exact or an estimate, as asked. */
  record Counter(double perChar, boolean exact) implements TokenCounter {
    @Override
    public int count(String text) {
      return (int) Math.ceil(text.length() * perChar);
    }

    @Override
    public String description() {
      return "test";
    }

    @Override
    public Message explanation() {
      return Message.of("tokenizer.o200k");
    }
  }

  @Test
  void aSeedBlockJustOverTheMinimumIsCachedWhenCountsAreExactButNotWhenEstimated() throws IOException {
    Inputs inputs = QaInputs.in(dir);
    SynthesisConfig config = SynthesisConfig.builder().provider(ProviderKind.OPENAI).model("gpt-5-mini").count(10)
        .build();
    ModelProfile profile = ModelProfiles.bundled().lookup(ProviderKind.OPENAI, "gpt-5-mini");
    PromptBuilder prompts = new PromptBuilder(inputs.schema(), inputs.seeds(), inputs.guidelines(),
        config.promptSettings());
    int min = profile.cacheMinTokens();
    // Scale the count so that the prefix with the seed block is 1.2 times the minimum: over it, within the margin.
    PromptBuilder block = prompts.withLayout(CostPlan.SEED_BLOCK, false);
    int blockChars = block.build(0, 1).system().length() + block.stableText().length();
    int plainChars = prompts.build(0, 1).system().length() + prompts.stableText().length();
    double perChar = 1.2 * min / blockChars;
    assertThat(plainChars * perChar).as("the plain prefix is under the minimum").isLessThan(min);

    CostPlan estimated = CostPlan.decide(config, profile, inputs, prompts, new Counter(perChar, false), false);
    CostPlan exact = CostPlan.decide(config, profile, inputs, prompts, new Counter(perChar, true), false);

    assertThat(estimated.cache()).isNull();
    assertThat(estimated.notices()).extracting(Message::key).contains("notice.cache.close");
    assertThat(exact.cache()).isNotNull();
    assertThat(exact.prompts().seedBlock()).isNotEmpty();
    assertThat(exact.notices()).extracting(Message::key).doesNotContain("notice.cache.close", "notice.cache.short");
  }
}
