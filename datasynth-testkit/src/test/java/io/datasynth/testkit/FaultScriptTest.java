package io.datasynth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FaultScriptTest {

  private static List<Fault> first(FaultScript script, int n) {
    return LongStream.range(0, n).mapToObj(script::faultFor).toList();
  }

  @Nested
  class WhenASequenceIsGiven {

    @Test
    void appliesTheSequenceToTheFirstRequestsThenNoFault() {
      FaultScript script = FaultScript.sequence(Fault.RATE_LIMITED, Fault.NONE, Fault.TRUNCATED);

      assertThat(first(script, 5))
          .containsExactly(Fault.RATE_LIMITED, Fault.NONE, Fault.TRUNCATED, Fault.NONE, Fault.NONE);
    }

    @Test
    void continuesWithTheProbabilitiesAfterTheSequence() {
      FaultScript script = FaultScript.sequence(Fault.HANG).serverError(1.0);

      assertThat(first(script, 3)).containsExactly(Fault.HANG, Fault.SERVER_ERROR, Fault.SERVER_ERROR);
    }
  }

  @Nested
  class WhenFaultsAreDrawn {

    @Test
    void theSameSeedGivesTheSameFaultsInTheSamePositions() {
      FaultScript a = FaultScript.random(42).rateLimited(0.2).serverError(0.1).truncated(0.1);
      FaultScript b = FaultScript.random(42).rateLimited(0.2).serverError(0.1).truncated(0.1);

      assertThat(first(a, 500)).isEqualTo(first(b, 500));
      assertThat(a.faultFor(10_000)).isEqualTo(b.faultFor(10_000));
    }

    @Test
    void anotherSeedGivesAnotherSequence() {
      FaultScript a = FaultScript.random(1).rateLimited(0.5);
      FaultScript b = FaultScript.random(2).rateLimited(0.5);

      assertThat(first(a, 100)).isNotEqualTo(first(b, 100));
    }

    @Test
    void drawsEachFaultAboutAsOftenAsItsProbability() {
      FaultScript script = FaultScript.random(7).rateLimited(0.2).garbage(0.1);

      Map<Fault, Long> counts =
          first(script, 20_000).stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

      assertThat(counts.get(Fault.RATE_LIMITED) / 20_000.0).isCloseTo(0.2, within(0.02));
      assertThat(counts.get(Fault.GARBAGE) / 20_000.0).isCloseTo(0.1, within(0.02));
      assertThat(counts.get(Fault.NONE) / 20_000.0).isCloseTo(0.7, within(0.02));
    }
  }

  @Nested
  class WhenTheScriptIsImpossible {

    @Test
    void rejectsAProbabilityOutsideZeroToOne() {
      assertThatThrownBy(() -> FaultScript.random(1).serverError(1.5))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("SERVER_ERROR is 1.5");
    }

    @Test
    void rejectsProbabilitiesAddingUpToMoreThanOne() {
      assertThatThrownBy(() -> FaultScript.random(1).serverError(0.6).overloaded(0.6))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("add up to")
          .hasMessageContaining("at most 1");
    }

    @Test
    void isImmutable() {
      FaultScript base = FaultScript.random(1);
      base.serverError(1.0);

      assertThat(base.faultFor(0)).isEqualTo(Fault.NONE);
    }
  }
}
