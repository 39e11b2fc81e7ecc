package io.datasynth.spark;

import io.datasynth.api.GenerationSlice;
import io.datasynth.cli.CliText;
import io.datasynth.engine.RunOutcome;
import io.datasynth.journal.JournalCodec;
import io.datasynth.json.Json;
import io.datasynth.report.RunReportJson;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * What one partition's task hands back to the driver: how its run ended, the summaries of all its runs, and every
 * record it delivers.
 *
 * @param outcome {@code completed}, {@code stopped} or {@code failed}
 * @param stopReason for a stopped run, the {@link RunOutcome.Reason} name; else null
 * @param message the outcome's message in the command line's words; null when completed
 * @param byConfiguration whether a failure is the settings' fault (exit code 2)
 * @param runs each run of the partition as {@link RunReportJson#run} writes it, oldest first
 * @param invalidByRule invalid records by rule, over the partition's runs
 * @param delivered how many records the partition delivers
 * @param records those records; empty in the copy the driver collects
 */
record SliceOutput(int partition, String outcome, String stopReason, String message, boolean byConfiguration,
    List<String> runs, HashMap<String, Long> invalidByRule, int delivered, List<SlicedRecord> records)
    implements Serializable {

  static SliceOutput of(int partition, GenerationSlice.Result r) {
    List<SlicedRecord> records = new ArrayList<>(r.delivered().size());
    for (GenerationSlice.Delivered d : r.delivered()) {
      int run = d.provenance() == null ? 0 : d.provenance().run();
      records.add(new SlicedRecord(SlicedRecord.rank(run, d.ordinal(), partition), partition, d.json(),
          d.provenance() == null ? null : Json.compact(JournalCodec.provenance(d.provenance()))));
    }
    List<String> runs = r.runs().stream().map(s -> Json.compact(RunReportJson.run(s))).toList();
    CliText text = CliText.english();
    String kind = "completed";
    String reason = null;
    String message = null;
    boolean config = false;
    if (r.outcome() instanceof RunOutcome.Stopped s) {
      kind = "stopped";
      reason = s.reason().name();
      message = text.render(s.message());
    } else if (r.outcome() instanceof RunOutcome.Failed f) {
      kind = "failed";
      message = text.render(f.message());
      config = f.byConfiguration();
    }
    return new SliceOutput(partition, kind, reason, message, config, new ArrayList<>(runs),
        new HashMap<>(r.invalidByRule()), records.size(), records);
  }

  /** A partition that could not start: its settings cannot work (a missing key on this executor, say). */
  static SliceOutput failed(int partition, String message, boolean byConfiguration) {
    return new SliceOutput(partition, "failed", null, message, byConfiguration, new ArrayList<>(), new HashMap<>(),
        0, List.of());
  }

  /** The same without its records: what the driver collects. */
  SliceOutput withoutRecords() {
    return new SliceOutput(partition, outcome, stopReason, message, byConfiguration, runs, invalidByRule,
        delivered, List.of());
  }
}
