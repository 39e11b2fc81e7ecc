package io.datasynth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.InputException;
import io.datasynth.journal.JournalCodec;
import io.datasynth.json.Json;
import io.datasynth.json.JsonFiles;
import io.datasynth.quality.RejectReason;
import io.datasynth.recipe.Inputs;
import io.datasynth.schema.SchemaReader;
import io.datasynth.testkit.FakeProvider;
import io.datasynth.testkit.FaultScript;
import io.datasynth.testkit.RecordSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run accounts for, against the fake provider: every record paid for is either delivered or in the rejects
 * file with a typed reason, a top-up pays only for what is missing, and {@code parse} into an API output keeps what
 * the API runs cost.
 */
class RunAccountingIT {
  static final String KEY = "sk-ant-test-accounting-1234";
  @TempDir Path dir;

  Inputs inputs() throws IOException {
    return QaInputs.in(dir);
  }

  static RecordSource unique() {
    ObjectNode t = Json.object();
    t.put("instruction", "Question {n}: {words}?");
    t.put("response", "Answer {n}: {words}.");
    return RecordSource.counter(t);
  }

  SynthesisResult run(FakeProvider fake, Inputs inputs, Path out, int count) {
    // Free-text replies: the fake puts invalid records only into those (structured replies hold to the schema).
    SynthesisConfig config = SynthesisConfig.builder().count(count).batchSize(5).structured(StructuredMode.OFF)
        .retryDelay(Duration.ofMillis(20))
        .maxRetries(6).build();
    return DataSynthesizer.builder().config(config)
        .env(Map.of("ANTHROPIC_API_KEY", KEY, "ANTHROPIC_BASE_URL", fake.anthropicBaseUrl()))
        .build().synthesize(inputs, out);
  }

