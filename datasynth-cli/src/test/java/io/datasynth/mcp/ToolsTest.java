package io.datasynth.mcp;

import io.datasynth.secret.Redactor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.testkit.FakeProvider;
import io.datasynth.testkit.RecordSource;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tools called in-process through the registry, as the SDK would call them. */
class ToolsTest {
  static final String KEY = "sk-ant-test-0123456789abcdef";

  @TempDir Path root;
  Map<String, String> env = new HashMap<>();
  Map<String, McpTool> tools;
  ToolRegistry registry;
  PathGuard guard;

  @BeforeEach
  void setUp() {
    TestRecipes.copyDemo(root.resolve("客服数据"));
    env.put("ANTHROPIC_API_KEY", KEY);
    build();
  }

  void build() {
    guard = PathGuard.of(root);
    OutputLocks locks = new OutputLocks();
    Cancellations cancellations = new Cancellations(new JacksonMcpJsonMapper(new ObjectMapper()),
        Set.of(SynthesizeDataTool.NAME));
    List<McpTool> list = List.of(new PrepareSynthesisTool(guard, env), new ParseSynthesisResultTool(guard, locks),
        new SynthesizeDataTool(guard, env, locks, cancellations, SynthesizeDataTool.httpClients(), System::nanoTime),
        new EstimateSynthesisCostTool(guard, env), new ValidateDataTool(guard));
    tools = new HashMap<>();
    list.forEach(t -> tools.put(t.name(), t));
    registry = new ToolRegistry(list, Redactor.of(env));
  }

  McpSchema.CallToolResult call(String tool, Map<String, Object> args) {
    return registry.call(tools.get(tool), null, new McpSchema.CallToolRequest(tool, args));
  }

  static JsonNode data(McpSchema.CallToolResult r) {
    return Json.mapper().valueToTree(r.structuredContent());
  }

  static String text(McpSchema.CallToolResult r) {
    return ((McpSchema.TextContent) r.content().get(0)).text();
  }

  @Test
  void declaresDescribedSchemasWithRequiredArguments() {
    McpSchema.Tool parse = ToolRegistry.definition(tools.get(ParseSynthesisResultTool.NAME));
    assertThat(parse.inputSchema()).containsEntry("required", List.of("response_text"))
        .containsEntry("additionalProperties", false);
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> props = (Map<String, Map<String, Object>>) parse.inputSchema().get("properties");
    assertThat(props.values()).allSatisfy(p -> assertThat(p).containsKeys("type", "description"));
    assertThat(ToolRegistry.definition(tools.get(ValidateDataTool.NAME)).inputSchema())
        .containsEntry("required", List.of("data_path", "schema_path"));
  }

  @Nested
  class Interactive {
    @Test
    void preparesAPromptAndNamesTheOutputToUseNext() {
      var r = call(PrepareSynthesisTool.NAME, Map.of("analysis_dir", "客服数据", "count", 4));
      assertThat(r.isError()).isFalse();
      JsonNode d = data(r);
      assertThat(d.get("expected_count").asInt()).isEqualTo(4);
      assertThat(d.get("output_path").asText()).isEqualTo("客服数据/11_合成数据/synthetic.json");
      assertThat(d.get("prompt").asText()).contains("question").contains("answer");
      assertThat(text(r)).contains("parse_synthesis_result");
    }

    @Test
    void parsesAReplyCountingRejectionsByReasonAndAppendsOnASecondCall() throws IOException {
      var first = call(ParseSynthesisResultTool.NAME, Map.of("response_text", TestRecipes.MIXED_REPLY,
          "analysis_dir", "客服数据"));
      assertThat(first.isError()).isFalse();
      JsonNode d = data(first);
      assertThat(d.get("found").asInt()).isEqualTo(5);
      assertThat(d.get("added").asInt()).isEqualTo(2);
      assertThat(d.get("rejected").get("invalid").asInt()).isEqualTo(1);
      assertThat(d.get("rejected").get("duplicate").asInt()).isEqualTo(2);
      Path out = root.resolve("客服数据/11_合成数据/synthetic.json");
      assertThat(Json.mapper().readTree(out.toFile()).get("samples")).hasSize(2);

      var second = call(ParseSynthesisResultTool.NAME, Map.of("response_text", TestRecipes.SECOND_REPLY,
          "analysis_dir", "客服数据"));
      assertThat(data(second).get("added").asInt()).isEqualTo(1);
      assertThat(data(second).get("total").asInt()).isEqualTo(3);
      assertThat(Json.mapper().readTree(out.toFile()).get("samples")).hasSize(3);
    }

