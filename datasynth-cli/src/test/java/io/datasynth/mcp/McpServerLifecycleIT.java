package io.datasynth.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.json.Json;
import io.datasynth.testkit.FakeProvider;
import io.datasynth.testkit.RecordSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server process's life at the protocol's edges, driven line by line: what happens when stdin closes, when a
 * line is not a message, and when the client cancels a running generation.
 */
class McpServerLifecycleIT {
  static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
      + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}";
  static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

  @TempDir Path root;

  static boolean isResponse(String line, int id) {
    JsonNode n = parse(line);
    return n.path("id").isInt() && n.path("id").asInt() == id;
  }

  static JsonNode parse(String line) {
    try {
      return Json.mapper().readTree(line);
    } catch (IOException e) {
      throw new AssertionError("not JSON on stdout: " + line, e);
    }
  }

  @Test
  void answersARequestBeforeInitializeWithAnErrorAndExitsWhenStdinCloses() throws Exception {
    try (ServerProcess server = ServerProcess.start(root, Map.of())) {
      List<String> skipped = new ArrayList<>();
      server.send("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\"}");
      JsonNode error = parse(server.await(l -> isResponse(l, 5), Duration.ofSeconds(15), skipped)).get("error");
      assertThat(error.get("code").asInt()).isEqualTo(-32600);
      assertThat(error.get("message").asText()).contains("initialize");
      server.closeStdin();
      server.drainUntilExit(Duration.ofSeconds(10));
      assertThat(server.exitValue()).isZero();
    }
  }

  @Test
  void answersEverythingSentBeforeStdinClosed() throws Exception {
    try (ServerProcess server = ServerProcess.start(root, Map.of())) {
      server.send(INIT, INITIALIZED, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
          "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"estimate_synthesis_cost\","
              + "\"arguments\":{\"count\":100}}}");
      server.closeStdin();
      List<String> out = server.drainUntilExit(Duration.ofSeconds(15));
      assertThat(out).anyMatch(l -> isResponse(l, 1)).anyMatch(l -> isResponse(l, 2)).anyMatch(l -> isResponse(l, 3));
      assertThat(out).allSatisfy(l -> assertThat(parse(l).path("jsonrpc").asText()).isEqualTo("2.0"));
    }
  }

  @Test
  void opensChineseFolderNamesWhenTheLauncherStartsWithABareEnvironment() throws Exception {
    Path launcher = Path.of("..", "bin", "datasynth").toAbsolutePath().normalize();
    assumeTrue(Files.isExecutable(launcher) && ServerProcess.freshJar(Path.of("target", "datasynth.jar")),
        "needs bin/datasynth and a shaded jar of these classes");
    TestRecipes.copyDemo(root.resolve("客服数据"));
    Map<String, String> bare = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
        "JAVA_HOME", System.getProperty("java.home"));
    try (ServerProcess server = ServerProcess.start(List.of(launcher.toString(), "mcp", "--root", root.toString()),
        bare, true)) {
      List<String> skipped = new ArrayList<>();
      server.send(INIT, INITIALIZED, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{"
          + "\"name\":\"prepare_synthesis\",\"arguments\":{\"analysis_dir\":\"客服数据\",\"count\":2}}}");
      JsonNode result = parse(server.await(l -> isResponse(l, 4), Duration.ofSeconds(20), skipped)).get("result");
      assertThat(result.get("isError").asBoolean()).as(result.toString()).isFalse();
      assertThat(result.get("structuredContent").get("output_path").asText())
          .isEqualTo("客服数据/11_合成数据/synthetic.json");
    }
  }

  @Test
  void answersMalformedLinesAsJsonRpcSaysAndKeepsServing() throws Exception {
    try (ServerProcess server = ServerProcess.start(root, Map.of())) {
      List<String> skipped = new ArrayList<>();
      server.send(INIT, INITIALIZED);
      server.await(l -> isResponse(l, 1), Duration.ofSeconds(15), skipped);
      server.send("this is not json", "", "[{\"jsonrpc\":\"2.0\",\"id\":20,\"method\":\"ping\"}]",
          "{\"id\":21,\"method\":\"ping\"}", "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}",
          "{\"jsonrpc\":\"2.0\",\"id\":22,\"method\":\"tools/call\",\"params\":{\"name\":\"validate_data\","
              + "\"arguments\":[1,2]}}",
          "{\"jsonrpc\":\"2.0\",\"id\":23,\"method\":\"tools/call\"}",
          "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}");
      server.await(l -> isResponse(l, 7), Duration.ofSeconds(10), skipped);
      List<JsonNode> answers = skipped.stream().map(McpServerLifecycleIT::parse).toList();
      assertThat(answers).allSatisfy(a -> assertThat(a.path("jsonrpc").asText()).isEqualTo("2.0"));
      assertThat(answers.stream().filter(a -> a.path("id").isNull()).map(a -> a.path("error").path("code").asInt()))
          .containsExactly(-32700, -32600, -32600);
      assertThat(answers.stream().filter(a -> a.path("id").asInt() == 21).map(a -> a.path("error").path("code")
          .asInt())).containsExactly(-32600);
      for (int id : new int[] {22, 23}) {
        JsonNode error = answers.stream().filter(a -> a.path("id").asInt() == id).findFirst().orElseThrow()
            .get("error");
        assertThat(error.get("code").asInt()).as("id %d", id).isEqualTo(-32602);
        assertThat(error.get("message").asText()).doesNotContain("java.").doesNotContain("Cannot ")
            .doesNotContain("null");
      }
      assertThat(answers).noneMatch(a -> a.path("id").asInt() == 20);
    }
  }

  @Test
  void cancellingARunStopsItKeepsTheRecordsSoFarAndSendsNoAnswer() throws Exception {
    TestRecipes.copyDemo(root.resolve("recipe"));
    String key = "sk-ant-cancel-0123456789";
    try (FakeProvider fake = FakeProvider.builder().apiKey(key).records(RecordSource.counter(
            McpServerIT.fittingTemplate())).recordsPerReply(1).latency(Duration.ofMillis(150), Duration.ZERO).start();
        ServerProcess server = ServerProcess.startVerbose(root, Map.of("ANTHROPIC_API_KEY", key,
            "ANTHROPIC_BASE_URL", fake.anthropicBaseUrl()))) {
      List<String> skipped = new ArrayList<>();
      server.send(INIT, INITIALIZED);
      server.await(l -> isResponse(l, 1), Duration.ofSeconds(15), skipped);
      server.send("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"synthesize_data\","
          + "\"arguments\":{\"analysis_dir\":\"recipe\",\"count\":200,\"batch_size\":1,\"concurrency\":1},"
          + "\"_meta\":{\"progressToken\":\"c-1\"}}}");
      server.await(l -> l.contains("notifications/progress"), Duration.ofSeconds(15), skipped);
      server.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":9,"
          + "\"reason\":\"test\"}}");
      // MCP: the receiver of a cancellation should not answer the cancelled request. The server says on stderr when
      // it held the answer back; after that, a ping's answer shows that nothing for request 9 came before it.
      awaitStderr(server, "request 9 (tools/call) was cancelled", Duration.ofSeconds(15));
      server.send("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"ping\"}");
      server.await(l -> isResponse(l, 10), Duration.ofSeconds(10), skipped);
      assertThat(skipped).noneMatch(l -> isResponse(l, 9));
      Path journal = root.resolve("recipe/11_合成数据/synthetic.journal.jsonl");
      assertThat(journal).exists();
      long records = Files.readAllLines(journal).stream().filter(l -> l.startsWith("{\"event\":\"accepted\"")).count();
      assertThat(records).isBetween(1L, 199L);
    }
  }

  static void awaitStderr(ServerProcess server, String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (server.stderr().stream().noneMatch(l -> l.contains(text))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no \"" + text + "\" on stderr within " + timeout + ": " + server.stderr());
      }
      Thread.sleep(20);
    }
  }
}
