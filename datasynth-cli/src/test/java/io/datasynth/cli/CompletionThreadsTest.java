package io.datasynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CompletionThreadsTest {
  @Nested
  class OnAMachineWithFewProcessors {
    @Test
    void asksForTwoReusedThreadsWhereTheDefaultWouldStartOnePerStep() {
      assertThat(CompletionThreads.parallelism(null, 1)).isEqualTo("2");
      assertThat(CompletionThreads.parallelism(null, 2)).isEqualTo("2");
    }

    @Test
    void leavesTheUsersOwnSettingAlone() {
      assertThat(CompletionThreads.parallelism("1", 2)).isNull();
    }
  }

  @Nested
  class OnALargerMachine {
    @Test
    void leavesTheJvmsChoice() {
      assertThat(CompletionThreads.parallelism(null, 3)).isNull();
      assertThat(CompletionThreads.parallelism(null, 64)).isNull();
    }
  }
}
