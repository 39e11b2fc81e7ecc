package io.datasynth.api;

import io.datasynth.quality.RejectReason;
import io.datasynth.report.RunReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What parsing a pasted model reply did.
 *
 * @param outputPath the output file; null when nothing was written
 * @param found records and unparseable fragments found in the reply
 * @param added new valid, unique records appended to the output
 * @param total records in the output now
 * @param rejected what was not added, by reason
 * @param rejections the first few rejections, each with its place in the reply (1-based; 0 for a fragment)
 * @param report the output's run report, this parse included
 */
public record ParseReport(Path outputPath, int found, int added, long total, Map<RejectReason.Code, Long> rejected,
    List<Rejection> rejections, RunReport report) {
  public ParseReport {
    rejected = Map.copyOf(rejected);
    rejections = List.copyOf(rejections);
  }

  /** One record of the reply that was not added. */
  public record Rejection(int position, RejectReason reason) {}

  /** Records not added, every reason counted. */
  public long rejectedTotal() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }
}
