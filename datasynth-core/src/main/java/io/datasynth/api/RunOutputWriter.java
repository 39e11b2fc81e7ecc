package io.datasynth.api;

import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.datasynth.journal.Journal;
import io.datasynth.journal.JournalCodec;
import io.datasynth.journal.JournalEvent;
import io.datasynth.journal.Ledger;
import io.datasynth.error.RunFailedException;
import io.datasynth.json.Json;
import io.datasynth.quality.RejectReason;
import io.datasynth.report.RunReport;
import io.datasynth.schema.Schema;
import io.datasynth.sink.AtomicFiles;
import io.datasynth.sink.DatasetHeader;
import io.datasynth.sink.DatasetSink;
import io.datasynth.sink.DatasetStats;
import io.datasynth.sink.DatasetWriter;
import io.datasynth.sink.FileGuard;
import io.datasynth.sink.OutputFiles;
import io.datasynth.sink.OutputFormat;
import io.datasynth.text.Message;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes what a run delivered from its journal, streaming: the output (the records of a topped-up output first, in
 * their order, then the journal's delivered records, up to the target), the rejects file (every record paid for and
 * not delivered, with its reason), the provenance sidecar where the format has no room for it, and the statistics.
 * Each file is written atomically.
 */
final class RunOutputWriter {
  private final OutputFiles files;
  private final OutputFormat format;
  private final FileGuard guard;
  private final Schema schema;
  private final int target;
  private io.datasynth.judge.Judgements judgements;
  private io.datasynth.metrics.MetricsCollector collector;
  private boolean measurable = true;
  private io.datasynth.record.Provenance lastProvenance;
  private ObjectNode lastProvenanceJson;
  private ObjectNode lastSidecarNode;
  private RawValue lastSidecarText;

  RunOutputWriter(OutputFiles files, OutputFormat format, FileGuard guard, Schema schema, int target) {
    this.files = files;
    this.format = format;
    this.guard = guard;
    this.schema = schema;
    this.target = target;
  }

  /**
   * The judge's scores: a delivered record the judge has not scored yet is held back (it stays in the journal for
   * the next run), a scored one carries its score in its provenance. Null (the default) without a judge.
   */
  RunOutputWriter judged(io.datasynth.judge.Judgements j) {
    judgements = j;
    return this;
  }

  /**
   * Measures every record written as a reader of the output will read it, for the quality report, which then need
   * not read the output again; a format that cannot say what a reader will read stops the measuring (see {@link
   * #measured()}). The caller closes the collector.
   */
  RunOutputWriter measuring(io.datasynth.metrics.MetricsCollector collector) {
    this.collector = collector;
    return this;
  }

  /** What {@link #measuring} measured; null when not measuring or the format could not say. */
  io.datasynth.metrics.DatasetMetrics measured() {
    return collector == null || !measurable ? null : collector.result();
  }

  private boolean held(long ordinal) {
    return judgements != null && !judgements.ready(ordinal);
  }

  private io.datasynth.record.Provenance judged(long ordinal, io.datasynth.record.Provenance p) {
    return judgements == null ? p : judgements.apply(ordinal, p);
  }

  /** What was written. */
  record Written(long records, long surplus, List<RunReport.RejectedSample> samples, ObjectNode fieldStats,
      boolean rejectsWritten) {}

