package io.datasynth.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaPatternTest {
  @Nested
  @Timeout(60) // a backtracking engine takes hours on these; a hang fails here instead of stopping the build
  class CatastrophicPatterns {
    @ParameterizedTest
    @ValueSource(strings = {"((a+)+)+$", "(.*a){12}$", "^(a|a)*$", "^(\\w+\\s?)*$", "(x+x+)+y"})
    void matchInTimeProportionalToTheText(String regex) {
      SchemaPattern p = SchemaPattern.compile(regex);
      String hostile = "a".repeat(5_000) + "!";
      String words = "word ".repeat(2_000) + "!";
      String xs = "x".repeat(5_000);

      assertThat(p.find(hostile)).isFalse();
      if (regex.equals("(x+x+)+y")) {
        assertThat(p.find(xs)).isFalse();
      }
      if (regex.equals("^(\\w+\\s?)*$")) {
        assertThat(p.find(words)).isFalse();
        assertThat(p.find("word word")).isTrue();
      }
    }
  }

  @Nested
  class OrdinaryPatterns {
    @Test
    void findAMatchAnywhereUnlessAnchored() {
      assertThat(SchemaPattern.compile("\\d").find("a1b")).isTrue();
      assertThat(SchemaPattern.compile("^\\d+$").find("a1b")).isFalse();
      assertThat(SchemaPattern.compile("^#[0-9a-f]{6}$").find("#00ff7a")).isTrue();
      assertThat(SchemaPattern.compile("^\\p{Han}+$").find("机器学习")).isTrue();
      assertThat(SchemaPattern.compile("(?i)^ok$").find("OK")).isTrue();
    }
  }

  @Nested
  class PatternsALinearEngineCannotMatch {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "(a)\\1         ; a backreference (\\1)",
        "(?<n>a)\\k<n>  ; a backreference (\\k)",
        "^(?=.*\\d).+$  ; lookaround ((?=…)",
        "^(?!x).*       ; lookaround ((?!…)",
        "(?<=a)b        ; lookaround ((?<=…)",
        "(?<!a)b        ; lookaround ((?<!…)",
        "(?>ab|a)c      ; an atomic group",
        "a++b           ; a possessive quantifier (++)",
        "a{2}+b         ; a possessive quantifier ({2}+)",
        "\\p{L}*+       ; a possessive quantifier (*+)"})
    void areRefusedNamingWhatTheyUse(String regex, String what) {
      assertThatThrownBy(() -> SchemaPattern.compile(regex.strip())).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("uses " + what.strip()).hasMessageContaining("does not support");
    }

    @Test
    void escapedLookalikesAreFine() {
      assertThat(SchemaPattern.compile("\\(\\?=\\)").find("(?=)")).isTrue();
      assertThat(SchemaPattern.compile("[(?=]+").find("?")).isTrue();
      assertThat(SchemaPattern.compile("\\++").find("++")).isTrue();
      assertThat(SchemaPattern.compile("\\\\1").find("\\1")).isTrue();
    }
  }

  @Nested
  class NestedCounts {
    @Test
    void thatWouldExpandPastTheLimitAreRefusedBeforeCompiling() {
      assertThatThrownBy(() -> SchemaPattern.compile("((a{1000}){1000}){1000}"))
          .hasMessageContaining("too large").hasMessageContaining("1,000,000,000");
      assertThatThrownBy(() -> SchemaPattern.compile("(x{200}){200}")).hasMessageContaining("40,000");
    }

    @Test
    void withinTheLimitCompile() {
      assertThat(SchemaPattern.compile("(a{100}){100}").find("a".repeat(10_000))).isTrue();
      assertThat(SchemaPattern.compile("^.{0,1000}$").find("short")).isTrue();
    }

    @ParameterizedTest(name = "{0} expands to {1}")
    @CsvSource(delimiter = ';', value = {
        "abc ; 3", "a{5} ; 5", "(ab){3} ; 6", "(a{2}b){3}c ; 10", "a{2,} ; 3", "a{2,7} ; 7", "[a-z]{4} ; 4",
        "\\d{3}-\\d{4} ; 8", "a|b{3} ; 4", "x{ ; 2", "(?:a{10}){10} ; 100", "(?i:a{10}){10} ; 100",
        "(?P<n>ab){5} ; 10", "(?<n>ab){5} ; 10", "(?i)a{3} ; 3", "\\p{Han}{3} ; 3", "\\x{4e00}{4} ; 4",
        "\\Qa.b\\E{2} ; 4", "[[:alpha:]]]{2} ; 3"})
    void isMeasuredAfterTheCountsAreWrittenOut(String regex, long size) {
      assertThat(SchemaPattern.expandedSize(regex.strip())).isEqualTo(size);
    }
  }

  @Test
  void invalidSyntaxSaysWhatIsWrong() {
    assertThatThrownBy(() -> SchemaPattern.compile("([a-z")).hasMessageContaining("not a valid regular expression")
        .hasMessageContaining("missing closing ]");
  }
}
