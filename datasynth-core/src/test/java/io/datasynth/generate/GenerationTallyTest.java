package io.datasynth.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasynth.quality.RejectReason;
import io.datasynth.text.Messages;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GenerationTallyTest {
  static final RejectReason OFF_PLAN = new RejectReason.OffPlan("intent", "退换货", "查询物流");
  static final RejectReason REPEAT = new RejectReason.Duplicate(1, null, true, 1.0);

  /** A reply that asked for {@code asked} records and delivered {@code got}, the rest rejected for {@code why}. */
  static void reply(GenerationTally t, int asked, int got, RejectReason why) {
    t.record(asked, got, t.ordinals + got, Collections.nCopies(asked - got, why), asked, false, true);
  }

  @Nested
  class WhenRepliesBringNoValidRecord {
    @Test
    void tenRepliesStopTheRun() {
      GenerationTally t = new GenerationTally(50, 0, 0);
      for (int i = 0; i < 10; i++) {
        assertThat(t.collapse()).isNull();
        reply(t, 3, 0, REPEAT);
      }
      assertThat(Messages.english().render(t.collapse())).startsWith("acceptance collapsed: the last 10 replies")
          .contains("repeating");
    }

    @Test
    void repliesCutOffAtTheOutputLimitSayRaiseMaxTokens() {
      GenerationTally t = new GenerationTally(50, 0, 0);
      for (int i = 0; i < 10; i++) {
        t.record(5, 0, t.ordinals, List.of(REPEAT), 1, true, true);
      }
      assertThat(Messages.english().render(t.collapse())).contains("10 of them stopped at the output limit")
          .contains("raise max_tokens").contains("(rejected so far: duplicate 10)");
      assertThat(new Messages(java.util.Locale.CHINESE, io.datasynth.text.SettingNames.KEYS).render(t.collapse()))
          .contains("（已拒绝：重复 10）").contains("max_tokens");
    }
  }

  @Nested
  class WhenValidRecordsMissThePlan {
    @Test
    void aLowShareIsJudgedOverTwoHundredRecordsAskedFor() {
      GenerationTally t = new GenerationTally(500, 0, 0);
      // One record in 25 (4%), in replies of 5: ten replies are 50 records, too few to tell from chance.
      for (int i = 0; i < 39; i++) {
        reply(t, 5, i % 5 == 0 ? 1 : 0, OFF_PLAN);
        assertThat(t.collapse()).as("reply %d", i).isNull();
      }
      reply(t, 5, 0, OFF_PLAN);
      assertThat(Messages.english().render(t.collapse())).startsWith("acceptance collapsed: the last 40 replies")
          .contains("intent = 查询物流 where the plan asks for 退换货");
    }

    @Test
    void aShareAboveTheRateKeepsTheRunGoing() {
      GenerationTally t = new GenerationTally(1000, 0, 0);
      for (int i = 0; i < 200; i++) {
        reply(t, 5, i % 2 == 0 ? 1 : 0, OFF_PLAN);
        assertThat(t.collapse()).isNull();
      }
    }

    @Test
    void repliesWhoseCombinationWasFilledMeanwhileAreLeftOut() {
      GenerationTally t = new GenerationTally(50, 0, 0);
      for (int i = 0; i < 60; i++) {
        t.record(5, 0, 0, List.of(new RejectReason.Surplus()), 5, false, false);
      }
      assertThat(t.collapse()).isNull();
    }
  }
}
