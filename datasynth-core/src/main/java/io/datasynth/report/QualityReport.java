package io.datasynth.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.metrics.DatasetMetrics;
import io.datasynth.schema.Schema;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything the quality report of a dataset shows: what the runs did, what was rejected and why, the measured
 * diversity and distributions, the plan's coverage and the judge's scores. The HTML page and the structured results
 * are renderings of it.
 *
 * @param dataset the dataset file measured
 * @param html where the HTML page was written; null when none was
 * @param createdAt when the report was made
 * @param version the DataSynth version that made it
 * @param schema the schema the records were measured by
 * @param run what the output's metadata says about its runs; null for a file without DataSynth metadata
 * @param rejects what the rejects file beside the output holds; null when there is none
 * @param plan the diversity plan and its coverage; null when the output was made without one
 * @param judge what the metadata says about the rubric judge ({@code metadata.judge}, and
 *     {@code metadata.summary.judge}); null when it says nothing
 */
public record QualityReport(Path dataset, Path html, Instant createdAt, String version, Schema schema, DatasetMetrics metrics,
    RunFacts run, RejectDigest rejects, PlanCoverage plan, ObjectNode judge) {

  public QualityReport {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(metrics, "metrics");
  }

  /** The same report, written to {@code path}. */
  public QualityReport writtenTo(Path path) {
    return new QualityReport(dataset, path, createdAt, version, schema, metrics, run, rejects, plan, judge);
  }
}
