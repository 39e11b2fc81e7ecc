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
  @Test
  void passesBytesThroughAndClosesRequestsWhenTheirResponseIsWritten() throws IOException {
    OpenRequests open = new OpenRequests(new ObjectMapper());
    open.received(new McpSchema.JSONRPCRequest("2.0", "tools/list", 1, Map.of()));
    open.received(new McpSchema.JSONRPCRequest("2.0", "ping", "a", Map.of()));
    open.received(new McpSchema.JSONRPCNotification("2.0", "notifications/initialized", Map.of()));
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    ClientOutput out = new ClientOutput(sink, open::sent);
    assertThat(open.count()).isEqualTo(2);

    String progress = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{}}\n";
    out.write(progress.getBytes(StandardCharsets.UTF_8));
    String response = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"text\":\"问题\"}}";
    out.write(response.getBytes(StandardCharsets.UTF_8));
    assertThat(open.count()).isEqualTo(2);
    out.write('\n');
    assertThat(open.count()).isEqualTo(1);
    out.write("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"error\":{\"code\":1,\"message\":\"x\"}}\n".getBytes(StandardCharsets.UTF_8));
    assertThat(open.count()).isZero();
    assertThat(sink.toString(StandardCharsets.UTF_8)).startsWith(progress + response + "\n");
  }
}
