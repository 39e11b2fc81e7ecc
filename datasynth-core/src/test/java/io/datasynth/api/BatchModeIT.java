package io.datasynth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.cost.Billing;
import io.datasynth.cost.ModelPrice;
import io.datasynth.cost.PriceTable;
import io.datasynth.engine.EngineListener;
import io.datasynth.engine.RunControl;
import io.datasynth.engine.RunOutcome;
import io.datasynth.json.Json;
import io.datasynth.json.JsonFiles;
import io.datasynth.provider.LlmClients;
import io.datasynth.provider.ProviderKind;
import io.datasynth.provider.Usage;
import io.datasynth.provider.batch.BatchLimits;
import io.datasynth.recipe.Inputs;
import io.datasynth.testkit.FakeProvider;
import io.datasynth.testkit.RecordedRequest;
import io.datasynth.text.Message;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch mode end to end against the fake's Message Batches and OpenAI Batch APIs: exactly N with expiring and
 * erroring items, the price at the batch rate from the usage the fake's results report, a stopped run whose re-run
 * collects its batch and submits nothing twice, and the batches the fake refuses.
 */
class BatchModeIT {
  static final String KEY = CostLeversIT.ANTHROPIC_KEY;
  @TempDir Path dir;
  final CostLeversIT inputs = new CostLeversIT();

  Inputs shortInputs() throws IOException {
    inputs.dir = dir;
    return inputs.shortInputs();
  }

  static SynthesisConfig.Builder batchConfig(ProviderKind provider, String model, int count) {
    return CostLeversIT.config(provider, model, count).mode(RunMode.BATCH).maxRetries(8);
  }

  DataSynthesizer.Builder synthesizer(FakeProvider fake, SynthesisConfig config, EngineListener listener) {
    return DataSynthesizer.builder().config(config).env(CostLeversIT.env(fake)).listener(listener)
        .batchWaits(Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofMillis(200));
  }

  SynthesisResult run(FakeProvider fake, SynthesisConfig config, EngineListener listener) throws IOException {
    return synthesizer(fake, config, listener).build().synthesize(shortInputs(), dir.resolve("out.json"));
  }

  static FakeProvider.Builder fake() {
    return CostLeversIT.fake().apiKey(KEY);
  }

  /** GETs a path of the fake's Anthropic API, as an independent client would. */
  static String get(FakeProvider fake, String pathOrUrl) throws IOException {
    URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : fake.anthropicBaseUrl() + pathOrUrl);
    HttpRequest request = HttpRequest.newBuilder(uri).header("x-api-key", KEY)
        .header("anthropic-version", "2023-06-01").GET().build();
    try {
      HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
          .send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(uri + ": " + response.body()).isEqualTo(200);
      return response.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** Every result line of every Message Batch the fake holds. */
  static List<JsonNode> batchResults(FakeProvider fake) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    JsonNode list = Json.mapper().readTree(get(fake, "/v1/messages/batches?limit=100"));
    for (JsonNode batch : list.get("data")) {
      if (!"ended".equals(batch.path("processing_status").asText())) {
        continue;
      }
      for (String line : get(fake, batch.get("results_url").asText()).split("\n")) {
        if (!line.isBlank()) {
          out.add(Json.mapper().readTree(line));
        }
      }
    }
    return out;
  }

  static Usage usage(JsonNode u) {
    long write = u.path("cache_creation_input_tokens").asLong();
    return new Usage(u.path("input_tokens").asLong(), u.path("output_tokens").asLong(),
        u.path("cache_read_input_tokens").asLong(), write, 0,
        Math.min(write, u.path("cache_creation").path("ephemeral_1h_input_tokens").asLong()));
  }

  static List<RecordedRequest> online(FakeProvider fake) {
    return fake.requests().stream().filter(r -> r.status() == 200 && r.path().equals("/v1/messages")).toList();
  }