    @Test
    void parsesWithASchemaAloneIntoTheGivenOutput() {
      var r = call(ParseSynthesisResultTool.NAME, Map.of("response_text", TestRecipes.MIXED_REPLY,
          "schema_path", "客服数据/04_复刻指南/DATA_SCHEMA.json", "output_path", "out/records.jsonl"));
      assertThat(data(r).get("added").asInt()).isEqualTo(3);
      assertThat(data(r).get("deduplicated_against_seeds").asBoolean()).isFalse();
      assertThat(root.resolve("out/records.jsonl")).exists();
    }

    @Test
    void reportsAReplyWithoutRecords() {
      var r = call(ParseSynthesisResultTool.NAME, Map.of("response_text", "Sorry, I cannot help.",
          "analysis_dir", "客服数据"));
      assertThat(r.isError()).isFalse();
      assertThat(text(r)).startsWith("No new records: the reply holds no JSON records.");
    }
  }

  @Nested
  class Estimates {
    @Test
    void usesTheRealPromptsWhenInputsAreGiven() {
      JsonNode d = data(call(EstimateSynthesisCostTool.NAME, Map.of("count", 20, "analysis_dir", "客服数据")));
      assertThat(d.get("method").asText()).isEqualTo("real_prompts");
      assertThat(d.get("requests").asInt()).isEqualTo(4);
      assertThat(d.get("input_tokens").asLong()).isPositive();
    }

    @Test
    void saysWhenItFallsBackToTheGenericAssumption() {
      var r = call(EstimateSynthesisCostTool.NAME, Map.of("count", 100, "model", "gpt-5-mini", "provider", "openai"));
      JsonNode d = data(r);
      assertThat(d.get("method").asText()).isEqualTo("generic_assumption");
      assertThat(d.get("input_tokens").asLong()).isEqualTo(20 * 1_200);
      assertThat(d.get("reasoning_tokens").asLong()).as("gpt-5-mini reasons at medium effort").isPositive();
      assertThat(d.get("output_tokens").asLong()).isEqualTo(100 * 250 + d.get("reasoning_tokens").asLong());
      assertThat(text(r)).contains("generic assumption");
    }

    @Test
    void saysWhenTheModelHasNoPrice() {
      JsonNode d = data(call(EstimateSynthesisCostTool.NAME, Map.of("count", 10, "model", "my-local-model")));
      assertThat(d.get("priced").asBoolean()).isFalse();
      assertThat(d.get("cost_usd").isNull()).isTrue();
    }
  }

  @Nested
  class Validation {
    @Test
    void listsTheFirstTwentyErrorsAndCountsThemAll() throws IOException {
      StringBuilder lines = new StringBuilder();
      for (int i = 0; i < 30; i++) {
        lines.append("{\"question\":\"q").append(i).append("\",\"answer\":\"a\",\"intent\":\"闲聊\",\"score\":1}\n");
      }
      lines.append("{\"question\":\"q\",\"answer\":\"a\",\"intent\":\"退换货\",\"score\":1}\n");
      Files.writeString(root.resolve("data.jsonl"), lines);
      var r = call(ValidateDataTool.NAME, Map.of("data_path", "data.jsonl", "schema_path", "客服数据"));
      JsonNode d = data(r);
      assertThat(d.get("total").asInt()).isEqualTo(31);
      assertThat(d.get("invalid_records").asInt()).isEqualTo(30);
      assertThat(d.get("errors")).hasSize(20);
      assertThat(d.get("errors_truncated").asBoolean()).isTrue();
      assertThat(text(r)).contains("… and 10 more");
    }
  }

  @Nested
  class BadArguments {
    @Test
    void answerUnknownArgumentsWithAnErrorResult() {
      var r = call(EstimateSynthesisCostTool.NAME, Map.of("count", 10, "api_key", "x"));
      assertThat(r.isError()).isTrue();
      assertThat(text(r)).contains("unknown argument 'api_key'");
    }

    @Test
    void answerMissingInputsWithAnErrorResult() {
      var r = call(PrepareSynthesisTool.NAME, Map.of("count", 3));
      assertThat(r.isError()).isTrue();
      assertThat(text(r)).contains("no inputs: give analysis_dir");
    }

