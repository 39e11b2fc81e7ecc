package io.datasynth.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RedactorTest {
  static final String ANTHROPIC = "sk-ant-api03-Xy7Qm2Zx9Lp4RvT8kW3nB6cD1fG5hJ0a";
  static final String OPENAI = "sk-proj-N4bV8cX2zL6kJ9hG3fD7sA1qW5eR0tYu";

  final Redactor redactor = Redactor.of(ANTHROPIC, OPENAI);

  @Nested
  class AKnownKey {
    @Test
    void isMaskedWhole() {
      assertThat(redactor.scrub("invalid x-api-key " + ANTHROPIC + ".")).isEqualTo("invalid x-api-key [redacted].");
    }

    @Test
    void isMaskedWithoutItsPrefix() {
      String prefixless = ANTHROPIC.substring("sk-ant-".length());
      String bare = ANTHROPIC.substring("sk-ant-api03-".length());
      String openAiBare = OPENAI.substring("sk-proj-".length());

      assertThat(redactor.scrub("key " + prefixless + " refused")).isEqualTo("key [redacted] refused");
      assertThat(redactor.scrub("key=" + bare)).isEqualTo("key=[redacted]");
      assertThat(redactor.scrub("{\"error\": \"" + openAiBare + "\"}")).isEqualTo("{\"error\": \"[redacted]\"}");
    }

    @Test
    void isMaskedWhereALongPieceOfItIsEchoed() {
      String middle = ANTHROPIC.substring(15, 35);
      String tail = ANTHROPIC.substring(ANTHROPIC.length() - 14);

      assertThat(redactor.scrub("token …" + middle + "… rejected")).isEqualTo("token …[redacted]… rejected");
      assertThat(redactor.scrub("ends in " + tail)).isEqualTo("ends in [redacted]");
    }

    @Test
    void isMaskedInHeadersAndExceptionMessagesAlike() {
      assertThat(redactor.scrub("java.io.IOException: bad header x-echo: Bearer " + OPENAI))
          .isEqualTo("java.io.IOException: bad header x-echo: Bearer [redacted]");
    }

    @Test
    void leavesOrdinaryTextAlone() {
      String text = "rate limited (429): 50 requests per minute; try again in 12 s, model claude-sonnet-5-5";
      assertThat(redactor.scrub(text)).isEqualTo(text);
    }

    @Test
    void leavesShortCommonPiecesAlone() {
      // "api03" and "proj" are parts of the keys, but far too short to say anything about them
      assertThat(redactor.scrub("api03 proj sk ant")).isEqualTo("api03 proj sk ant");
    }
  }

  @Nested
  class AnythingShapedLikeAKey {
    @Test
    void isMaskedEvenWhenNotKnown() {
      assertThat(Redactor.none().scrub("Incorrect API key provided: sk-test-123456789 (also sk-proj-abc****wxyz)"))
          .doesNotContain("sk-test-123456789").doesNotContain("sk-proj").contains("Incorrect API key provided");
    }
  }

  @Nested
  class FromTheEnvironment {
    final Redactor env = Redactor.forEnvironment(Map.of("ANTHROPIC_API_KEY", ANTHROPIC,
        "MY_TOKEN", "tok-abcdefgh", "HOME", "/home/someone-long", "SHORT_KEY", "abc", "DB_PASSWORD", " hunter2hunter2 "));

    @Test
    void masksTheValuesOfKeyTokenSecretAndPasswordVariables() {
      assertThat(env.text("key " + ANTHROPIC + " and tok-abcdefgh and hunter2hunter2"))
          .isEqualTo("key [redacted] and [redacted] and [redacted]");
    }

    @Test
    void masksInsideJsonStructures() {
      assertThat(env.value(Map.of("a", List.of("x " + ANTHROPIC), ANTHROPIC, 3)))
          .isEqualTo(Map.of("a", List.of("x [redacted]"), "[redacted]", 3));
    }

    @Test
    void leavesOrdinaryVariablesAndShortValuesAlone() {
      assertThat(env.text("/home/someone-long abc")).isEqualTo("/home/someone-long abc");
    }

    @Test
    void keepsNullAsNullInTextAndEmptyInScrub() {
      assertThat(env.text(null)).isNull();
      assertThat(env.scrub(null)).isEmpty();
    }

    @Test
    void namesThatHoldSecrets() {
      assertThat(List.of("ANTHROPIC_API_KEY", "GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "PGPASSWORD",
          "GOOGLE_APPLICATION_CREDENTIALS")).allMatch(Redactor::isSecretName);
      assertThat(List.of("HOME", "PATH", "ANTHROPIC_BASE_URL", "LANG")).noneMatch(Redactor::isSecretName);
    }
  }

  @Test
  void combinesWithMoreSecrets() {
    Redactor both = Redactor.forEnvironment(Map.of("ANTHROPIC_API_KEY", ANTHROPIC)).with(List.of(OPENAI));
    assertThat(both.scrub(ANTHROPIC + " " + OPENAI)).isEqualTo("[redacted] [redacted]");
  }
}