  @Nested
  class AnthropicMessageBatches {
    @Test
    void deliverExactlyNWithExpiringAndErroringItemsPricedAtTheBatchRate() throws IOException {
      try (FakeProvider fake = fake().batchDuration(Duration.ofMillis(300)).batchExpireRate(0.2)
          .batchErrorRate(0.1).start()) {
        SynthesisResult r = run(fake, batchConfig(ProviderKind.ANTHROPIC, CostLeversIT.CLAUDE, 60).build(),
            EngineListener.NONE);
        assertThat(r.success()).as(r.errorText()).isTrue();
        assertThat(r.generatedCount()).isEqualTo(60);
        assertThat(JsonFiles.readJson(dir.resolve("out.json")).get("samples")).hasSize(60);
        assertThat(fake.batchesCreated()).as("expired and errored items go in a later batch").isGreaterThan(1);

        List<JsonNode> results = batchResults(fake);
        assertThat(results.stream().map(l -> l.at("/result/type").asText())).contains("expired", "errored");
        ModelPrice price = PriceTable.bundled().lookup(CostLeversIT.CLAUDE).orElseThrow();
        double expected = CostLeversIT.priced(CostLeversIT.CLAUDE, online(fake));
        double online = expected;
        for (JsonNode line : results) {
          if ("succeeded".equals(line.at("/result/type").asText())) {
            Usage u = usage(line.at("/result/message/usage"));
            expected += price.cost(u, Billing.BATCH);
            online += price.cost(u);
          }
        }
        assertThat(r.report().costUsd()).isCloseTo(expected, within(1e-9));
        JsonNode costs = CostLeversIT.costs(dir.resolve("out.json"));
        assertThat(costs.get("online_usd").asDouble()).isCloseTo(online, within(1e-6));
        assertThat(costs.get("saved_by_batch_usd").asDouble()).isPositive();
        assertThat(costs.get("batch_replies").asLong()).isPositive();
      }
    }

    @Test
    void aRunStoppedWhileWaitingIsCollectedByTheRerunWithoutSubmittingAnythingTwice() throws Exception {
      try (FakeProvider fake = fake().batchDuration(Duration.ofSeconds(2)).start()) {
        SynthesisConfig config = batchConfig(ProviderKind.ANTHROPIC, CostLeversIT.CLAUDE, 40).build();
        RunControl control = new RunControl();
        CountDownLatch submitted = new CountDownLatch(1);
        CostLeversIT.Notices notices = new CostLeversIT.Notices() {
          @Override
          public void onNotice(Message message) {
            super.onNotice(message);
            if (message.key().equals("notice.batch.submitted")) {
              submitted.countDown();
              control.stop();
            }
          }
        };
        SynthesisResult first = synthesizer(fake, config, notices).control(control).build()
            .synthesize(shortInputs(), dir.resolve("out.json"));
        assertThat(submitted.getCount()).isZero();
        assertThat(first.outcome()).isInstanceOf(RunOutcome.Stopped.class);
        assertThat(notices.count("notice.batch.left_running")).isEqualTo(1);
        assertThat(Files.exists(first.journalPath())).isTrue();
        RunStatus status = RunStatus.of(dir.resolve("out.json"), io.datasynth.sink.FileGuard.unrestricted());
        assertThat(status.pending()).as("the journal names the batch left running").hasSize(1);
        assertThat(status.pending().get(0).batchId()).startsWith("msgbatch_");
        assertThat(status.toJson(java.time.Instant.now()).get("batches").get(0).get("state").asText())
            .isEqualTo("waiting");
        long batchesBefore = fake.batchesCreated();
        long itemsBefore = fake.batchItemsSubmitted();

        SynthesisResult second = run(fake, config, EngineListener.NONE);
        assertThat(second.success()).as(second.errorText()).isTrue();
        assertThat(second.generatedCount()).isEqualTo(40);
        assertThat(JsonFiles.readJson(dir.resolve("out.json")).get("samples")).hasSize(40);

        Set<String> seen = new HashSet<>();
        for (JsonNode line : batchResults(fake)) {
          assertThat(seen.add(line.get("custom_id").asText())).as("submitted once: " + line.get("custom_id"))
              .isTrue();
        }
        assertThat(seen).hasSize((int) fake.batchItemsSubmitted());
        assertThat(fake.batchItemsSubmitted()).isGreaterThanOrEqualTo(itemsBefore);
        assertThat(fake.batchesCreated()).isGreaterThanOrEqualTo(batchesBefore);
        assertThat(RunStatus.of(dir.resolve("out.json"), io.datasynth.sink.FileGuard.unrestricted()).journal())
            .as("a complete output leaves no journal").isNull();
      }
    }

