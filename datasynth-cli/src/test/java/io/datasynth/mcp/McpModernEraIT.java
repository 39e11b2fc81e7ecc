package io.datasynth.mcp;

import static io.datasynth.mcp.McpServerLifecycleIT.isResponse;
import static io.datasynth.mcp.McpServerLifecycleIT.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.json.Json;
import io.datasynth.testkit.FakeProvider;
import io.datasynth.testkit.RecordSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server with a client of the 2026-07-28 protocol (no handshake; {@code server/discover}; the protocol version
 * in every request's {@code _meta}), driven line by line: the same tools, progress and cancellation as the 2025
 * era.
 */
class McpModernEraIT {
  static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
      + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"it\",\"version\":\"1\"},"
      + "\"io.modelcontextprotocol/clientCapabilities\":{}";

  @TempDir Path root;

  static String request(int id, String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":{" + params
        + (params.isEmpty() ? "" : ",") + META + "}}}";
  }

  static String request(int id, String method, String params, String progressToken) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":{" + params + ","
        + META + ",\"progressToken\":\"" + progressToken + "\"}}}";
  }

  @Test
  void discoversTheServerAndCallsItsToolsWithoutAHandshake() throws Exception {
    TestRecipes.copyDemo(root.resolve("客服数据"));
    try (ServerProcess server = ServerProcess.start(root, Map.of())) {
      List<String> skipped = new ArrayList<>();
      server.send(request(1, "server/discover", ""));
      JsonNode discover = parse(server.await(l -> isResponse(l, 1), Duration.ofSeconds(15), skipped)).get("result");
      assertThat(discover.get("supportedVersions").toString()).contains("2026-07-28");
      assertThat(discover.get("capabilities").has("tools")).isTrue();

      server.send(request(2, "tools/list", ""));
      JsonNode tools = parse(server.await(l -> isResponse(l, 2), Duration.ofSeconds(15), skipped)).get("result");
      assertThat(tools.get("tools").findValuesAsText("name")).containsExactlyInAnyOrder("prepare_synthesis",
          "parse_synthesis_result", "synthesize_data", "estimate_synthesis_cost", "validate_data");

      server.send(request(3, "tools/call", "\"name\":\"prepare_synthesis\",\"arguments\":{\"analysis_dir\":"
          + "\"客服数据\",\"count\":2}"));
      JsonNode result = parse(server.await(l -> isResponse(l, 3), Duration.ofSeconds(15), skipped)).get("result");
      assertThat(result.get("isError").asBoolean()).as(result.toString()).isFalse();
      assertThat(result.get("structuredContent").get("output_path").asText())
          .isEqualTo("客服数据/11_合成数据/synthetic.json");

      server.send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"validate_data\","
          + "\"arguments\":[1,2]," + META + "}}}", "not json");
      JsonNode bad = parse(server.await(l -> isResponse(l, 4), Duration.ofSeconds(15), skipped)).get("error");
      assertThat(bad.get("code").asInt()).isEqualTo(-32602);
      JsonNode parseError = parse(server.await(l -> parse(l).path("id").isNull(), Duration.ofSeconds(15), skipped));
      assertThat(parseError.get("error").get("code").asInt()).isEqualTo(-32700);
    }
  }

  @Test
  void cancellingARunStopsItKeepsItsRecordsAndSendsNoAnswer() throws Exception {
    TestRecipes.copyDemo(root.resolve("recipe"));
    String key = "sk-ant-modern-0123456789";
    try (FakeProvider fake = FakeProvider.builder().apiKey(key).records(RecordSource.counter(
            McpServerIT.fittingTemplate())).recordsPerReply(1).latency(Duration.ofMillis(100), Duration.ZERO).start();
        ServerProcess server = ServerProcess.start(root, Map.of("ANTHROPIC_API_KEY", key,
            "ANTHROPIC_BASE_URL", fake.anthropicBaseUrl()))) {
      List<String> skipped = new ArrayList<>();
      server.send(request(1, "server/discover", ""));
      server.await(l -> isResponse(l, 1), Duration.ofSeconds(15), skipped);
      server.send(request(9, "tools/call", "\"name\":\"synthesize_data\",\"arguments\":{\"analysis_dir\":\"recipe\","
          + "\"count\":200,\"batch_size\":1,\"concurrency\":1}", "m-1"));
      JsonNode progress = parse(server.await(l -> l.contains("notifications/progress"), Duration.ofSeconds(20),
          skipped));
      assertThat(progress.get("params").get("progressToken").asText()).isEqualTo("m-1");
      assertThat(progress.get("params").get("total").asInt()).isEqualTo(200);
      server.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":9}}");
      // Closing the input makes the server wait for the stopped run to return, then exit: everything it sent is
      // then on hand, and none of it may answer request 9.
      server.closeStdin();
      List<String> rest = server.drainUntilExit(Duration.ofSeconds(30));
      assertThat(rest).noneMatch(l -> isResponse(l, 9));
      assertThat(skipped).noneMatch(l -> isResponse(l, 9));
      Path output = root.resolve("recipe/11_合成数据/synthetic.json");
      JsonNode written = Json.mapper().readTree(output.toFile());
      assertThat(written.get("samples").size()).isBetween(1, 199)
          .isEqualTo(written.get("metadata").get("generated_count").asInt());
      assertThat(Files.readString(root.resolve("recipe/11_合成数据/synthetic.journal.jsonl"))).contains("\"record\"");
    }
  }
}
