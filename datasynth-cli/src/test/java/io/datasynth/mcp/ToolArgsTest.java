package io.datasynth.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasynth.provider.ProviderKind;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ToolArgsTest {
  static final Set<String> KNOWN = Set.of("count", "model", "max_cost", "force", "provider", "text");

  static ToolArgs args(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return ToolArgs.of(m, KNOWN);
  }

  @Test
  void refusesUnknownArgumentsAndListsTheKnownOnes() {
    assertThatThrownBy(() -> args("api_key", "sk-1"))
        .isInstanceOf(ToolArgumentException.class)
        .hasMessageContaining("unknown argument 'api_key'")
        .hasMessageContaining("count, force, max_cost, model, provider, text");
  }

  @Test
  void acceptsNoArgumentsAtAll() {
    assertThat(ToolArgs.of(null, KNOWN).has("count")).isFalse();
  }

  @Test
  void treatsJsonNullAsAbsent() {
    assertThat(args("model", null).string("model")).isEmpty();
  }

  @Nested
  class Integers {
    @Test
    void readsWholeNumbersOfAnyNumericType() {
      assertThat(args("count", 7).integer("count", 1, 10)).contains(7);
      assertThat(args("count", 7L).integer("count", 1, 10)).contains(7);
      assertThat(args("count", 7.0).integer("count", 1, 10)).contains(7);
      assertThat(args("count", new BigDecimal("7")).integer("count", 1, 10)).contains(7);
    }

    @Test
    void refusesFractions() {
      assertThatThrownBy(() -> args("count", 2.5).integer("count", 1, 10))
          .hasMessage("count is 2.5; give a whole number from 1 to 10");
    }

    @Test
    void refusesValuesOutOfRange() {
      assertThatThrownBy(() -> args("count", 0).integer("count", 1, 10))
          .hasMessage("count is 0; give a whole number from 1 to 10");
      assertThatThrownBy(() -> args("count", 1e30).integer("count", 1, 10)).hasMessageContaining("from 1 to 10");
    }

    @Test
    void refusesStrings() {
      assertThatThrownBy(() -> args("count", "ten").integer("count", 1, 10))
          .hasMessage("count must be an integer, got the string \"ten\"");
    }

    @Test
    void saysWhenARequiredOneIsMissing() {
      assertThatThrownBy(() -> args().requiredInteger("count", 1, 10))
          .hasMessage("count is required; give it as an argument");
    }
  }

  @Nested
  class Numbers {
    @Test
    void honoursAnExclusiveMinimum() {
      assertThat(args("max_cost", 0.5).number("max_cost", 0, true, Double.POSITIVE_INFINITY)).contains(0.5);
      assertThatThrownBy(() -> args("max_cost", 0).number("max_cost", 0, true, Double.POSITIVE_INFINITY))
          .hasMessage("max_cost is 0; give a number above 0");
    }

    @Test
    void refusesLists() {
      assertThatThrownBy(() -> args("max_cost", List.of(1)).number("max_cost", 0, true, 1))
          .hasMessage("max_cost must be a number, got a list");
    }
  }

  @Nested
  class StringsAndChoices {
    @Test
    void stripsStringsAndRefusesBlankOnes() {
      assertThat(args("model", "  gpt-5-mini ").string("model")).contains("gpt-5-mini");
      assertThatThrownBy(() -> args("model", " ").string("model")).hasMessageContaining("model is empty");
    }

    @Test
    void keepsRequiredTextAsItIs() {
      assertThat(args("text", "  [1]\n").requiredText("text")).isEqualTo("  [1]\n");
    }

    @Test
    void refusesNumbersWhereAStringIsExpected() {
      assertThatThrownBy(() -> args("model", 5).string("model")).hasMessage("model must be a string, got the number 5");
    }

    @Test
    void parsesChoicesAndNamesTheAllowedValues() {
      assertThat(args("provider", "OpenAI").choice("provider", ProviderKind::parse, "anthropic, openai"))
          .contains(ProviderKind.OPENAI);
      assertThatThrownBy(() -> args("provider", "gemini").choice("provider", ProviderKind::parse,
          "anthropic, openai")).hasMessage("provider 'gemini' is unknown; use one of anthropic, openai");
    }

    @Test
    void readsBooleans() {
      assertThat(args("force", true).bool("force", false)).isTrue();
      assertThat(args().bool("force", false)).isFalse();
      assertThatThrownBy(() -> args("force", "yes").bool("force", false))
          .hasMessage("force must be true or false, got the string \"yes\"");
    }
  }
}
