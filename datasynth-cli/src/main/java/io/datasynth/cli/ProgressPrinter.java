package io.datasynth.cli;

import io.datasynth.cost.CostFormat;
import io.datasynth.engine.EngineListener;
import io.datasynth.engine.RunStats;
import io.datasynth.quality.RejectReason;
import io.datasynth.record.Provenance;
import io.datasynth.text.Message;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Shows a run's progress on stderr: a live line redrawn in place on a terminal, fitted to its width (the least
 * important parts dropped first), or a plain line every few seconds where output goes to a file or a CI log, or
 * nothing. While the provider makes every request wait, the line counts the wait down and its ETA includes it;
 * without a terminal each such pause gets one line.
 */
final class ProgressPrinter implements EngineListener {
  enum Mode { BAR, LOG, NONE }

  private static final long BAR_EVERY = Duration.ofMillis(200).toNanos();
  private static final long LOG_EVERY = Duration.ofSeconds(5).toNanos();
  private static final int BAR_WIDTH = 20;
  private static final int NARROW_BAR_WIDTH = 10;
  /** Pauses shorter than this are not announced: they pass before anyone could read them. */
  private static final Duration NOTEWORTHY_PAUSE = Duration.ofSeconds(2);

  private final PrintWriter err;
  private final Mode mode;
  private final BigDecimal maxCost;
  private final LongSupplier nanoTime;
  private final CliText text;
  private final boolean verbose;
  private final int width;
  private long lastPrint = Long.MIN_VALUE;
  private boolean barShown;
  private boolean finished;
  private String lastLine;
  private long waitUntil = Long.MIN_VALUE;
  private String waitReason;

  ProgressPrinter(PrintWriter err, Mode mode, BigDecimal maxCost, LongSupplier nanoTime) {
    this(err, mode, maxCost, nanoTime, false, CliText.english(), TerminalWidth.DEFAULT);
  }

  /**
   * @param verbose whether every record that is not delivered is printed with its reason ({@code -v})
   * @param width the terminal's width in columns; the live line never takes more
   */
  ProgressPrinter(PrintWriter err, Mode mode, BigDecimal maxCost, LongSupplier nanoTime, boolean verbose,
      CliText text, int width) {
    this.verbose = verbose;
    this.err = err;
    this.mode = mode;
    this.maxCost = maxCost;
    this.nanoTime = nanoTime;
    this.text = text;
    this.width = width;
  }

  /** Picks the mode from --progress and --quiet; auto means a bar on a terminal and lines otherwise. */
  static Mode mode(String progress, boolean quiet, boolean terminal) {
    if (quiet) {
      return Mode.NONE;
    }
    String p = progress == null ? "auto" : progress.strip().toLowerCase(Locale.ROOT);
    return switch (p) {
      case "bar" -> Mode.BAR;
      case "log", "plain" -> Mode.LOG;
      case "none", "off" -> Mode.NONE;
      case "auto" -> terminal ? Mode.BAR : Mode.LOG;
      default -> throw new io.datasynth.error.ConfigException(io.datasynth.error.Setting.PROGRESS,
          io.datasynth.text.Message.of("error.value.unknown", io.datasynth.error.Setting.PROGRESS, progress,
              "auto, bar, log, none"));
    };
  }

  @Override
  public void onProgress(RunStats s) {
    if (mode == Mode.NONE || finished) {
      return;
    }
    long now = nanoTime.getAsLong();
    boolean done = s.accepted() >= s.target();
    long every = mode == Mode.BAR ? BAR_EVERY : LOG_EVERY;
    if (!done && lastPrint != Long.MIN_VALUE && now - lastPrint < every) {
      return;
    }
    if (done && mode == Mode.LOG && lastPrint == Long.MIN_VALUE) {
      return;
    }
    lastPrint = now;
    finished = done;
    if (mode == Mode.BAR) {
      String line = line(s, now, true);
      if (!line.equals(lastLine) || !barShown) {
        err.print("\r" + line + "\u001b[K");
        barShown = true;
        lastLine = line;
      }
      if (done) {
        endBar();
      }
    } else {
      String line = text.text("cli.progress.log", line(s, now, false));
      if (!line.equals(lastLine)) {
        err.println(line);
        lastLine = line;
      }
    }
    err.flush();
  }

  @Override
  public void onNotice(String message) {
    endBar();
    err.println(text.text("cli.note", message));
    err.flush();
  }

  @Override
  public void onNotice(Message message) {
    onNotice(text.render(message));
  }

  @Override
  public void onPause(Duration pause, Message reason) {
    if (mode == Mode.NONE) {
      return;
    }
    waitFor(pause, reason);
    if (pause.compareTo(NOTEWORTHY_PAUSE) >= 0 && mode == Mode.LOG) {
      onNotice(text.text("cli.pause", seconds(pause), text.render(reason)));
    }
  }

  @Override
  public void onRetry(long batch, int attempt, Message reason, Duration delay) {
    if (mode == Mode.BAR && delay.compareTo(NOTEWORTHY_PAUSE) >= 0) {
      waitFor(delay, reason);
    }
  }