  /**
   * Writes the output and the files beside it.
   *
   * @param metadata the output's metadata; its count must be what this writes (see {@link #deliverable})
   * @param base the output a run tops up, or null
   * @param plan what {@link #plan} counted; a journal that holds other records fails the write
   * @param withdrawn records taken back on replay, by ordinal, with why
   */
  Written write(Supplier<ObjectNode> metadata, ObjectNode schemaJson, ExistingOutput base, long baseRecords,
      Journal journal, Plan plan, Ledger ledger, Map<Long, RejectReason> withdrawn, boolean stats) {
    DatasetStats fieldStats = stats ? new DatasetStats(schema) : null;
    List<RunReport.RejectedSample> samples = new ArrayList<>();
    long ordinals = plan.ordinals();
    long[] written = {0};
    long[] surplus = {0};
    boolean[] anyRejects = {false};
    try (DatasetSink out = DatasetSink.open(files.output(), guard, format, new DatasetHeader(metadata.get(),
        schemaJson, DatasetWriter.idDigits(target)), true);
        AtomicFiles.Pending rejects = AtomicFiles.begin(files.rejects(), guard);
        AtomicFiles.Pending provenance = AtomicFiles.begin(files.provenance(), guard)) {
      boolean sidecar = !out.keepsProvenance();
      if (base != null) {
        base.forEach((record, prov) -> {
          if (written[0] < target) {
            emit(out, provenance.stream(), sidecar, record, prov, ++written[0], fieldStats);
          }
        });
      }
      long ordinal = baseRecords;
      for (JournalEvent e : journal.events()) {
        if (e instanceof JournalEvent.RecordAccepted a) {
          ordinal++;
          if (ledger.isDelivered(ordinal) && held(ordinal)) {
            continue;
          }
          if (ledger.isDelivered(ordinal) && written[0] < target) {
            emit(out, provenance.stream(), sidecar, a.record(), provenance(judged(ordinal, a.provenance())),
                ++written[0], fieldStats);
          } else {
            RejectReason why = withdrawn.getOrDefault(ordinal, new RejectReason.Surplus());
            surplus[0] += why instanceof RejectReason.Surplus ? 1 : 0;
            reject(rejects.stream(), why, a.record(), null, a.provenance(), ledger, ordinals, samples);
            anyRejects[0] = true;
          }
        } else if (e instanceof JournalEvent.RecordRejected r) {
          boolean candidate = r.reason() instanceof RejectReason.Surplus && r.record() instanceof ObjectNode;
          if (candidate) {
            ordinal++;
            if (ledger.isDelivered(ordinal) && held(ordinal)) {
              continue;
            }
            if (ledger.isDelivered(ordinal) && written[0] < target) {
              emit(out, provenance.stream(), sidecar, (ObjectNode) r.record(),
                  provenance(judged(ordinal, r.provenance())), ++written[0], fieldStats);
              continue;
            }
          }
          RejectReason why = candidate ? withdrawn.getOrDefault(ordinal, r.reason()) : r.reason();
          surplus[0] += why instanceof RejectReason.Surplus ? 1 : 0;
          reject(rejects.stream(), why, r.record(), r.fragment(), r.provenance(), ledger, ordinals, samples);
          anyRejects[0] = true;
        } else if (e instanceof JournalEvent.RejectCarried c) {
          line(rejects.stream(), c.line());
          anyRejects[0] = true;
        }
      }
      if (ordinal != ordinals || written[0] != plan.records()) {
        // The metadata already written says plan.records(); nothing is committed, and the journal is kept.
        throw new RunFailedException(Message.of("journal.recount", journal.file(), ordinal - baseRecords,
            ordinals - baseRecords), null);
      }
      out.commit();
      if (anyRejects[0]) {
        rejects.commit(true);
      }
      if (sidecar && written[0] > 0) {
        provenance.commit(true);
      }
    }
    ObjectNode statsJson = null;
    if (fieldStats != null) {
      statsJson = fieldStats.toJson();
      AtomicFiles.writeString(files.stats(), guard, Json.pretty(statsJson) + "\n");
    }
    return new Written(written[0], surplus[0], samples, statsJson, anyRejects[0]);
  }

  /**
   * What {@link #write} will write, counted first: the output's metadata, which comes before the records, must
   * already say how many there are.
   *
   * @param records records the output will hold
   * @param surplus valid records the rejects file will keep
   * @param ordinals the last ordinal in the journal
   */
  record Plan(long records, long surplus, long ordinals) {}

