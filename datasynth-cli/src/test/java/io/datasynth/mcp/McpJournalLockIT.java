package io.datasynth.mcp;

import static io.datasynth.mcp.McpServerLifecycleIT.INIT;
import static io.datasynth.mcp.McpServerLifecycleIT.INITIALIZED;
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
 * A run the MCP server is making holds its journal against every other writer: a second tool call for an output
 * sharing that journal ({@code .json} beside {@code .jsonl}) and a command-line run of the same output in another
 * process are both refused, and the run's output afterwards holds exactly the records it says it holds.
 *
 * <p>Issue 14: a refused second {@code Journal.open} in the same JVM used to close its own channel, which on POSIX
 * drops the first run's lock, after which a CLI run resumed from the live journal. The server now refuses the
 * second call before the library opens anything ({@link OutputLocks}); the journal's own fix (one channel per file
 * per JVM) is the journal's.
 */
class McpJournalLockIT {
  static final String KEY = "sk-ant-lock-0123456789";

  @TempDir Path root;

  static String call(int id, String arguments, String progressToken) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"synthesize_data\","
        + "\"arguments\":" + arguments + (progressToken == null ? "" : ",\"_meta\":{\"progressToken\":\""
        + progressToken + "\"}") + "}}";
  }

  @Test
  void aCliRunCannotResumeAJournalTheServerIsWriting() throws Exception {
    Path recipe = TestRecipes.copyDemo(root.resolve("recipe"));
    try (FakeProvider fake = FakeProvider.builder().apiKey(KEY).records(RecordSource.counter(
            McpServerIT.fittingTemplate())).recordsPerReply(1).latency(Duration.ofMillis(100), Duration.ZERO).start();
        ServerProcess server = ServerProcess.startVerbose(root, Map.of("ANTHROPIC_API_KEY", KEY,
            "ANTHROPIC_BASE_URL", fake.anthropicBaseUrl()))) {
      List<String> skipped = new ArrayList<>();
      server.send(INIT, INITIALIZED);
      server.await(l -> isResponse(l, 1), Duration.ofSeconds(15), skipped);
      server.send(call(2, "{\"analysis_dir\":\"recipe\",\"count\":300,\"batch_size\":1,\"concurrency\":1}", "run"));
      server.await(l -> l.contains("notifications/progress"), Duration.ofSeconds(20), skipped);

      // The same run's files under another extension: one journal, so refused before anything is opened.
      server.send(call(3, "{\"analysis_dir\":\"recipe\",\"count\":300,\"batch_size\":1,\"concurrency\":1,"
          + "\"output_path\":\"recipe/11_合成数据/synthetic.jsonl\"}", null));
      JsonNode second = parse(server.await(l -> isResponse(l, 3), Duration.ofSeconds(20), skipped)).get("result");
      assertThat(second.get("isError").asBoolean()).as(second.toString()).isTrue();
      assertThat(second.get("content").get(0).get("text").asText()).contains("right now");

      // Another process with the same settings would resume the journal if the server's lock were gone.
      try (ServerProcess cli = ServerProcess.start(ServerProcess.cli("generate", recipe.toString(), "-n", "300",
          "--batch-size", "1", "--concurrency", "1", "-q"), Map.of("ANTHROPIC_API_KEY", KEY,
          "ANTHROPIC_BASE_URL", fake.anthropicBaseUrl()), false)) {
        cli.drainUntilExit(Duration.ofSeconds(60));
        assertThat(String.join("\n", cli.stderr())).contains("another run is writing");
        assertThat(cli.exitValue()).isNotZero();
      }

      server.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":2}}");
      McpServerLifecycleIT.awaitStderr(server, "request 2 (tools/call) was cancelled", Duration.ofSeconds(30));
      Path output = recipe.resolve("11_合成数据/synthetic.json");
      JsonNode written = Json.mapper().readTree(output.toFile());
      assertThat(written.get("samples")).hasSize(written.get("metadata").get("generated_count").asInt());
      long journaled = Files.readAllLines(recipe.resolve("11_合成数据/synthetic.journal.jsonl")).stream()
          .filter(l -> l.startsWith("{\"event\":\"accepted\"")).count();
      assertThat(written.get("samples").size()).isEqualTo(journaled);
    }
  }
}
