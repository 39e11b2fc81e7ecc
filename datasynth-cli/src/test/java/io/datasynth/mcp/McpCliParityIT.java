package io.datasynth.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasynth.json.Json;
import io.datasynth.testkit.FakeProvider;
import io.datasynth.testkit.FaultScript;
import io.datasynth.testkit.RecordSource;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run report for every adapter: the same job against the same seeded faults, once through the command line's
 * {@code --json} and once through the MCP {@code synthesize_data} tool, reports the same counts, and the MCP text
 * names no command-line flag.
 */
class McpCliParityIT {
  static final String KEY = "sk-ant-parity-0f1e2d3c4b5a6978";
  @TempDir Path root;

  /** A fake whose replies hold invalid, duplicate and cut-off records, the same ones for the same requests. */
  static FakeProvider faultyFake() {
    return FakeProvider.builder().seed(17).apiKey(KEY).records(RecordSource.counter(McpServerIT.fittingTemplate()))
        .faults(FaultScript.random(17).invalidRecords(0.25).duplicates(0.25).truncated(0.15)).start();
  }

  @Test
  void theCommandLineAndTheMcpToolReportTheSameCounts() throws Exception {
    TestRecipes.copyDemo(root.resolve("cli/客服"));
    TestRecipes.copyDemo(root.resolve("mcp/客服"));
    JsonNode cli;
    try (FakeProvider fake = faultyFake();
        ServerProcess run = ServerProcess.start(ServerProcess.cli("generate", root.resolve("cli/客服").toString(),
            "-n", "20", "--concurrency", "1", "--json", "-q"), Map.of("ANTHROPIC_API_KEY", KEY,
            "ANTHROPIC_BASE_URL", fake.anthropicBaseUrl()), false)) {
      List<String> lines = run.drainUntilExit(Duration.ofSeconds(120));
      assertThat(run.exitValue()).as(String.join("\n", run.stderr())).isZero();
      cli = Json.mapper().readTree(String.join("\n", lines));
    }

    McpSchema.CallToolResult result;
    try (FakeProvider fake = faultyFake()) {
      StdioClientTransport transport = new StdioClientTransport(ServerProcess.parameters(root,
          Map.of("ANTHROPIC_API_KEY", KEY, "ANTHROPIC_BASE_URL", fake.anthropicBaseUrl())),
          new JacksonMcpJsonMapper(new ObjectMapper()));
      McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(120)).build();
      try {
        client.initialize();
        result = client.callTool(new McpSchema.CallToolRequest("synthesize_data",
            Map.of("analysis_dir", "mcp/客服", "count", 20, "concurrency", 1)));
      } finally {
        client.closeGracefully();
      }
    }
    String text = result.content().stream().map(c -> ((McpSchema.TextContent) c).text())
        .collect(Collectors.joining("\n"));
    assertThat(result.isError()).as(text).isFalse();
    JsonNode mcp = Json.mapper().valueToTree(result.structuredContent());

    assertThat(cli.get("rejected_total").asLong()).as("the faults produced rejections").isPositive();
    for (String key : List.of("delivered", "received", "rejected_total", "rejected", "surplus", "invalid_by_rule",
        "requests", "tokens")) {
      assertThat(mcp.get(key)).as(key).isEqualTo(cli.get(key));
    }
    assertThat(text).as("MCP speaks in argument names").doesNotContainPattern("(?<![\\w-])--?[a-z]");
  }
}
