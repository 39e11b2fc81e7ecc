package io.datasynth.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What parsing a pasted model reply did.
 *
 * @param outputPath the output file; null when nothing was written
 * @param found records found in the reply
 * @param added new valid, unique records appended to the output
 * @param total records in the output now
 * @param rejected records dropped, by reason (invalid, duplicate, near_duplicate, malformed, …)
 * @param messages the first few reasons, readable
 */
public record ParseReport(Path outputPath, int found, int added, int total, Map<String, Long> rejected,
    List<String> messages) {
  public ParseReport {
    rejected = Map.copyOf(rejected);
    messages = List.copyOf(messages);
  }
}
