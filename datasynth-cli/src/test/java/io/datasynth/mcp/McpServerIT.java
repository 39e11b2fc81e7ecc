package io.datasynth.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.testkit.FakeProvider;
import io.datasynth.testkit.RecordSource;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server process ({@code java -cp target/datasynth.jar io.datasynth.cli.Main mcp --root …}) driven by the
 * SDK's own client over stdio, with the fake provider on loopback for API mode.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class McpServerIT {
  static final String KEY = "sk-ant-it-SECRET-9f8e7d6c5b4a3210";
  static final String RECIPE = "客服数据";

  @TempDir static Path root;
  FakeProvider fake;
  McpSyncClient client;
  final List<String> stderr = new CopyOnWriteArrayList<>();
  final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
  final List<String> results = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start() {
    TestRecipes.copyDemo(root.resolve(RECIPE));
    fake = FakeProvider.builder().apiKey(KEY).records(RecordSource.counter(fittingTemplate()))
        .latency(Duration.ofMillis(40), Duration.ZERO).start();
    StdioClientTransport transport = new StdioClientTransport(
        ServerProcess.parameters(root, Map.of("ANTHROPIC_API_KEY", KEY, "ANTHROPIC_BASE_URL", fake.anthropicBaseUrl())),
        new JacksonMcpJsonMapper(new ObjectMapper()));
    transport.setStdErrorHandler(stderr::add);
    client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30))
        .progressConsumer(progress::add).build();
    client.initialize();
  }

  @AfterAll
  void stop() {
    if (client != null) {
      client.closeGracefully();
    }
    if (fake != null) {
      fake.close();
    }
  }

  /** Records that fit the demo recipe's schema, each one unique. */
  static ObjectNode fittingTemplate() {
    ObjectNode t = Json.object();
    t.put("question", "问题 {n}：订单编号 A{n} 的包裹现在到哪里了？");
    t.put("answer", "回答 {n}：您好，单号 A{n} 的包裹正在派送中，预计今天送达，请留意电话。");
    t.put("intent", "查询物流");
    t.put("score", 1);
    return t;
  }

  McpSchema.CallToolResult call(String tool, Map<String, Object> args) {
    McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest(tool, args));
    results.add(r.toString());
    return r;
  }

  static JsonNode data(McpSchema.CallToolResult r) {
    return Json.mapper().valueToTree(r.structuredContent());
  }

  static String text(McpSchema.CallToolResult r) {
    return r.content().stream().map(c -> ((McpSchema.TextContent) c).text()).collect(Collectors.joining("\n"));
  }

  @Test
  @Order(1)
  void listsTheFiveToolsWithDescribedSchemasAndRequiredArguments() {
    List<McpSchema.Tool> tools = client.listTools().tools();
    assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyInAnyOrder("prepare_synthesis",
        "parse_synthesis_result", "synthesize_data", "estimate_synthesis_cost", "validate_data");
    Map<String, Object> required = tools.stream().collect(Collectors.toMap(McpSchema.Tool::name,
        t -> t.inputSchema().getOrDefault("required", List.of())));
    assertThat(required).containsEntry("parse_synthesis_result", List.of("response_text"))
        .containsEntry("validate_data", List.of("data_path", "schema_path"))
        .containsEntry("estimate_synthesis_cost", List.of("count"));
    assertThat(tools).allSatisfy(t -> {
      assertThat(t.description()).isNotBlank();
      assertThat(t.inputSchema()).containsEntry("type", "object");
    });
  }

  @Test
  @Order(2)
  void preparesAPromptForACopiedRecipe() {
    var r = call("prepare_synthesis", Map.of("analysis_dir", RECIPE, "count", 5));
    assertThat(r.isError()).as(text(r)).isFalse();
    JsonNode d = data(r);
    assertThat(d.get("expected_count").asInt()).isEqualTo(5);
    assertThat(d.get("output_path").asText()).isEqualTo(RECIPE + "/11_合成数据/synthetic.json");
    assertThat(d.get("prompt").asText()).contains("电商客服对话质量");
  }

  @Test
  @Order(3)
  void parsesRepliesCountingRejectionsAndAppendsOnTheSecondCall() throws IOException {
    var first = call("parse_synthesis_result", Map.of("response_text", TestRecipes.MIXED_REPLY,
        "analysis_dir", RECIPE));
    assertThat(first.isError()).as(text(first)).isFalse();
    JsonNode d = data(first);
    assertThat(d.get("found").asInt()).isEqualTo(5);
    assertThat(d.get("added").asInt()).isEqualTo(2);
    assertThat(d.get("rejected").get("invalid").asInt()).isEqualTo(1);
    assertThat(d.get("rejected").get("duplicate").asInt()).isEqualTo(2);
    Path out = root.resolve(RECIPE + "/11_合成数据/synthetic.json");
    assertThat(Json.mapper().readTree(out.toFile()).get("samples")).hasSize(2);

    var second = call("parse_synthesis_result", Map.of("response_text", TestRecipes.SECOND_REPLY,
        "analysis_dir", RECIPE));
    assertThat(data(second).get("added").asInt()).isEqualTo(1);
    assertThat(data(second).get("total").asInt()).isEqualTo(3);
    assertThat(Json.mapper().readTree(out.toFile()).get("samples")).hasSize(3);
  }

  @Test
  @Order(4)
  void estimatesFromTheRealPromptsOrFromTheGenericAssumption() {
    JsonNode real = data(call("estimate_synthesis_cost", Map.of("count", 50, "analysis_dir", RECIPE)));
    assertThat(real.get("method").asText()).isEqualTo("real_prompts");
    assertThat(real.get("requests").asInt()).isEqualTo(10);
    var generic = call("estimate_synthesis_cost", Map.of("count", 100, "model", "claude-sonnet-5-5"));
    assertThat(data(generic).get("method").asText()).isEqualTo("generic_assumption");
    assertThat(text(generic)).contains("generic assumption").contains("1200 prompt tokens per request");
  }

  @Test
  @Order(5)
  void validatesADatasetFile() throws IOException {
    Files.writeString(root.resolve("check.jsonl"), """
        {"question": "q1", "answer": "a1", "intent": "查询物流", "score": 1}
        {"question": "q2", "answer": "a2", "intent": "闲聊", "score": 3}
        """);
    var r = call("validate_data", Map.of("data_path", "check.jsonl", "schema_path", RECIPE));
    assertThat(r.isError()).isFalse();
    JsonNode d = data(r);
    assertThat(d.get("total").asInt()).isEqualTo(2);
    assertThat(d.get("valid_records").asInt()).isEqualTo(1);
    assertThat(d.get("error_count").asInt()).isEqualTo(2);
    assertThat(d.get("errors")).hasSize(2);
  }

  @Test
  @Order(6)
  void synthesizesAgainstTheFakeProviderWithProgressNotifications() throws IOException {
    progress.clear();
    McpSchema.CallToolRequest request = McpSchema.CallToolRequest.builder().name("synthesize_data")
        .arguments(Map.of("analysis_dir", RECIPE, "output_path", "api/合成.json", "count", 12, "concurrency", 1))
        .progressToken("synth-1").build();
    McpSchema.CallToolResult r = client.callTool(request);
    results.add(r.toString());
    assertThat(r.isError()).as(text(r)).isFalse();
    JsonNode d = data(r);
    assertThat(d.get("generated").asInt()).isEqualTo(12);
    assertThat(d.get("tokens").get("total").asLong()).isPositive();
    assertThat(d.get("field_stats").isObject()).isTrue();
    assertThat(Json.mapper().readTree(root.resolve("api/合成.json").toFile()).get("samples")).hasSize(12);
    assertThat(progress).isNotEmpty().allSatisfy(p -> {
      assertThat(p.progressToken()).isEqualTo("synth-1");
      assertThat(p.total()).isEqualTo(12.0);
    });
    // The client SDK hands notifications to the consumer asynchronously, so they may be seen out of order; the server
    // sends each count once, rising (ProgressNotifierTest), up to the last record.
    assertThat(progress).extracting(McpSchema.ProgressNotification::progress).doesNotHaveDuplicates()
        .contains(12.0).allSatisfy(v -> assertThat(v).isBetween(1.0, 12.0));
  }

  @Test
  @Order(7)
  void answersBadArgumentsWithErrorResults() {
    var missing = call("validate_data", Map.of("data_path", "check.jsonl"));
    assertThat(missing.isError()).isTrue();
    assertThat(text(missing)).contains("schema_path");
    var wrongType = call("estimate_synthesis_cost", Map.of("count", "ten"));
    assertThat(wrongType.isError()).isTrue();
    var zero = call("prepare_synthesis", Map.of("analysis_dir", RECIPE, "count", 0));
    assertThat(zero.isError()).isTrue();
    var unknown = call("estimate_synthesis_cost", Map.of("count", 5, "api_key", "sk-x"));
    assertThat(unknown.isError()).isTrue();
    assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("no_such_tool", Map.of())))
        .isInstanceOf(io.modelcontextprotocol.spec.McpError.class)
        .hasMessageContaining("unknown tool 'no_such_tool'").hasMessageContaining("validate_data");
  }

  @Test
  @Order(8)
  void refusesPathsOutsideTheRootNamingTheRoot() throws IOException {
    var r = call("validate_data", Map.of("data_path", "../../etc/passwd", "schema_path", RECIPE));
    assertThat(r.isError()).isTrue();
    assertThat(text(r)).contains("outside the server root " + root.toRealPath());
    var out = call("parse_synthesis_result", Map.of("response_text", TestRecipes.SECOND_REPLY,
        "analysis_dir", RECIPE, "output_path", "/tmp/elsewhere.json"));
    assertThat(out.isError()).isTrue();
    assertThat(text(out)).contains("outside the server root");
  }

  @Test
  @Order(9)
  void staysUsableAfterAllThat() {
    assertThat(client.ping()).isNotNull();
  }

  @Test
  @Order(10)
  void neverShowsTheApiKeyInAResultOrTheLog() {
    assertThat(results).isNotEmpty().noneMatch(r -> r.contains(KEY));
    assertThat(new ArrayList<>(stderr)).noneMatch(l -> l.contains(KEY));
  }
}
