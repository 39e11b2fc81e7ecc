package io.datasynth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.RunFailedException;
import io.datasynth.journal.Journal;
import io.datasynth.journal.JournalEvent;
import io.datasynth.journal.Ledger;
import io.datasynth.journal.OutputLock;
import io.datasynth.json.Json;
import io.datasynth.metrics.DatasetMetricsJson;
import io.datasynth.metrics.MetricsCollector;
import io.datasynth.record.Provenance;
import io.datasynth.seed.Seed;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.Schema;
import io.datasynth.sink.FileGuard;
import io.datasynth.sink.OutputFiles;
import io.datasynth.sink.OutputFormats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunOutputWriterTest {
  private static final Schema SCHEMA = new Schema("s", "", List.of(Field.of("instruction", FieldType.TEXT)),
      List.of());

  @TempDir
  Path dir;

  private final FileGuard guard = FileGuard.unrestricted();

  private static ObjectNode record(int n) {
    ObjectNode r = Json.object();
    r.put("instruction", "问题 " + n);
    return r;
  }

  /** Writes from a journal of three accepted records, all delivered, when the run counted {@code counted}. */
  private RunOutputWriter.Written writeWhenTheRunCounted(long counted, OutputFiles files) {
    Ledger ledger = new Ledger();
    try (OutputLock lock = OutputLock.acquire(files.lock(), files.output(), guard);
        Journal journal = Journal.open(files.journal(), lock, guard, e -> { })) {
      for (int n = 1; n <= 3; n++) {
        journal.append(new JournalEvent.RecordAccepted(record(n), null));
        ledger.deliver(n);
      }
      RunOutputWriter writer = new RunOutputWriter(files, ((OutputFormats.Lookup.Found) OutputFormats.lookup("jsonl")).format(),
          guard, SCHEMA, 3);
      RunOutputWriter.Plan plan = writer.plan(0, counted, ledger, Map.of());
      return writer.write(Json::object, Json.object(), null, 0, journal, plan, ledger, Map.of(), false);
    }
  }

  @Test
  void writesWhatTheRunCounted() throws Exception {
    OutputFiles files = OutputFiles.of(dir.resolve("out.jsonl"));

    RunOutputWriter.Written written = writeWhenTheRunCounted(3, files);

    assertThat(written.records()).isEqualTo(3);
    assertThat(Files.readAllLines(files.output())).hasSize(3).first().asString().contains("问题 1");
  }

  @Test
  void writesNothingWhenTheJournalHoldsOtherRecordsThanTheRunCounted() {
    OutputFiles files = OutputFiles.of(dir.resolve("out.jsonl"));

    assertThatThrownBy(() -> writeWhenTheRunCounted(2, files)).isInstanceOf(RunFailedException.class)
        .satisfies(e -> assertThat(((RunFailedException) e).detail().key()).isEqualTo("journal.recount"));
    assertThat(files.output()).doesNotExist();
    assertThat(files.journal()).exists();
  }

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) Json.mapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Records with repeated words, a seed copy, Chinese text, judge scores and a record shaped like a wrapper. */
  private static List<ObjectNode> varied() {
    List<ObjectNode> out = new java.util.ArrayList<>();
    for (int n = 1; n <= 40; n++) {
      ObjectNode r = Json.object();
      r.put("instruction", n % 3 == 0 ? "请解释为什么天空在白天是蓝色的，第 " + n + " 题"
          : "Explain step " + n + " of making bread, and why the dough must rest for " + (n % 5) + " hours");
      out.add(r);
    }
    out.add(json("{\"instruction\": \"Write a haiku about autumn leaves.\"}"));
    out.add(json("{\"instruction\": \"id-like\", \"id\": \"x\", \"data\": {\"instruction\": \"inner\"}}"));
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"jsonl", "json"})
  void measuresWhatItWritesAsTheReportMeasuresTheFile(String formatName) throws Exception {
    OutputFiles files = OutputFiles.of(dir.resolve("out." + formatName));
    List<Seed> seeds = List.of(new Seed(0, "S1", json(
        "{\"instruction\": \"Write a haiku about autumn leaves.\"}")),
        new Seed(1, "S2", json("{\"instruction\": \"请解释为什么天空是蓝色的\"}")));
    QualityReports reports = QualityReports.builder().build();
    List<ObjectNode> records = varied();
    Ledger ledger = new Ledger();
    io.datasynth.metrics.DatasetMetrics measured;
    try (OutputLock lock = OutputLock.acquire(files.lock(), files.output(), guard);
        Journal journal = Journal.open(files.journal(), lock, guard, e -> { });
        MetricsCollector collector = reports.collector(SCHEMA, seeds, Json.object(), false)) {
      for (int n = 1; n <= records.size(); n++) {
        Provenance p = new Provenance(Provenance.Origin.API, "anthropic", "m", 1, n, 1, List.of(), "s",
            java.time.Instant.EPOCH, n % 4 == 0 ? 0.25 * (n % 3) : null);
        journal.append(new JournalEvent.RecordAccepted(records.get(n - 1), p));
        ledger.deliver(n);
      }
      RunOutputWriter writer = new RunOutputWriter(files,
          ((OutputFormats.Lookup.Found) OutputFormats.lookup(formatName)).format(), guard, SCHEMA, records.size())
          .measuring(collector);
      writer.write(Json::object, Json.object(), null, 0, journal,
          writer.plan(0, records.size(), ledger, Map.of()), ledger, Map.of(), false);
      measured = writer.measured();
    }

    io.datasynth.metrics.DatasetMetrics read = reports.measure(files.output(), SCHEMA, seeds).metrics();
    ObjectNode fromTheFile = DatasetMetricsJson.of(read);
    assertThat(fromTheFile.path("records").asLong()).isEqualTo(records.size());
    assertThat(fromTheFile.path("judge").path("judged").asLong()).isPositive();
    assertThat(fromTheFile.path("seed_similarity").path("seed_copies").asLong()).isEqualTo(1);
    assertThat(DatasetMetricsJson.of(measured)).isEqualTo(fromTheFile);
    assertThat(measured).isEqualTo(read);
  }

  @Test
  void eachSidecarLineIsItsRecordsProvenanceThoughRecordsOfOneReplyShareIt() throws Exception {
    OutputFiles files = OutputFiles.of(dir.resolve("out.jsonl"));
    Ledger ledger = new Ledger();
    List<Provenance> journaled = new java.util.ArrayList<>();
    try (OutputLock lock = OutputLock.acquire(files.lock(), files.output(), guard);
        Journal journal = Journal.open(files.journal(), lock, guard, e -> { })) {
      int n = 0;
      for (int reply = 1; reply <= 4; reply++) {
        // Characters outside the BMP too, which the JSON Lines writer escapes.
        Provenance p = new Provenance(Provenance.Origin.API, "anthropic", "m", 1, reply, 0,
            List.of("种子 #" + reply, "seed 😀"), "s", java.time.Instant.ofEpochSecond(reply), null);
        for (int k = 0; k < (reply == 3 ? 1 : 3); k++) {
          journal.append(new JournalEvent.RecordAccepted(record(++n), p));
          ledger.deliver(n);
          journaled.add(p);
        }
      }
      RunOutputWriter writer = new RunOutputWriter(files,
          ((OutputFormats.Lookup.Found) OutputFormats.lookup("jsonl")).format(), guard, SCHEMA, n);
      writer.write(Json::object, Json.object(), null, 0, journal, writer.plan(0, n, ledger, Map.of()), ledger,
          Map.of(), false);
    }

    List<String> lines = Files.readAllLines(files.provenance());
    assertThat(lines).hasSize(journaled.size());
    for (int i = 0; i < lines.size(); i++) {
      ObjectNode expected = Json.object();
      expected.put("id", io.datasynth.sink.DatasetWriter.id(i + 1, io.datasynth.sink.DatasetWriter.idDigits(lines.size())));
      expected.set("provenance", io.datasynth.journal.JournalCodec.provenance(journaled.get(i)));
      assertThat(lines.get(i)).isEqualTo(new String(Json.mapper().writeValueAsBytes(expected),
          java.nio.charset.StandardCharsets.UTF_8));
    }
    assertThat(lines.get(0)).contains("\\uD83D\\uDE00").contains("种子 #1");
  }
}
