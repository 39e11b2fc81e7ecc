package io.datasynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasynth.engine.RunStats;
import io.datasynth.provider.Usage;
import io.datasynth.quality.RejectReason;
import io.datasynth.text.Message;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProgressPrinterTest {
  private static final Message OVERLOADED = io.datasynth.provider.CallResult.Failure.OVERLOADED.message();
  final StringWriter written = new StringWriter();
  final AtomicLong now = new AtomicLong(1_000_000_000L);

  /** A run half way through 1,200 records, 20 s in, with a cost, rejections, failures and many tokens. */
  static RunStats stats(long accepted) {
    return new RunStats(1200, accepted, 0, accepted + 30, Map.of(RejectReason.Code.values()[0], 30L), Map.of(),
        90, 88, 4, 0, 3, Map.of("timeout", 2L), 0, 0, new Usage(1_234_567, 654_321, 0, 0, 0), 1234.5,
        Duration.ofSeconds(20), 8);
  }

  ProgressPrinter printer(ProgressPrinter.Mode mode, int width, Locale locale) {
    return new ProgressPrinter(new PrintWriter(written, true), mode, new BigDecimal("5000"), now::get, false,
        new CliText(locale), width);
  }

  /** The lines a terminal would show: each \r starts the line again. */
  List<String> shownLines() {
    return java.util.Arrays.stream(written.toString().split("\n"))
        .map(l -> l.substring(l.lastIndexOf('\r') + 1).replace("\u001b[K", "")).toList();
  }

  @Nested
  class OnATerminal {
    @ParameterizedTest
    @ValueSource(ints = {120, 80, 60, 40, 24})
    void theLineFitsTheWidthSoThatItNeverWraps(int width) {
      for (Locale locale : List.of(Locale.ROOT, Locale.CHINESE)) {
        String line = printer(ProgressPrinter.Mode.BAR, width, locale).line(stats(600), now.get(), true);
        assertThat(ProgressLine.columns(line)).as("%s at %d: %s", locale, width, line).isLessThan(width);
        assertThat(line).contains("600/1,200");
      }
    }

    @Test
    void dropsTheLeastImportantPartsFirst() {
      String wide = printer(ProgressPrinter.Mode.BAR, 200, Locale.ROOT).line(stats(600), now.get(), true);
      assertThat(wide).contains("600/1,200", "ETA", "$1,234.50 of $5,000.00", "rejected 30", "elapsed", "tokens",
          "failures");
      String narrow = printer(ProgressPrinter.Mode.BAR, 60, Locale.ROOT).line(stats(600), now.get(), true);
      assertThat(narrow).contains("600/1,200", "ETA", "$1,234.50").doesNotContain("tokens", "failures");
    }

    @Test
    void countsAPauseDownAndCountsItInTheEta() {
      ProgressPrinter p = printer(ProgressPrinter.Mode.BAR, 100, Locale.ROOT);
      String before = p.line(stats(600), now.get(), true);
      p.onPause(Duration.ofSeconds(12), Message.of("retry.transient", "529 ", OVERLOADED, "busy"));
      String during = p.line(stats(600), now.get(), true);
      assertThat(during).contains("waiting 12.0s: 529 overloaded");
      assertThat(eta(during)).isEqualTo(eta(before) + 12);
      now.addAndGet(Duration.ofSeconds(5).toNanos());
      assertThat(p.line(stats(600), now.get(), true)).contains("waiting 7.0s");
      now.addAndGet(Duration.ofSeconds(8).toNanos());
      assertThat(p.line(stats(600), now.get(), true)).doesNotContain("waiting");
    }

    @Test
    void keepsAWaitShortEnoughToShowAtSixtyColumns() {
      ProgressPrinter p = printer(ProgressPrinter.Mode.BAR, 60, Locale.ROOT);
      p.onRetry(3, 1, Message.of("retry.transient", "529 ", OVERLOADED,
          "overloaded_error: Overloaded (the provider's own words, too long for a bar)"), Duration.ofSeconds(12));
      String line = p.line(stats(600), now.get(), true);
      assertThat(line).contains("600/1,200", "waiting 12.0s: 529 overloaded").doesNotContain("overloaded_error");
      assertThat(ProgressLine.columns(line)).isLessThan(60);
    }

    @Test
    void namesTheKindOfFailureInChinese() {
      ProgressPrinter p = printer(ProgressPrinter.Mode.BAR, 100, Locale.CHINESE);
      p.onRetry(3, 1, Message.of("retry.transient", "529 ", OVERLOADED, "busy"), Duration.ofSeconds(12));
      String line = p.line(stats(600), now.get(), true);
      assertThat(line).contains("等待 12.0s：529 过载").doesNotContain("overloaded");
      assertThat(ProgressPrinter.failures(stats(600), new CliText(Locale.CHINESE))).contains("超时×2");
    }

    @Test
    void redrawsOneLineInPlaceAndEndsItOnce() {
      ProgressPrinter p = printer(ProgressPrinter.Mode.BAR, 80, Locale.ROOT);
      p.onProgress(stats(600));
      now.addAndGet(Duration.ofSeconds(1).toNanos());
      p.onProgress(stats(900));
      now.addAndGet(Duration.ofSeconds(1).toNanos());
      p.onProgress(stats(1200));
      p.onProgress(stats(1200));
      p.endBar();
      assertThat(written.toString().chars().filter(c -> c == '\n').count()).isEqualTo(1);
      assertThat(shownLines()).singleElement().asString().contains("1,200/1,200");
    }
  }

  @Nested
  class WithoutATerminal {
    @Test
    void printsOneLinePerPause() {
      ProgressPrinter p = printer(ProgressPrinter.Mode.LOG, 80, Locale.ROOT);
      p.onPause(Duration.ofSeconds(12), Message.of("retry.rate_limited"));
      p.onProgress(stats(600));
      assertThat(written.toString().lines().filter(l -> l.startsWith("note:")).toList()).singleElement().asString()
          .contains("provider asked to wait 12.0s (rate limited (429))");
    }

    @Test
    void printsTheLastLineOnce() {
      ProgressPrinter p = printer(ProgressPrinter.Mode.LOG, 80, Locale.ROOT);
      p.onProgress(stats(600));
      now.addAndGet(Duration.ofSeconds(10).toNanos());
      p.onProgress(stats(1200));
      p.onProgress(stats(1200));
      assertThat(written.toString().lines().filter(l -> l.contains("1,200/1,200")).count()).isEqualTo(1);
    }
  }

  @Test
  void speaksChinese() {
    String line = printer(ProgressPrinter.Mode.BAR, 200, Locale.CHINESE).line(stats(600), now.get(), true);
    assertThat(line).contains("剩余", "已用", "淘汰 30");
  }

  /** The ETA's seconds in a line ("ETA 1m12s" or "ETA 40.0s"). */
  static long eta(String line) {
    var m = java.util.regex.Pattern.compile("ETA (?:(\\d+)m(\\d+)s|([\\d.]+)s)").matcher(line);
    assertThat(m.find()).as(line).isTrue();
    return m.group(3) != null ? Math.round(Double.parseDouble(m.group(3)))
        : Long.parseLong(m.group(1)) * 60 + Long.parseLong(m.group(2));
  }
}
