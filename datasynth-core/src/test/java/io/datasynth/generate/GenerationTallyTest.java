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

  /** A reply that asked for {@code asked} records and delivered {@code got}, the rest off plan. */
  static void reply(GenerationTally t, int asked, int got) {
    t.record(asked, got, t.ordinals + got, Collections.nCopies(asked - got, OFF_PLAN), asked, false, true);
  }

  @Nested
  class WhenRepliesBringLittle {
    @Test
    void repliesThatBringNothingForAHundredRecordsStopTheRun() {
      GenerationTally t = new GenerationTally(50, 0, 0);
      for (int i = 0; i < 19; i++) {
        reply(t, 5, 0);
        assertThat(t.collapse()).isNull();
      }
      reply(t, 5, 0);
      assertThat(Messages.english().render(t.collapse())).startsWith("acceptance collapsed: the last 20 replies")
          .contains("intent = 查询物流 where the plan asks for 退换货");
    }

    @Test
    void tenLargeRepliesThatBringNothingStopItSooner() {
      GenerationTally t = new GenerationTally(50, 0, 0);
      for (int i = 0; i < 10; i++) {
        assertThat(t.collapse()).isNull();
        reply(t, 20, 0);
      }
      assertThat(Messages.english().render(t.collapse())).startsWith("acceptance collapsed: the last 10 replies");
    }

    @Test
    void aLowShareIsJudgedOverAtLeastTwoHundredRecordsAskedFor() {
      GenerationTally t = new GenerationTally(500, 0, 0);
      // One record in 25 (4%), in replies of 5: ten replies are 50 records, too few to tell from chance.
      for (int i = 0; i < 39; i++) {
        reply(t, 5, i % 5 == 0 ? 1 : 0);
        assertThat(t.collapse()).as("reply %d", i).isNull();
      }
      reply(t, 5, 0);
      assertThat(Messages.english().render(t.collapse())).startsWith("acceptance collapsed: the last 40 replies");
    }

    @Test
    void aShareAboveTheRateKeepsTheRunGoing() {
      GenerationTally t = new GenerationTally(1000, 0, 0);
      for (int i = 0; i < 200; i++) {
        reply(t, 5, i % 2 == 0 ? 1 : 0);
        assertThat(t.collapse()).isNull();
      }
    }

    @Test
    void repliesThatSayNothingOfTheModelAreLeftOut() {
      GenerationTally t = new GenerationTally(50, 0, 0);
      for (int i = 0; i < 20; i++) {
        t.record(5, 0, 0, List.of(new RejectReason.Surplus()), 5, false, false);
      }
      assertThat(t.collapse()).isNull();
    }
  }
}