    @Test
    void workOverTheBatchLimitIsSplitIntoSeveralBatches() throws IOException {
      try (FakeProvider fake = fake().batchRequestLimits(3, 3).start()) {
        SynthesisResult r = synthesizer(fake, batchConfig(ProviderKind.ANTHROPIC, CostLeversIT.CLAUDE, 40).build(),
            EngineListener.NONE).batchApis(s -> LlmClients.batchApi(s, t -> t, new BatchLimits(3, 1 << 20)))
            .build().synthesize(shortInputs(), dir.resolve("out.json"));
        assertThat(r.success()).as(r.errorText()).isTrue();
        assertThat(r.generatedCount()).isEqualTo(40);
        assertThat(fake.batchesCreated()).isGreaterThanOrEqualTo(3);
      }
    }

    @Test
    void aBatchTheProviderRefusesAsTooLargeFailsTheRunAndSaysWhy() throws IOException {
      try (FakeProvider fake = fake().batchRequestLimits(3, 3).start()) {
        SynthesisResult r = synthesizer(fake, batchConfig(ProviderKind.ANTHROPIC, CostLeversIT.CLAUDE, 40).build(),
            EngineListener.NONE).build().synthesize(shortInputs(), dir.resolve("out.json"));
        assertThat(r.success()).isFalse();
        assertThat(r.outcome()).isInstanceOf(RunOutcome.Failed.class);
        assertThat(r.errorText()).contains("batch").contains("split");
        assertThat(fake.batchItemsSubmitted()).as("nothing of the refused batch ran").isZero();
      }
    }

    @Test
    void batchesThatAlwaysExpireEndTheRunShortWithoutDeliveringAnythingTwice() throws IOException {
      try (FakeProvider fake = fake().batchExpireRate(1.0).start()) {
        SynthesisResult r = run(fake, batchConfig(ProviderKind.ANTHROPIC, CostLeversIT.CLAUDE, 30).maxRetries(2)
            .build(), EngineListener.NONE);
        assertThat(r.success()).isFalse();
        assertThat(r.generatedCount()).isLessThan(30);
        assertThat(r.report().runs().get(0).failures()).containsKey("batch item expired");
        assertThat(batchResults(fake)).allSatisfy(l -> assertThat(l.at("/result/type").asText())
            .isEqualTo("expired"));
      }
    }
  }

  @Nested
  class OpenAiBatch {
    @Test
    void deliversExactlyNThroughFilesAndBatches() throws IOException {
      try (FakeProvider fake = CostLeversIT.fake().apiKey(CostLeversIT.OPENAI_KEY)
          .batchDuration(Duration.ofMillis(300)).batchExpireRate(0.1).batchErrorRate(0.1).start()) {
        SynthesisResult r = run(fake, batchConfig(ProviderKind.OPENAI, CostLeversIT.GPT, 50).build(),
            EngineListener.NONE);
        assertThat(r.success()).as(r.errorText()).isTrue();
        assertThat(r.generatedCount()).isEqualTo(50);
        assertThat(fake.batchesCreated()).isPositive();
        JsonNode costs = CostLeversIT.costs(dir.resolve("out.json"));
        assertThat(costs.get("batch_replies").asLong()).isPositive();
        assertThat(costs.get("saved_by_batch_usd").asDouble()).isPositive();
      }
    }
  }

  @Nested
  class ChoosingTheMode {
    @Test
    void aModelWithoutABatchApiIsABadSettingForBatchMode() throws IOException {
      try (FakeProvider fake = fake().start()) {
        SynthesisConfig config = batchConfig(ProviderKind.OPENAI, "qwen3-8b", 10).build();
        Inputs in = shortInputs();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> synthesizer(fake, config, EngineListener.NONE)
            .build().synthesize(in, dir.resolve("out.json")))
            .isInstanceOf(io.datasynth.error.ConfigException.class).hasMessageContaining("batch");
        assertThat(fake.totalRequests()).isZero();
      }
    }

    @Test
    void autoStaysOnlineForASmallJob() throws IOException {
      try (FakeProvider fake = fake().start()) {
        SynthesisResult r = run(fake, CostLeversIT.config(ProviderKind.ANTHROPIC, CostLeversIT.CLAUDE, 20)
            .mode(RunMode.AUTO).build(), EngineListener.NONE);
        assertThat(r.success()).as(r.errorText()).isTrue();
        assertThat(fake.batchesCreated()).isZero();
      }
    }
  }
}
