package io.datasynth.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JsonRpcGateTest {
  static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
      + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
  static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

  final JsonRpcGate gate = new JsonRpcGate(new ObjectMapper(), Set.of("validate_data", "synthesize_data"));

  boolean initialized;

  JsonRpcGate ready() {
    if (!initialized) {
      assertThat(gate.judge(INIT)).isInstanceOf(JsonRpcGate.Pass.class);
      assertThat(gate.judge(INITIALIZED)).isInstanceOf(JsonRpcGate.Pass.class);
      initialized = true;
    }
    return gate;
  }

  static JsonNode error(JsonRpcGate.Verdict v) {
    assertThat(v).isInstanceOf(JsonRpcGate.Reply.class);
    JsonNode r = ((JsonRpcGate.Reply) v).response();
    assertThat(r.path("jsonrpc").asText()).isEqualTo("2.0");
    assertThat(r.has("id")).as("a response always has an id, null when unknown").isTrue();
    return r;
  }

  static int code(JsonRpcGate.Verdict v) {
    return error(v).path("error").path("code").asInt();
  }

  @Nested
  class MalformedLines {
    @Test
    void answersTextThatIsNotJsonWithAParseErrorAndANullId() {
      JsonNode r = error(ready().judge("this is not json"));
      assertThat(r.path("error").path("code").asInt()).isEqualTo(JsonRpcGate.PARSE_ERROR);
      assertThat(r.get("id").isNull()).isTrue();
    }

    @Test
    void answersTruncatedJsonAndTrailingGarbageWithAParseError() {
      ready();
      assertThat(code(gate.judge("{\"jsonrpc\":\"2.0\",\"id\":1,"))).isEqualTo(JsonRpcGate.PARSE_ERROR);
      assertThat(code(gate.judge("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"} x")))
          .isEqualTo(JsonRpcGate.PARSE_ERROR);
    }

    @Test
    void refusesABatchAsOneInvalidRequest() {
      JsonNode r = error(ready().judge("[{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}]"));
      assertThat(r.path("error").path("code").asInt()).isEqualTo(JsonRpcGate.INVALID_REQUEST);
      assertThat(r.path("error").path("message").asText()).contains("batch");
      assertThat(r.get("id").isNull()).isTrue();
    }

    @Test
    void refusesAMessageWithoutJsonrpc20AndEchoesItsId() {
      ready();
      JsonNode r = error(gate.judge("{\"id\":3,\"method\":\"ping\"}"));
      assertThat(r.path("error").path("code").asInt()).isEqualTo(JsonRpcGate.INVALID_REQUEST);
      assertThat(r.get("id").asInt()).isEqualTo(3);
      assertThat(code(gate.judge("{\"jsonrpc\":\"1.0\",\"id\":3,\"method\":\"ping\"}")))
          .isEqualTo(JsonRpcGate.INVALID_REQUEST);
    }

    @Test
    void refusesIdsThatAreNeitherStringsNorIntegers() {
      ready();
      for (String id : new String[] {"{\"a\":1}", "[1]", "true", "null", "1.5"}) {
        JsonNode r = error(gate.judge("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}"));
        assertThat(r.path("error").path("code").asInt()).as(id).isEqualTo(JsonRpcGate.INVALID_REQUEST);
        assertThat(r.get("id").isNull()).as(id).isTrue();
      }
    }

    @Test
    void refusesAMethodThatIsNotAStringAndAMessageWithNeitherMethodNorResult() {
      ready();
      assertThat(code(gate.judge("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}")))
          .isEqualTo(JsonRpcGate.INVALID_REQUEST);
      assertThat(code(gate.judge("{\"jsonrpc\":\"2.0\",\"id\":1}"))).isEqualTo(JsonRpcGate.INVALID_REQUEST);
      assertThat(code(gate.judge("42"))).isEqualTo(JsonRpcGate.INVALID_REQUEST);
    }

    @Test
    void ignoresBlankLinesWithoutAnswering() {
      assertThat(gate.judge("  ")).isInstanceOf(JsonRpcGate.Drop.class);
    }

    @Test
    void passesALineWithCarriageReturnsBetweenTokensAsOneCompactLine() {
      JsonRpcGate.Verdict v = ready().judge("{\"jsonrpc\":\"2.0\",\r\"id\":7,\"method\":\"ping\"}");
      assertThat(((JsonRpcGate.Pass) v).lines()).singleElement().asString().doesNotContain("\r").contains("ping");
    }

    @Test
    void passesResponsesToTheServersOwnRequests() {
      assertThat(ready().judge("{\"jsonrpc\":\"2.0\",\"id\":\"s-1\",\"result\":{}}"))
          .isInstanceOf(JsonRpcGate.Pass.class);
    }
  }

  @Nested
  class BeforeInitialize {
    @Test
    void answersARequestWithAnErrorInsteadOfLeavingTheClientWaiting() {
      JsonNode r = error(gate.judge("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\"}"));
      assertThat(r.path("error").path("code").asInt()).isEqualTo(JsonRpcGate.INVALID_REQUEST);
      assertThat(r.path("error").path("message").asText()).contains("initialize");
      assertThat(r.get("id").asInt()).isEqualTo(5);
    }

    @Test
    void answersPingItself() {
      JsonNode r = error(gate.judge("{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"ping\"}"));
      assertThat(r.has("result")).isTrue();
      assertThat(r.get("id").asText()).isEqualTo("p");
    }

    @Test
    void refusesAnInitializeWithoutAProtocolVersionAsInvalidParams() {
      assertThat(code(gate.judge("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":[1]}")))
          .isEqualTo(JsonRpcGate.INVALID_PARAMS);
      assertThat(code(gate.judge("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\"}")))
          .isEqualTo(JsonRpcGate.INVALID_PARAMS);
      assertThat(gate.judge(INIT)).isInstanceOf(JsonRpcGate.Pass.class);
    }

    @Test
    void ignoresTheInitializedNotification() {
      assertThat(gate.judge(INITIALIZED)).isInstanceOf(JsonRpcGate.Drop.class);
    }
  }

  @Nested
  class DuringInitialization {
    @Test
    void refusesASecondInitialize() {
      ready();
      assertThat(code(gate.judge(INIT))).isEqualTo(JsonRpcGate.INVALID_REQUEST);
    }

    @Test
    void passesTheMissingInitializedNotificationBeforeTheFirstRequest() {
      gate.judge(INIT);
      String list = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
      assertThat(((JsonRpcGate.Pass) gate.judge(list)).lines()).containsExactly(JsonRpcGate.INITIALIZED, list);
      assertThat(((JsonRpcGate.Pass) gate.judge(list)).lines()).containsExactly(list);
    }
  }

  @Nested
  class ToolCalls {
    JsonNode call(String params) {
      return error(ready().judge("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\""
          + (params == null ? "" : ",\"params\":" + params) + "}"));
    }

    @Test
    void refusesArgumentsThatAreAListAsInvalidParamsWithAPlainMessage() {
      JsonNode r = call("{\"name\":\"validate_data\",\"arguments\":[1,2]}");
      assertThat(r.path("error").path("code").asInt()).isEqualTo(JsonRpcGate.INVALID_PARAMS);
      assertThat(r.path("error").path("message").asText())
          .contains("arguments").contains("object").doesNotContain("Jackson").doesNotContain("java.");
      assertThat(r.get("id").asInt()).isEqualTo(8);
    }

    @Test
    void refusesACallWithoutParamsOrWithoutAName() {
      assertThat(call(null).path("error").path("code").asInt()).isEqualTo(JsonRpcGate.INVALID_PARAMS);
      assertThat(call("{}").path("error").path("message").asText()).contains("name").contains("validate_data");
      assertThat(call("[1]").path("error").path("code").asInt()).isEqualTo(JsonRpcGate.INVALID_PARAMS);
    }

    @Test
    void namesTheToolsWhenTheToolIsUnknown() {
      JsonNode r = call("{\"name\":\"nope\",\"arguments\":{}}");
      assertThat(r.path("error").path("code").asInt()).isEqualTo(JsonRpcGate.INVALID_PARAMS);
      assertThat(r.path("error").path("message").asText()).contains("'nope'").contains("synthesize_data");
    }

    @Test
    void refusesAProgressTokenThatIsNeitherStringNorInteger() {
      assertThat(call("{\"name\":\"validate_data\",\"_meta\":{\"progressToken\":{}}}").path("error").path("code")
          .asInt()).isEqualTo(JsonRpcGate.INVALID_PARAMS);
    }

    @Test
    void passesAWellFormedCall() {
      assertThat(ready().judge("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":"
          + "\"validate_data\",\"arguments\":{\"data_path\":\"数据.json\"}}}")).isInstanceOf(JsonRpcGate.Pass.class);
    }
  }
}
