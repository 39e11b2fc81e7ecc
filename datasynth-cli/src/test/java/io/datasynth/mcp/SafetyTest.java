package io.datasynth.mcp;

import io.datasynth.secret.Redactor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasynth.provider.ProviderKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SafetyTest {
  @Nested
  class BaseUrls {
    @Test
    void acceptsServersOnThisMachineAndTheProvidersOwnApi() {
      for (String url : List.of("http://localhost:11434/v1", "http://127.0.0.1:8089", "http://[::1]:8000/v1",
          "https://api.openai.com/v1")) {
        assertThatCode(() -> BaseUrlPolicy.check(url, ProviderKind.OPENAI, Map.of())).doesNotThrowAnyException();
      }
    }

    @Test
    void acceptsTheBaseUrlTheEnvironmentAlreadySets() {
      assertThatCode(() -> BaseUrlPolicy.check("https://gw.example.com/v1", ProviderKind.OPENAI,
          Map.of("OPENAI_BASE_URL", "https://gw.example.com/v1"))).doesNotThrowAnyException();
    }

    @Test
    void refusesOtherHostsSoTheKeyCannotBeSentThere() {
      assertThatThrownBy(() -> BaseUrlPolicy.check("https://evil.example.com", ProviderKind.ANTHROPIC, Map.of()))
          .isInstanceOf(ToolArgumentException.class)
          .hasMessageContaining("API key would be sent there")
          .hasMessageContaining("ANTHROPIC_BASE_URL");
      assertThatThrownBy(() -> BaseUrlPolicy.check("http://192.168.1.5:8000/v1", ProviderKind.OPENAI, Map.of()))
          .isInstanceOf(ToolArgumentException.class);
      assertThatThrownBy(() -> BaseUrlPolicy.check("file:///etc/passwd", ProviderKind.OPENAI, Map.of()))
          .hasMessageContaining("must start with http");
    }
  }

  @Nested
  class Redaction {
    final Redactor redactor = Redactor.of(Map.of("ANTHROPIC_API_KEY", "sk-ant-secret-123456",
        "MY_TOKEN", "tok-abcdefgh", "HOME", "/home/someone-long", "SHORT_KEY", "abc"));

    @Test
    void masksSecretValuesInTextAndStructures() {
      assertThat(redactor.text("key sk-ant-secret-123456 and tok-abcdefgh")).isEqualTo("key [redacted] and [redacted]");
      assertThat(redactor.value(Map.of("a", List.of("x sk-ant-secret-123456")))).isEqualTo(
          Map.of("a", List.of("x [redacted]")));
    }

    @Test
    void leavesOrdinaryVariablesAndShortValuesAlone() {
      assertThat(redactor.text("/home/someone-long abc")).isEqualTo("/home/someone-long abc");
    }
  }
}
