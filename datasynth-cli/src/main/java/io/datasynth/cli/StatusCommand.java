package io.datasynth.cli;

import io.datasynth.api.RunStatus;
import io.datasynth.batch.BatchLedger;
import io.datasynth.sink.FileGuard;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code status OUT}: the provider batches of an output's unfinished run, from its journal. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show the provider batches of an output's unfinished run (from its journal): id, requests, "
        + "settled, age and expiry. Run the same generate command again to collect them.")
final class StatusCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "OUT", description = "The output file of a run.")
  Path output;

  @picocli.CommandLine.Mixin JsonOutput json;

  @Override
  public Integer call() {
    RunStatus status = RunStatus.of(output, FileGuard.unrestricted());
    Instant now = Instant.now();
    if (json.json) {
      out().println(io.datasynth.json.Json.compact(status.toJson(now)));
      out().flush();
      return ExitCode.OK;
    }
    CliText text = context().text();
    if (status.journal() == null) {
      out().println(text.text("cli.status.none", output));
    } else if (status.batches().isEmpty()) {
      out().println(text.text("cli.status.no_batches", output, status.journal()));
    } else {
      out().println(text.text("cli.status.batches", status.batches().size(), status.pending().size(),
          status.journal()));
      for (BatchLedger.Pending b : status.batches()) {
        int settled = b.calls().size() - b.unsettled().size();
        String state = b.batchId() == null ? text.text("cli.status.submitting") : b.unsettled().isEmpty()
            ? text.text("cli.status.collected") : text.text("cli.status.waiting");
        out().println(text.text("cli.status.batch", b.batchId() == null ? text.text("cli.status.no_id")
            : b.batchId(), b.api(), state, settled, b.calls().size(),
            age(Duration.between(b.submittedAt(), now)), b.expiresAt() == null ? ""
                : text.text("cli.status.expires", b.expiresAt().toString())));
      }
      if (!status.pending().isEmpty()) {
        out().println(text.text("cli.status.collect"));
      }
    }
    out().flush();
    return ExitCode.OK;
  }

  private static String age(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return s < 120 ? s + "s" : s < 7200 ? s / 60 + "m" : s / 3600 + "h" + (s % 3600) / 60 + "m";
  }
}