  static List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      out.add(Json.mapper().readTree(line));
    }
    return out;
  }

  static List<JsonNode> data(Path output) {
    List<JsonNode> out = new ArrayList<>();
    JsonFiles.readJson(output).get("samples").forEach(s -> out.add(s.get("data")));
    return out;
  }

  @Test
  void everyRecordPaidForIsDeliveredOrInTheRejectsFileWithItsTypedReason() throws IOException {
    try (FakeProvider fake = FakeProvider.builder().seed(11).apiKey(KEY).records(unique())
        .faults(FaultScript.random(11).duplicates(0.15).invalidRecords(0.15).truncated(0.1)).start()) {
      Path out = dir.resolve("out.json");
      SynthesisResult r = run(fake, inputs(), out, 60);
      assertThat(r.success()).as(r.errorText()).isTrue();

      Path rejects = dir.resolve("out.rejects.jsonl");
      List<JsonNode> rejected = lines(rejects);
      Map<RejectReason.Code, Long> byReason = new EnumMap<>(RejectReason.Code.class);
      for (JsonNode line : rejected) {
        RejectReason reason = JournalCodec.readReason(line.get("reason"));
        byReason.merge(reason.code(), 1L, Long::sum);
        assertThat(line.has("record") || line.has("fragment")).as(line.toString()).isTrue();
        if (reason instanceof RejectReason.Duplicate d && !d.ofASeed()) {
          assertThat(line.get("reason").get("of").asText()).startsWith("SYNTH_");
        }
        if (reason instanceof RejectReason.RuleViolation v) {
          assertThat(v.field()).isNotEmpty();
        }
      }
      assertThat(data(out)).hasSize(60);
      assertThat(60 + rejected.size()).as("delivered + rejects = records received")
          .isEqualTo(r.report().received());
      assertThat(byReason).as("the rejects file and the summary agree").isEqualTo(r.rejected());
      assertThat(byReason.keySet()).contains(RejectReason.Code.DUPLICATE, RejectReason.Code.INVALID,
          RejectReason.Code.TRUNCATED);
      JsonNode summary = JsonFiles.readJson(out).get("metadata").get("summary");
      assertThat(summary.get("rejected").get("invalid").asLong()).isEqualTo(byReason.get(RejectReason.Code.INVALID));
    }
  }

  @Test
  void aTopUpKeepsTheFirstRecordsAndPaysOnlyForTheMissingOnes() throws IOException {
    // Seven records a reply for five asked: every run keeps surplus, which the top-up uses first.
    try (FakeProvider fake = FakeProvider.builder().seed(5).apiKey(KEY).records(unique()).recordsPerReply(7)
        .start()) {
      Path out = dir.resolve("out.json");
      Inputs inputs = inputs();
      assertThat(run(fake, inputs, out, 100).success()).isTrue();
      List<JsonNode> first = data(out);
      long firstRequests = fake.totalRequests();

      SynthesisResult topUp = run(fake, inputs, out, 150);
      assertThat(topUp.success()).as(topUp.errorText()).isTrue();
      long topUpRequests = fake.totalRequests() - firstRequests;

      List<JsonNode> all = data(out);
      assertThat(all).hasSize(150);
      assertThat(all.subList(0, 100)).isEqualTo(first);
      assertThat(topUpRequests).as("requests for 50 records, against %d for 100", firstRequests)
          .isBetween(1L, firstRequests * 6 / 10);
      JsonNode meta = JsonFiles.readJson(out).get("metadata");
      assertThat(meta.get("generated_count").asInt()).isEqualTo(150);
      JsonNode runs = meta.get("summary").get("runs");
      assertThat(runs).as("the first run and the top-up, nothing else").hasSize(2);
      assertThat(runs.get(0).get("replies").asLong()).isEqualTo(firstRequests);
      assertThat(runs.get(1).get("replies").asLong()).isEqualTo(topUpRequests);
      assertThat(meta.get("summary").get("delivered_by_settings")).hasSize(1);
      assertThat(150 + lines(dir.resolve("out.rejects.jsonl")).size()).as("delivered + rejects = received")
          .isEqualTo(topUp.report().received());
    }
  }

  @Test
  void parseIntoAnApiOutputKeepsItsTokensAndCostAndAddsTheInteractiveRun() throws IOException {
    try (FakeProvider fake = FakeProvider.builder().seed(3).apiKey(KEY).records(unique()).start()) {
      Path out = dir.resolve("out.json");
      Inputs inputs = inputs();
      assertThat(run(fake, inputs, out, 10).success()).isTrue();
      JsonNode before = JsonFiles.readJson(out).get("metadata");

      String reply = """
          ```json
          [{"instruction": "Explain what compound interest is.", "response": "Interest earned on interest."}]
          ```""";
      ParseReport p = DataSynthesizer.builder().config(SynthesisConfig.builder().build()).build()
          .parseReply(reply, inputs.schema(), inputs.seeds(), out);
      assertThat(p.added()).isEqualTo(1);

      JsonNode after = JsonFiles.readJson(out).get("metadata");
      assertThat(after.get("generated_count").asInt()).isEqualTo(11);
      assertThat(after.get("tokens")).isEqualTo(before.get("tokens"));
      assertThat(after.get("cost_usd")).isEqualTo(before.get("cost_usd"));
      assertThat(after.get("model")).isEqualTo(before.get("model"));
      JsonNode runs = after.get("summary").get("runs");
      assertThat(runs).hasSize(2);
      assertThat(runs.get(1).get("origin").asText()).isEqualTo("interactive");
    }
  }

  @Test
  void parseOfAnotherSchemasRecordsChangesNothing() throws IOException {
    try (FakeProvider fake = FakeProvider.builder().seed(3).apiKey(KEY).records(unique()).start()) {
      Path out = dir.resolve("out.json");
      Inputs inputs = inputs();
      assertThat(run(fake, inputs, out, 5).success()).isTrue();
      byte[] before = Files.readAllBytes(out);
      Path other = dir.resolve("other.json");
      Files.writeString(other, """
          {"project_name": "客服", "fields": [{"name": "question", "type": "text"}, {"name": "answer", "type": "text"}]}
          """, StandardCharsets.UTF_8);
      DataSynthesizer synth = DataSynthesizer.builder().config(SynthesisConfig.builder().build()).build();
      assertThatThrownBy(() -> synth.parseReply("[{\"question\": \"什么时候发货？\", \"answer\": \"明天。\"}]",
          SchemaReader.read(other), inputs.seeds(), out))
          .isInstanceOf(InputException.class).hasMessageContaining("another schema").hasMessageContaining("\"qa\"")
          .hasMessageContaining("\"客服\"");
      assertThat(Files.readAllBytes(out)).isEqualTo(before);
    }
  }
}