    @Test
    void answerBothInputFormsWithAnErrorResult() {
      var r = call(PrepareSynthesisTool.NAME, Map.of("analysis_dir", "客服数据", "schema_path", "x.json"));
      assertThat(text(r)).contains("not both");
    }

    @Test
    void answerPathsOutsideTheRootWithAnErrorNamingTheRoot() {
      var r = call(ValidateDataTool.NAME, Map.of("data_path", "/etc/passwd", "schema_path", "客服数据"));
      assertThat(r.isError()).isTrue();
      assertThat(text(r)).contains("outside the server root " + guard.root());
    }

    @Test
    void answerInputErrorsFromTheLibraryWithAnErrorResult() throws IOException {
      Files.writeString(root.resolve("broken.json"), "{not json");
      var r = call(ValidateDataTool.NAME, Map.of("data_path", "broken.json", "schema_path", "客服数据"));
      assertThat(r.isError()).isTrue();
      assertThat(text(r)).contains("broken.json");
    }

    @Test
    void refuseABaseUrlThatWouldSendTheKeyElsewhere() {
      var r = call(SynthesizeDataTool.NAME, Map.of("analysis_dir", "客服数据", "base_url", "https://evil.example"));
      assertThat(r.isError()).isTrue();
      assertThat(text(r)).contains("API key would be sent there");
    }

    @Test
    void requireAnOutputPathForPlainFiles() {
      var r = call(SynthesizeDataTool.NAME, Map.of("schema_path", "客服数据/04_复刻指南/DATA_SCHEMA.json",
          "seeds_path", "客服数据/09_样例数据/samples.json"));
      assertThat(text(r)).contains("output_path is required");
    }
  }

  @Nested
  class PlansAndTheJudge {
    @Test
    void synthesizeDataBalancesAnEnumAndJudgesWithTheCliOptionsInSnakeCase() {
      ObjectNode template = fitting();
      try (FakeProvider fake = FakeProvider.builder().apiKey(KEY).countFromPrompt(true)
          .records(RecordSource.counter(template)).judge(io.datasynth.testkit.JudgeScorer.seeded(1, 0.5, 0))
          .start()) {
        env.put("ANTHROPIC_BASE_URL", fake.anthropicBaseUrl());
        build();
        var r = call(SynthesizeDataTool.NAME, Map.of("analysis_dir", "客服数据", "count", 10, "balance", "intent",
            "judge", true, "min_score", 0.5, "judge_batch_size", 5));
        assertThat(r.isError()).as(text(r)).isFalse();
        JsonNode d = data(r);
        assertThat(d.get("generated").asInt()).isEqualTo(10);
        assertThat(d.get("coverage").get("max_deviation").asLong()).isZero();
        assertThat(d.get("judge").get("requests").asLong()).isPositive();
        assertThat(d.get("judge").get("scores").isObject()).isTrue();
        assertThat(text(r)).contains("Judge: ").contains("Plan coverage");
      }
    }

    @Test
    void aBadBalanceIsAnErrorNamingTheArgument() {
      var r = call(SynthesizeDataTool.NAME, Map.of("analysis_dir", "客服数据", "count", 3, "balance",
          "intent=查询物流"));
      assertThat(r.isError()).isTrue();
      assertThat(text(r)).contains("(balance)").doesNotContain("--balance");
    }

    @Test
    void synthesizeDataTurnsStructuredOutputsAndCachingOffWhenAsked() {
      ObjectNode template = fitting();
      try (FakeProvider fake = FakeProvider.builder().apiKey(KEY).countFromPrompt(true)
          .records(RecordSource.counter(template)).start()) {
        env.put("ANTHROPIC_BASE_URL", fake.anthropicBaseUrl());
        build();
        var on = call(SynthesizeDataTool.NAME, Map.of("analysis_dir", "客服数据", "count", 5, "output_path",
            "on.json"));
        assertThat(on.isError()).as(text(on)).isFalse();
        assertThat(fake.requests()).allSatisfy(q -> assertThat(q.structured()).isTrue());
        assertThat(fake.requests().stream().mapToLong(q -> q.cacheCreationTokens() + q.cacheReadTokens()).sum())
            .as("by default the prefix is cached").isPositive();
        fake.reset();

        var off = call(SynthesizeDataTool.NAME, Map.of("analysis_dir", "客服数据", "count", 5, "output_path",
            "off.json", "structured", "off", "cache", false));
        assertThat(off.isError()).as(text(off)).isFalse();
        assertThat(fake.requests()).isNotEmpty().allSatisfy(q -> {
          assertThat(q.structured()).isFalse();
          assertThat(q.cacheCreationTokens() + q.cacheReadTokens()).isZero();
        });
      }
    }

