package io.datasynth.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ClientInputTest {
  static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
  static final String NOTE = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

  final List<McpSchema.JSONRPCMessage> seen = new CopyOnWriteArrayList<>();

  ClientInput input(String text) {
    return new ClientInput(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        new JacksonMcpJsonMapper(new ObjectMapper()), seen::add);
  }

  static String readAll(ClientInput in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  @Timeout(5)
  void passesMessagesOnUnchangedAndShowsThemToTheObserver() throws IOException {
    ClientInput in = input(PING + "\n" + NOTE + "\n");
    in.release();
    assertThat(readAll(in)).isEqualTo(PING + "\n" + NOTE + "\n");
    assertThat(seen).hasSize(2);
    assertThat(seen.get(0)).isInstanceOf(McpSchema.JSONRPCRequest.class);
  }

  @Test
  @Timeout(5)
  void dropsLinesTheSdkWouldEndTheSessionOn() throws IOException {
    ClientInput in = input("\n   \nnot json\n{\"no\":\"rpc\"}\n" + PING + "\r\n[1,2\n" + NOTE);
    in.release();
    String passed = readAll(in);
    assertThat(passed.lines().toList()).hasSize(2);
    assertThat(passed).contains("\"ping\"").contains("notifications/initialized").doesNotContain("not json");
  }

  @Test
  @Timeout(5)
  void passesChineseTextIntact() throws IOException {
    String msg = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"x\","
        + "\"arguments\":{\"analysis_dir\":\"数据/客服\"}}}";
    ClientInput in = input(msg + "\n");
    in.release();
    assertThat(readAll(in)).isEqualTo(msg + "\n");
  }

  @Test
  @Timeout(5)
  void announcesTheEndOfInputButHoldsItBackUntilReleased() throws Exception {
    ClientInput in = input(PING + "\n");
    CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
      try {
        return readAll(in);
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    in.closed().get(2, TimeUnit.SECONDS);
    Thread.sleep(100);
    assertThat(reader).isNotDone();
    in.release();
    assertThat(reader.get(2, TimeUnit.SECONDS)).isEqualTo(PING + "\n");
  }
}