  private void waitFor(Duration pause, Message reason) {
    long until = nanoTime.getAsLong() + pause.toNanos();
    if (until > waitUntil) {
      waitUntil = until;
      waitReason = brief(reason);
    }
  }

  /** A retry's reason short enough for the bar ("529 overloaded"): what failed, without the provider's words. */
  private String brief(Message reason) {
    List<Object> a = reason.args();
    return switch (reason.key()) {
      case "retry.transient" -> text.text("cli.wait.transient", a.get(0), a.get(1)).strip();
      case "retry.timeout" -> text.text("cli.wait.timeout", a.get(0));
      case "retry.rate_limited.message" -> text.render(Message.of("retry.rate_limited"));
      default -> text.render(reason);
    };
  }

  @Override
  public void onRejected(RejectReason reason, Provenance provenance) {
    if (verbose) {
      endBar();
      err.println(text.text(reason.code().isRejection() ? "cli.rejected" : "cli.kept", reason.code().id(),
          text.render(reason.message(n -> "#" + n)), provenance == null ? "" : text.text("cli.batch",
          provenance.batch())));
      err.flush();
    }
  }

  /** Ends the bar's line so that later output starts on a fresh line. */
  void endBar() {
    if (barShown) {
      err.println();
      barShown = false;
      lastLine = null;
    }
  }

  private static String bar(RunStats s, int size) {
    int filled = (int) Math.min(size, s.accepted() * size / Math.max(1, s.target()));
    return "[" + "=".repeat(filled) + (filled < size ? ">" + " ".repeat(size - filled - 1) : "") + "]";
  }

  /**
   * The progress line's parts, most important kept longest: accepted/N, a wait's countdown, the ETA, the cost,
   * the bar, the rate, rejected, elapsed, failures and tokens.
   */
  String line(RunStats s, long now, boolean fitted) {
    List<ProgressLine.Part> parts = new ArrayList<>();
    if (fitted) {
      parts.add(new ProgressLine.Part(bar(s, width >= 100 ? BAR_WIDTH : NARROW_BAR_WIDTH), 5));
    }
    parts.add(new ProgressLine.Part(text.text("cli.progress.records", s.accepted(), s.target()), 10));
    long waitLeft = waitUntil == Long.MIN_VALUE ? 0 : Math.max(0, waitUntil - now);
    if (waitLeft > 0) {
      parts.add(new ProgressLine.Part(text.text("cli.progress.waiting",
          seconds(Duration.ofNanos(waitLeft)), waitReason), 9));
    }
    double rate = s.recordsPerSecond();
    parts.add(new ProgressLine.Part(text.text("cli.progress.rate", rate), 4));
    long left = s.target() - s.accepted();
    if (rate > 0 && left > 0) {
      Duration eta = Duration.ofMillis((long) (left / rate * 1000)).plusNanos(waitLeft);
      parts.add(new ProgressLine.Part(text.text("cli.progress.eta", seconds(eta)), 8));
    }
    if (s.costUsd() != null) {
      String cost = CostFormat.usd(s.costUsd());
      parts.add(new ProgressLine.Part(maxCost == null ? text.text("cli.progress.cost", cost)
          : text.text("cli.progress.cost.cap", cost, CostFormat.usd(maxCost.doubleValue())), 7));
    }
    long rejected = s.rejected().entrySet().stream().filter(e -> e.getKey().isRejection())
        .mapToLong(Map.Entry::getValue).sum();
    if (rejected > 0) {
      parts.add(new ProgressLine.Part(text.text("cli.progress.rejected", rejected), 3));
    }
    parts.add(new ProgressLine.Part(text.text("cli.progress.elapsed", seconds(s.elapsed())), 2));
    String failures = failures(s, text);
    if (!failures.isEmpty()) {
      parts.add(new ProgressLine.Part(text.text("cli.progress.failures", failures), 1));
    }
    long prompt = s.usage().promptTokens();
    String cached = s.usage().cacheReadTokens() > 0 && prompt > 0
        ? String.format(Locale.ROOT, " (%.0f%% cached)", 100.0 * s.usage().cacheReadTokens() / prompt) : "";
    parts.add(new ProgressLine.Part(text.text("cli.progress.tokens", s.usage().totalTokens()) + cached, 0));
    return fitted ? ProgressLine.fit(parts, " · ", width) : String.join(", ", parts.stream()
        .map(ProgressLine.Part::text).toList());
  }

  static String failures(RunStats s, CliText text) {
    StringBuilder sb = new StringBuilder();
    if (s.rateLimited() > 0) {
      sb.append("429×").append(s.rateLimited());
    }
    for (Map.Entry<String, Long> e : s.failures().entrySet()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(text.failure(e.getKey())).append('×').append(e.getValue());
    }
    return sb.toString();
  }

  static String seconds(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
    return s / 3600 > 0 ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60)
        : String.format("%dm%02ds", s / 60, s % 60);
  }
}