    @Test
    void anUnknownModeIsAnErrorListingTheModes() {
      var r = call(SynthesizeDataTool.NAME, Map.of("analysis_dir", "客服数据", "count", 3, "mode", "fast"));
      assertThat(r.isError()).isTrue();
      assertThat(text(r)).contains("mode").contains("online, batch, auto");
    }

    @Test
    void declaresThePlanAndJudgeArguments() {
      assertThat(Json.mapper().valueToTree(tools.get(SynthesizeDataTool.NAME).schema().asMap()).toString())
          .contains("\"balance\"").contains("\"axis\"").contains("\"axes_path\"").contains("\"judge_model\"")
          .contains("\"min_score\"");
    }
  }

  @Nested
  class ApiMode {
    @Test
    void generatesExactlyCountRecordsAndSummarisesTheRun() throws IOException {
      ObjectNode template = fitting();
      try (FakeProvider fake = FakeProvider.builder().apiKey(KEY).records(RecordSource.counter(template)).start()) {
        env.put("ANTHROPIC_BASE_URL", fake.anthropicBaseUrl());
        build();
        var r = call(SynthesizeDataTool.NAME, Map.of("analysis_dir", "客服数据", "count", 12));
        assertThat(r.isError()).as(text(r)).isFalse();
        JsonNode d = data(r);
        assertThat(d.get("generated").asInt()).isEqualTo(12);
        assertThat(d.get("tokens").get("total").asLong()).isPositive();
        assertThat(d.get("field_stats").isObject()).isTrue();
        Path out = root.resolve("客服数据/11_合成数据/synthetic.json");
        assertThat(Json.mapper().readTree(out.toFile()).get("samples")).hasSize(12);
        assertThat(text(r)).doesNotContain(KEY);

        long requests = fake.totalRequests();
        var again = call(SynthesizeDataTool.NAME, Map.of("analysis_dir", "客服数据", "count", 12));
        assertThat(again.isError()).as(text(again)).isFalse();
        assertThat(data(again).get("generated").asInt()).isEqualTo(12);
        assertThat(fake.totalRequests()).as("an output that is complete costs nothing more").isEqualTo(requests);
      }
    }

    @Test
    void saysInArgumentNamesWhenTheSpendingCapStopsTheRun() {
      try (FakeProvider fake = FakeProvider.builder().apiKey(KEY).records(RecordSource.counter(fitting())).start()) {
        env.put("ANTHROPIC_BASE_URL", fake.anthropicBaseUrl());
        build();
        var r = call(SynthesizeDataTool.NAME, Map.of("analysis_dir", "客服数据", "count", 12, "max_cost", 0.000001));
        assertThat(r.isError()).as(text(r)).isTrue();
        assertThat(data(r).get("stopped_by").asText()).isEqualTo("budget");
        assertThat(text(r)).contains("raise max_cost").doesNotContain("--").doesNotContain("{");
      }
    }

    @Test
    void neverShowsAnExceptionsOwnTextForAnInternalError() {
      McpTool broken = new McpTool() {
        public String name() {
          return "broken";
        }

        public String description() {
          return "fails";
        }

        public ToolSchema schema() {
          return ToolSchema.builder().build();
        }

        public boolean readOnly() {
          return true;
        }

        public ToolResult call(ToolCall call) {
          Object missing = null;
          return ToolResult.ok(missing.toString(), Json.object());
        }
      };
      var r = new ToolRegistry(List.of(broken), Redactor.of(env)).call(broken, null,
          new McpSchema.CallToolRequest("broken", Map.of()));
      assertThat(r.isError()).isTrue();
      assertThat(text(r)).contains("internal error in broken (NullPointerException)")
          .doesNotContain("Cannot invoke").doesNotContain("java.lang");
    }
  }

  /** A record of the demo's schema, numbered by the fake's counter ({n}). */
  static ObjectNode fitting() {
    ObjectNode template = Json.object();
    template.put("question", "问题 {n}：订单编号 A{n} 的包裹现在到哪里了？");
    template.put("answer", "回答 {n}：您好，单号 A{n} 的包裹正在派送中，预计今天送达。");
    template.put("intent", "查询物流");
    template.put("score", 1);
    return template;
  }
}
