package io.datasynth.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasynth.engine.RunControl;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CancellationsTest {
  final McpJsonMapper mapper = new JacksonMcpJsonMapper(new ObjectMapper());
  final Cancellations cancellations = new Cancellations(mapper, Set.of("synthesize_data"));

  void call(Object id, String tool, Map<String, Object> args, Object token) {
    Map<String, Object> params = token == null ? Map.of("name", tool, "arguments", args)
        : Map.of("name", tool, "arguments", args, "_meta", Map.of("progressToken", token));
    cancellations.observe(new McpSchema.JSONRPCRequest("2.0", McpSchema.METHOD_TOOLS_CALL, id, params));
  }

  void cancel(Object id) {
    cancellations.observe(new McpSchema.JSONRPCNotification("2.0", "notifications/cancelled",
        Map.of("requestId", id, "reason", "user")));
  }

  @Test
  void stopsTheRunOfTheCancelledRequestMatchedByProgressToken() {
    call(7, "synthesize_data", Map.of("count", 5), "tok-a");
    call(8, "synthesize_data", Map.of("count", 5), "tok-b");
    RunControl a = new RunControl();
    RunControl b = new RunControl();
    try (var ra = cancellations.register("synthesize_data", Map.of("count", 5), "tok-a", null, a);
        var rb = cancellations.register("synthesize_data", Map.of("count", 5), "tok-b", null, b)) {
      cancel(8);
      assertThat(a.isStopRequested()).isFalse();
      assertThat(b.isStopRequested()).isTrue();
    }
  }

  @Test
  void matchesByArgumentsWithoutAProgressToken() {
    call("req-1", "synthesize_data", Map.of("count", 5, "analysis_dir", "a"), null);
    call("req-2", "synthesize_data", Map.of("count", 9, "analysis_dir", "a"), null);
    RunControl nine = new RunControl();
    try (var r = cancellations.register("synthesize_data", Map.of("count", 9, "analysis_dir", "a"), null, null,
        nine)) {
      cancel("req-1");
      assertThat(nine.isStopRequested()).isFalse();
      cancel("req-2");
      assertThat(nine.isStopRequested()).isTrue();
    }
  }

  @Test
  void matchesByRequestIdWhenTheSdkGivesOneEvenWithEqualArgumentsAndTokens() {
    call(11, "synthesize_data", Map.of("count", 5), "same");
    call(12, "synthesize_data", Map.of("count", 5), "same");
    RunControl eleven = new RunControl();
    RunControl twelve = new RunControl();
    try (var r11 = cancellations.register("synthesize_data", Map.of("count", 5), "same", 11, eleven);
        var r12 = cancellations.register("synthesize_data", Map.of("count", 5), "same", 12, twelve)) {
      cancel(12);
      assertThat(eleven.isStopRequested()).isFalse();
      assertThat(twelve.isStopRequested()).isTrue();
    }
  }

  @Test
  void stopsARunCancelledBeforeItsHandlerStarted() {
    call(3, "synthesize_data", Map.of(), "t");
    cancel(3);
    RunControl c = new RunControl();
    try (var r = cancellations.register("synthesize_data", Map.of(), "t", null, c)) {
      assertThat(c.isStopRequested()).isTrue();
    }
  }

  @Test
  void tellsNumericAndStringIdsApart() {
    call(4, "synthesize_data", Map.of(), "t");
    RunControl c = new RunControl();
    try (var r = cancellations.register("synthesize_data", Map.of(), "t", null, c)) {
      cancel("4");
      assertThat(c.isStopRequested()).isFalse();
      cancel(4L);
      assertThat(c.isStopRequested()).isTrue();
    }
  }

  @Test
  void ignoresToolsThatAreNotCancellable() {
    call(5, "validate_data", Map.of(), null);
    RunControl c = new RunControl();
    try (var r = cancellations.register("validate_data", Map.of(), null, null, c)) {
      cancel(5);
      assertThat(c.isStopRequested()).isFalse();
    }
  }

  @Test
  void stopsEveryActiveRunOnShutdownAndForgetsFinishedOnes() {
    RunControl running = new RunControl();
    RunControl finished = new RunControl();
    cancellations.register("synthesize_data", Map.of("x", 1), null, null, finished).close();
    try (var r = cancellations.register("synthesize_data", Map.of(), null, null, running)) {
      assertThat(cancellations.anyActive()).isTrue();
      cancellations.stopAll();
      assertThat(running.isStopRequested()).isTrue();
      assertThat(finished.isStopRequested()).isFalse();
    }
    assertThat(cancellations.anyActive()).isFalse();
  }
}
