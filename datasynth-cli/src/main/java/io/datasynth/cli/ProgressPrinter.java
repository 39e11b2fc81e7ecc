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
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Shows a run's progress on stderr: a live bar redrawn in place on a terminal, or a plain line every few seconds
 * where output goes to a file or a CI log, or nothing.
 */
final class ProgressPrinter implements EngineListener {
  enum Mode { BAR, LOG, NONE }

  private static final long BAR_EVERY = Duration.ofMillis(200).toNanos();
  private static final long LOG_EVERY = Duration.ofSeconds(5).toNanos();
  private static final int BAR_WIDTH = 24;

  private final PrintWriter err;
  private final Mode mode;
  private final BigDecimal maxCost;
  private final LongSupplier nanoTime;
  private final CliText text = CliText.english();
  private final boolean verbose;
  private long lastPrint = Long.MIN_VALUE;
  private boolean barShown;

  ProgressPrinter(PrintWriter err, Mode mode, BigDecimal maxCost, LongSupplier nanoTime) {
    this(err, mode, maxCost, nanoTime, false);
  }

  /** @param verbose whether every record that is not delivered is printed with its reason ({@code -v}) */
  ProgressPrinter(PrintWriter err, Mode mode, BigDecimal maxCost, LongSupplier nanoTime, boolean verbose) {
    this.verbose = verbose;
    this.err = err;
    this.mode = mode;
    this.maxCost = maxCost;
    this.nanoTime = nanoTime;
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
      default -> throw new io.datasynth.error.ConfigException(
          "progress mode '" + progress + "' is unknown; use auto, bar, log or none (--progress)");
    };
  }

  @Override
  public void onProgress(RunStats s) {
    if (mode == Mode.NONE) {
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
    if (mode == Mode.BAR) {
      err.print("\r" + bar(s) + " " + line(s) + "\u001b[K");
      barShown = true;
      if (done) {
        endBar();
      }
    } else {
      err.println("progress: " + line(s));
    }
    err.flush();
  }

  @Override
  public void onNotice(String message) {
    endBar();
    err.println("note: " + message);
    err.flush();
  }

  @Override
  public void onNotice(Message message) {
    onNotice(text.render(message));
  }

  @Override
  public void onPause(Duration pause, Message reason) {
    if (mode != Mode.NONE && pause.toMillis() >= 2000) {
      onNotice("provider asked to wait " + seconds(pause) + " (" + text.render(reason) + "); every request waits");
    }
  }

  @Override
  public void onRejected(RejectReason reason, Provenance provenance) {
    if (verbose) {
      endBar();
      err.println((reason.code().isRejection() ? "rejected: " : "kept: ") + reason.code().id() + ": " + text.render(reason.message(n -> "#" + n))
          + (provenance == null ? "" : " (batch " + provenance.batch() + ")"));
      err.flush();
    }
  }

  /** Ends the bar's line so that later output starts on a fresh line. */
  void endBar() {
    if (barShown) {
      err.println();
      barShown = false;
    }
  }

  private static String bar(RunStats s) {
    int filled = (int) Math.min(BAR_WIDTH, s.accepted() * BAR_WIDTH / Math.max(1, s.target()));
    return "[" + "=".repeat(filled) + (filled < BAR_WIDTH ? ">" + " ".repeat(BAR_WIDTH - filled - 1) : "") + "]";
  }

  private String line(RunStats s) {
    StringBuilder sb = new StringBuilder();
    sb.append(s.accepted()).append('/').append(s.target()).append(" records");
    double rate = s.recordsPerSecond();
    sb.append(String.format(Locale.ROOT, ", %.1f/s", rate));
    long left = s.target() - s.accepted();
    if (rate > 0 && left > 0) {
      sb.append(", ETA ").append(seconds(Duration.ofMillis((long) (left / rate * 1000))));
    }
    sb.append(String.format(Locale.ROOT, ", %,d tokens", s.usage().totalTokens()));
    if (s.costUsd() != null) {
      sb.append(", ").append(CostFormat.usd(s.costUsd()));
      if (maxCost != null) {
        sb.append(" of $").append(maxCost.toPlainString());
      }
    }
    String failures = failures(s);
    if (!failures.isEmpty()) {
      sb.append(", failures: ").append(failures);
    }
    return sb.toString();
  }

  static String failures(RunStats s) {
    StringBuilder sb = new StringBuilder();
    if (s.rateLimited() > 0) {
      sb.append("429×").append(s.rateLimited());
    }
    for (Map.Entry<String, Long> e : s.failures().entrySet()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(e.getKey()).append('×').append(e.getValue());
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
