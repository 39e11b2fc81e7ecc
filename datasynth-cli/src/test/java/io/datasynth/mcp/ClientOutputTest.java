package io.datasynth.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientOutputTest {
  final OpenRequests open = new OpenRequests(new ObjectMapper());
  final ByteArrayOutputStream sink = new ByteArrayOutputStream();
  final ClientOutput out = new ClientOutput(sink, open::send);

  void write(String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.UTF_8));
  }

  String written() {
    return sink.toString(StandardCharsets.UTF_8);
  }

  @Test
  void passesLinesThroughAndClosesRequestsWhenTheirResponseIsWritten() throws IOException {
    open.received(new McpSchema.JSONRPCRequest("2.0", "tools/list", 1, Map.of()));
    open.received(new McpSchema.JSONRPCRequest("2.0", "ping", "a", Map.of()));
    open.received(new McpSchema.JSONRPCNotification("2.0", "notifications/initialized", Map.of()));
    assertThat(open.count()).isEqualTo(2);

    String progress = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{}}\n";
    write(progress);
    String response = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"text\":\"问题\"}}";
    write(response);
    assertThat(open.count()).isEqualTo(2);
    out.write('\n');
    assertThat(open.count()).isEqualTo(1);
    write("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"error\":{\"code\":1,\"message\":\"x\"}}\n");
    assertThat(open.count()).isZero();
    assertThat(written()).startsWith(progress + response + "\n");
  }

  @Test
  void holdsBackTheResponseToACancelledRequestAndClosesIt() throws IOException {
    open.received(new McpSchema.JSONRPCRequest("2.0", "tools/call", 9, Map.of()));
    open.received(new McpSchema.JSONRPCRequest("2.0", "tools/call", 10, Map.of()));
    open.received(new McpSchema.JSONRPCNotification("2.0", "notifications/cancelled", Map.of("requestId", 9)));

    write("{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{\"content\":[]}}\n");
    write("{\"jsonrpc\":\"2.0\",\"id\":10,\"result\":{\"content\":[]}}\n");

    assertThat(written()).doesNotContain("\"id\":9").contains("\"id\":10");
    assertThat(open.count()).isZero();
  }

  @Test
  void answersInitializeEvenWhenTheClientTriesToCancelIt() throws IOException {
    open.received(new McpSchema.JSONRPCRequest("2.0", "initialize", 0, Map.of()));
    open.received(new McpSchema.JSONRPCNotification("2.0", "notifications/cancelled", Map.of("requestId", 0)));
    write("{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{}}\n");
    assertThat(written()).contains("\"id\":0");
  }

  @Test
  void ignoresACancellationOfAnUnknownOrFinishedRequest() throws IOException {
    open.received(new McpSchema.JSONRPCRequest("2.0", "tools/call", 4, Map.of()));
    write("{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{}}\n");
    open.received(new McpSchema.JSONRPCNotification("2.0", "notifications/cancelled", Map.of("requestId", 4)));
    open.received(new McpSchema.JSONRPCRequest("2.0", "tools/call", 4, Map.of()));
    write("{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{}}\n");
    assertThat(written().lines()).hasSize(2);
  }

  @Test
  void writesItsOwnAnswersBetweenTheSdksLinesNeverInsideOne() throws IOException {
    write("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",");
    out.inject("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"x\"}}"
        .getBytes(StandardCharsets.UTF_8));
    write("\"params\":{}}\n");
    assertThat(written().lines()).containsExactly(
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"x\"}}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{}}");
  }
}