  /**
   * The plan, from what the run decided: which of the {@code ordinals} records accepted in all (surplus included)
   * are delivered, held or taken back. The journal holds the same records under the same ordinals (its replay and
   * the run number them as {@link #write} does); write checks that it does before it commits anything.
   */
  Plan plan(long baseRecords, long ordinals, Ledger ledger, Map<Long, RejectReason> withdrawn) {
    long records = Math.min(target, baseRecords);
    long surplus = 0;
    for (long ordinal = baseRecords + 1; ordinal <= ordinals; ordinal++) {
      if (ledger.isDelivered(ordinal) && held(ordinal)) {
        continue;
      }
      if (ledger.isDelivered(ordinal) && records < target) {
        records++;
      } else if (withdrawn.getOrDefault(ordinal, new RejectReason.Surplus()) instanceof RejectReason.Surplus) {
        surplus++;
      }
    }
    return new Plan(records, surplus, ordinals);
  }

  /**
   * A record's provenance as JSON, the same node as the record before's when equal (the records of one reply share
   * theirs), so that neither it nor its sidecar text is made again for each; nothing downstream changes it.
   */
  private ObjectNode provenance(io.datasynth.record.Provenance p) {
    if (p == null) {
      return null;
    }
    if (!p.equals(lastProvenance)) {
      lastProvenance = p;
      lastProvenanceJson = JournalCodec.provenance(p);
    }
    return lastProvenanceJson;
  }

  /** The provenance's JSON as {@link #line} writes it, made once for the records that share the node. */
  private RawValue sidecarText(ObjectNode provenance) {
    if (provenance != lastSidecarNode) {
      try {
        // The text of line's own bytes, so the line is byte for byte what it would be with the node in it.
        lastSidecarText = new RawValue(new SerializedString(new String(Json.mapper().writeValueAsBytes(provenance),
            StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      lastSidecarNode = provenance;
    }
    return lastSidecarText;
  }

  private void emit(DatasetSink out, OutputStream sidecarStream, boolean sidecar, ObjectNode record,
      ObjectNode provenance, long number, DatasetStats stats) {
    out.write(record, provenance);
    if (collector != null && measurable) {
      measure(out.readBack(record, provenance), provenance);
    }
    if (sidecar) {
      ObjectNode line = Json.object();
      line.put("id", DatasetWriter.id(number, DatasetWriter.idDigits(target)));
      if (provenance != null) {
        line.putRawValue("provenance", sidecarText(provenance));
      }
      line(sidecarStream, line);
    }
    if (stats != null) {
      stats.add(record);
    }
  }

  private void measure(io.datasynth.sink.DatasetReader.Item item, ObjectNode provenance) {
    if (item == null) {
      measurable = false;
    } else if (item.object() != null) {
      collector.add(item.id(), item.object(), item.provenance() != null ? item.provenance() : provenance);
    }
  }

  private void reject(OutputStream out, RejectReason reason, JsonNode record, String fragment,
      io.datasynth.record.Provenance provenance, Ledger ledger, long ordinals,
      List<RunReport.RejectedSample> samples) {
    int digits = DatasetWriter.idDigits(target);
    ObjectNode line = Json.object();
    line.set("reason", JournalCodec.reason(reason, of -> {
      long position = ledger.position(of, ordinals);
      return position > 0 ? DatasetWriter.id(position, digits) : "#" + of;
    }));
    if (record != null) {
      line.set("record", record);
    }
    if (fragment != null) {
      line.put("fragment", fragment);
    }
    if (provenance != null) {
      line.set("provenance", JournalCodec.provenance(provenance));
    }
    line(out, line);
    if (samples.size() < RunReport.SAMPLES && reason.code().isRejection()) {
      String text = record != null ? Json.compact(record) : fragment == null ? "" : fragment;
      samples.add(new RunReport.RejectedSample(reason, text.length() > 300 ? text.substring(0, 300) + "…" : text));
    }
  }

  private static void line(OutputStream out, JsonNode line) {
    try {
      // Straight to UTF-8, as the JSON Lines output is written: characters outside the BMP come out escaped.
      out.write(Json.mapper().writeValueAsBytes(line));
      out.write('\n');
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
