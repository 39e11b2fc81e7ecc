package io.datasynth.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ClientInputTest {
  static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
  static final String NOTE = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

  static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
      + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

  final List<McpSchema.JSONRPCMessage> seen = new CopyOnWriteArrayList<>();
  final List<String> replies = new CopyOnWriteArrayList<>();

  ClientInput input(String text) {
    return new ClientInput(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        new JacksonMcpJsonMapper(new ObjectMapper()), new JsonRpcGate(new ObjectMapper(), Set.of("x")),
        r -> replies.add(new String(r, StandardCharsets.UTF_8)), seen::add);
  }

  static String readAll(ClientInput in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  @Timeout(5)
  void passesMessagesOnUnchangedAndShowsThemToTheObserver() throws IOException {
    ClientInput in = input(INIT + "\n" + NOTE + "\n" + PING + "\n");
    in.release();
    assertThat(readAll(in)).isEqualTo(INIT + "\n" + NOTE + "\n" + PING + "\n");
    assertThat(seen).hasSize(3);
    assertThat(seen.get(0)).isInstanceOf(McpSchema.JSONRPCRequest.class);
    assertThat(replies).isEmpty();
  }

  @Test
  @Timeout(5)
  void answersLinesTheSdkWouldMishandleInsteadOfPassingThem() throws IOException {
    ClientInput in = input("\n   \nnot json\n{\"no\":\"rpc\"}\n" + INIT + "\r\n[1,2\n" + NOTE);
    in.release();
    String passed = readAll(in);
    assertThat(passed.lines().toList()).containsExactly(INIT, NOTE);
    assertThat(replies).hasSize(3).allSatisfy(r -> assertThat(r).contains("\"error\"").contains("\"id\":null"));
    assertThat(replies.get(0)).contains("-32700");
    assertThat(replies.get(1)).contains("-32600");
    assertThat(seen).hasSize(2);
  }

  @Test
  @Timeout(5)
  void passesTheInitializedNotificationTheClientLeftOutBeforeItsFirstRequest() throws IOException {
    String list = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}";
    ClientInput in = input(INIT + "\n" + list + "\n");
    in.release();
    assertThat(readAll(in).lines().toList()).containsExactly(INIT, JsonRpcGate.INITIALIZED, list);
  }

  @Test
  @Timeout(5)
  void passesChineseTextIntact() throws IOException {
    String msg = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"x\","
        + "\"arguments\":{\"analysis_dir\":\"数据/客服\"}}}";
    ClientInput in = input(INIT + "\n" + NOTE + "\n" + msg + "\n");
    in.release();
    assertThat(readAll(in)).endsWith(msg + "\n");
  }

  @Test
  @Timeout(5)
  void announcesTheEndOfInputButHoldsItBackUntilReleased() throws Exception {
    ClientInput in = input(INIT + "\n");
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
    assertThat(reader.get(2, TimeUnit.SECONDS)).isEqualTo(INIT + "\n");
  }
}
