package io.datasynth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasynth.error.ConfigException;
import io.datasynth.error.Setting;
import io.datasynth.provider.ProviderKind;
import io.datasynth.text.Messages;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProviderCheckTest {
  static SynthesisConfig.Builder gpt4oOnAnthropic() {
    return SynthesisConfig.builder().provider(ProviderKind.ANTHROPIC).model("gpt-4o");
  }

  @Nested
  class AModelOfTheOtherProvider {
    @Test
    void isAClearErrorAgainstThePublicApi() {
      assertThatThrownBy(() -> ProviderCheck.check(gpt4oOnAnthropic().build(), Map.of(), true))
          .isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.setting()).isEqualTo(Setting.PROVIDER);
            assertThat(e.getMessage()).isEqualTo("model gpt-4o is one of openai's models, but the provider is anthropic; "
                + "give provider openai, or one of anthropic's models with model");
          });
    }

    @Test
    void isOnlyANoticeForAnEstimate() {
      assertThat(ProviderCheck.check(gpt4oOnAnthropic().build(), Map.of(), false)).isPresent();
    }

    @Test
    void isANoticeThroughABaseUrlOfTheUsersWhichMayServeIt() {
      assertThat(ProviderCheck.check(gpt4oOnAnthropic().baseUrl("http://127.0.0.1:4000").build(), Map.of(), true))
          .hasValueSatisfying(m -> assertThat(Messages.english().render(m)).contains("must serve it"));
      assertThat(ProviderCheck.check(gpt4oOnAnthropic().build(), Map.of("ANTHROPIC_BASE_URL", "http://proxy:4000"), true))
          .isPresent();
    }
  }

  @Nested
  class AModelOfItsOwnProvider {
    @Test
    void passes() {
      assertThat(ProviderCheck.check(SynthesisConfig.builder().provider(ProviderKind.OPENAI).model("gpt-4o").build(),
          Map.of(), true)).isEmpty();
      assertThat(ProviderCheck.check(SynthesisConfig.builder().build(), Map.of(), true)).isEmpty();
    }

    @Test
    void passesForAModelNoProfileKnows() {
      assertThat(ProviderCheck.check(gpt4oOnAnthropic().model("house-model-7").build(), Map.of(), true)).isEmpty();
    }
  }
}
