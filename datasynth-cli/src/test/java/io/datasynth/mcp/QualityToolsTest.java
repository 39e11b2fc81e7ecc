package io.datasynth.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.secret.Redactor;
import io.datasynth.testkit.FakeProvider;
import io.datasynth.testkit.RecordSource;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

/** The quality metrics and report path in the results of {@code synthesize_data} and {@code validate_data}. */
class QualityToolsTest {
  static final String KEY = "sk-ant-test-0123456789abcdef";

  @TempDir Path root;
  Map<String, String> env = new HashMap<>();
  Map<String, McpTool> tools;
  ToolRegistry registry;

  @BeforeEach
  void setUp() {
    TestRecipes.copyDemo(root.resolve("客服数据"));
    env.put("ANTHROPIC_API_KEY", KEY);
  }

  void build() {
    PathGuard guard = PathGuard.of(root);
    Cancellations cancellations = new Cancellations(new JacksonMcpJsonMapper(new ObjectMapper()),
        Set.of(SynthesizeDataTool.NAME));
    List<McpTool> list = List.of(new SynthesizeDataTool(guard, env, new OutputLocks(), cancellations,
        SynthesizeDataTool.httpClients(), System::nanoTime), new ValidateDataTool(guard));
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

  @Nested
  class SynthesizeData {
    @Test
    void returnsTheMetricsAndThePathOfTheReportItWrote() {
      ObjectNode template = Json.object();
      template.put("question", "问题 {n}：订单编号 A{n} 的包裹现在到哪里了？");
      template.put("answer", "回答 {n}：您好，单号 A{n} 的包裹正在派送中，预计今天送达。");
      template.put("intent", "查询物流");
      template.put("score", 1);
      try (FakeProvider fake = FakeProvider.builder().apiKey(KEY).records(RecordSource.counter(template)).start()) {
        env.put("ANTHROPIC_BASE_URL", fake.anthropicBaseUrl());
        build();
        var r = call(SynthesizeDataTool.NAME, Map.of("analysis_dir", "客服数据", "count", 6));

        assertThat(r.isError()).as(text(r)).isFalse();
        JsonNode d = data(r);
        assertThat(d.path("report_path").asText()).isEqualTo("客服数据/11_合成数据/synthetic.report.html");
        assertThat(root.resolve("客服数据/11_合成数据/synthetic.report.html")).isRegularFile();
        JsonNode q = d.path("quality");
        assertThat(q.path("records").asLong()).isEqualTo(6);
        assertThat(q.path("seed_similarity").path("seed_copies").asLong()).isZero();
        assertThat(q.path("self_similarity").path("sampled").asInt()).isEqualTo(6);
        assertThat(q.path("fields").findValuesAsText("name")).contains("question", "answer", "intent");
        assertThat(text(r)).contains("Quality report: 客服数据/11_合成数据/synthetic.report.html");
      }
    }
  }

  @Nested
  class ValidateData {
    @Test
    void returnsTheMetricsAgainstTheFoldersSeedsAndNoReportWhenThereIsNone() throws IOException {
      build();
      JsonNode seed = Json.mapper().readTree(root.resolve("客服数据/09_样例数据/samples.json").toFile())
          .get("samples").get(0).get("data");
      Files.writeString(root.resolve("data.jsonl"), Json.compact(seed) + "\n"
          + "{\"question\":\"新的问题\",\"answer\":\"新的回答\",\"intent\":\"退换货\",\"score\":1}\n", StandardCharsets.UTF_8);

      var r = call(ValidateDataTool.NAME, Map.of("data_path", "data.jsonl", "schema_path", "客服数据"));

      assertThat(r.isError()).as(text(r)).isFalse();
      JsonNode d = data(r);
      assertThat(d.path("quality").path("records").asLong()).isEqualTo(2);
      assertThat(d.path("quality").path("seed_similarity").path("seed_copies").asLong()).isEqualTo(1);
      assertThat(d.get("report_path").isNull()).isTrue();
      assertThat(root.resolve("data.report.html")).doesNotExist();
    }

    @Test
    void namesTheReportBesideTheDataWhenThereIsOne() throws IOException {
      build();
      Files.writeString(root.resolve("d.jsonl"), "{\"question\":\"q\",\"answer\":\"a\",\"intent\":\"退换货\","
          + "\"score\":1}\n", StandardCharsets.UTF_8);
      Files.writeString(root.resolve("d.report.html"), "<!DOCTYPE html>");

      JsonNode d = data(call(ValidateDataTool.NAME, Map.of("data_path", "d.jsonl", "schema_path", "客服数据")));

      assertThat(d.path("report_path").asText()).isEqualTo("d.report.html");
    }
  }
}
