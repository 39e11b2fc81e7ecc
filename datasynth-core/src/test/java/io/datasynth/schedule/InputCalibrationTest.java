package io.datasynth.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InputCalibrationTest {

  @Nested
  class BeforeAnyReply {
    @Test
    void reservesTheEstimateAsItIs() {
      InputCalibration c = new InputCalibration();
      assertThat(c.ratio()).isEqualTo(1.0);
      assertThat(c.calibrated(1000)).isEqualTo(1000);
    }
  }

  @Nested
  class WhenTheServerCountsMoreThanTheEstimate {
    @Test
    void convergesOnTheServersCountOfOnePointThreeTimesTheEstimate() {
      InputCalibration c = new InputCalibration();
      SplittableRandom random = new SplittableRandom(7);
      for (int i = 0; i < 200; i++) {
        long estimate = 400 + random.nextInt(400);
        // The server counts 1.3 times as many, give or take 10% per request.
        long counted = Math.round(estimate * 1.3 * (0.9 + 0.2 * random.nextDouble()));
        c.observe(estimate, counted);
      }
      assertThat(c.ratio()).isCloseTo(1.3, within(0.03));
      assertThat(c.calibrated(1000)).isBetween(1270L, 1330L);
    }

    @Test
    void followsAServerWhoseCountChanges() {
      InputCalibration c = new InputCalibration();
      for (int i = 0; i < 100; i++) {
        c.observe(1000, 700);
      }
      for (int i = 0; i < 300; i++) {
        c.observe(1000, 1300);
      }
      assertThat(c.ratio()).isCloseTo(1.3, within(0.01));
    }
  }

  @Nested
  class WhenReportsAreMissingOrAbsurd {
    @Test
    void ignoresRepliesWithoutUsage() {
      InputCalibration c = new InputCalibration();
      c.observe(1000, 0);
      c.observe(0, 500);
      assertThat(c.ratio()).isEqualTo(1.0);
    }

    @Test
    void staysWithinItsBoundsWhateverTheServerSays() {
      InputCalibration high = new InputCalibration();
      high.observe(10, 1_000_000);
      assertThat(high.ratio()).isEqualTo(InputCalibration.MAX);
      InputCalibration low = new InputCalibration();
      low.observe(1_000_000, 1);
      assertThat(low.ratio()).isEqualTo(InputCalibration.MIN);
    }
  }
}
