package io.datasynth.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasynth.error.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderSettingsTest {
  static final io.datasynth.model.ModelProfile PROFILE =
      io.datasynth.model.ModelProfiles.bundled().lookup(io.datasynth.provider.ProviderKind.ANTHROPIC, "claude-sonnet-5-5");
  static final String KEY = "sk-ant-api03-Ps7Qm2Zx9Lp4RvT8kW3nB6cD1fG5hJ0a";

  static ProviderSettings anthropic(Map<String, String> env) {
    return ProviderSettings.resolve(ProviderKind.ANTHROPIC, "m", null, null, env, null, PROFILE);
  }

  @Nested
  class AKeyWithACharacterNoHeaderCanCarry {
    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"200B", "FEFF", "00A0", "000A", "0000", "001B", "0007", "0020", "00E9"})
    void isAUsageErrorNamingTheVariableAndNeverTheValue(String hex) {
      String bad = KEY.substring(0, 13) + Character.toString(Integer.parseInt(hex, 16)) + KEY.substring(13);

      assertThatThrownBy(() -> anthropic(Map.of("ANTHROPIC_API_KEY", bad)))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("ANTHROPIC_API_KEY")
          .hasMessageContaining("U+" + hex)
          .hasMessageContaining("at character 14 of " + (KEY.length() + 1))
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY.substring(0, 13))
              .doesNotContain(KEY.substring(13)).doesNotContain("Ps7Qm2"));
    }

    @Test
    void namesTheVariableGivenByApiKeyEnv() {
      assertThatThrownBy(() -> ProviderSettings.resolve(ProviderKind.OPENAI, "m", null, "MY_LLM_KEY",
          Map.of("MY_LLM_KEY", KEY + "\u200B"), null, PROFILE))
          .hasMessageStartingWith("MY_LLM_KEY holds a character").hasMessageContaining("ZERO WIDTH SPACE")
          .hasMessageContaining("pasted from a web page");
    }

    @Test
    void surroundingSpacesAndLineBreaksAreStrippedNotRefused() {
      assertThat(anthropic(Map.of("ANTHROPIC_API_KEY", "  " + KEY + "\n")).apiKey().reveal()).isEqualTo(KEY);
    }

    @Test
    void aKeyGivenInCodeIsRefusedWithoutShowingIt() {
      assertThatThrownBy(() -> ApiKey.of("abc\u0000def")).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("U+0000").satisfies(e -> assertThat(e.getMessage()).doesNotContain("abc"));
    }
  }

  @Nested
  class ABaseUrl {
    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:99999", "http://127.0.0.1:65536/v1", "http://localhost:0"})
    void withAPortOutOfRangeIsAUsageErrorNamingTheOption(String url) {
      assertThatThrownBy(() -> ProviderSettings.resolve(ProviderKind.OPENAI, "m", url, null, Map.of(), null, PROFILE))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(url).hasMessageContaining("1 to 65535").hasMessageContaining("(from base_url)")
          .satisfies(e -> assertThat(((ConfigException) e).setting().key()).isEqualTo("base_url"));
    }

    @Test
    void withAPortTooLargeForANumberIsAUsageErrorToo() {
      assertThatThrownBy(() -> ProviderSettings.resolve(ProviderKind.OPENAI, "m", "http://127.0.0.1:99999999999",
          null, Map.of(), null, PROFILE)).isInstanceOf(ConfigException.class).hasMessageContaining("1 to 65535");
    }

    @Test
    void fromTheEnvironmentNamesTheVariable() {
      assertThatThrownBy(() -> anthropic(Map.of("ANTHROPIC_BASE_URL", "http://127.0.0.1:70000")))
          .hasMessageContaining("(from ANTHROPIC_BASE_URL)");
    }

    @Test
    void withSpacesOrBadCharactersIsNotAUrl() {
      assertThatThrownBy(() -> ProviderSettings.resolve(ProviderKind.OPENAI, "m", "http://local host/v1", null,
          Map.of(), null, PROFILE)).isInstanceOf(ConfigException.class).hasMessageContaining("is not a URL");
    }

    @Test
    void inRangeIsAccepted() {
      assertThat(ProviderSettings.resolve(ProviderKind.OPENAI, "m", "http://127.0.0.1:65535/v1", null, Map.of(),
          null, PROFILE).baseUrl()).isEqualTo("http://127.0.0.1:65535/v1");
    }
  }
}
