package io.datasynth.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasynth.secret.Redactor;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoggingTransportTest {
  static final String KEY = "sk-ant-api03-Lg7Qm2Zx9Lp4RvT8kW3nB6cD1fG5hJ0a";

  static HttpHeaders headers(Map<String, String> h) {
    return HttpHeaders.of(h.entrySet().stream().collect(java.util.stream.Collectors.toMap(
        Map.Entry::getKey, e -> List.of(e.getValue()))), (a, b) -> true);
  }

  @Test
  void masksCredentialHeadersByName() {
    LoggingTransport t = new LoggingTransport(r -> null);
    Redactor r = t.redactorFor(headers(Map.of("x-api-key", KEY)));

    assertThat(LoggingTransport.headers(headers(Map.of("x-api-key", KEY, "content-type", "application/json")), r))
        .contains("x-api-key=[redacted]").contains("content-type=application/json").doesNotContain(KEY);
  }

  @Test
  void masksTheRequestsKeyWhereAServerEchoesItInAResponseHeader() {
    LoggingTransport t = new LoggingTransport(r -> null);
    Redactor r = t.redactorFor(headers(Map.of("authorization", "Bearer " + KEY)));
    HttpHeaders echoed = headers(Map.of("x-echo-key", KEY, "x-debug", "got key " + KEY.substring(7),
        "x-tail", "…" + KEY.substring(20)));

    String line = LoggingTransport.headers(echoed, r);

    assertThat(line).doesNotContain(KEY).doesNotContain(KEY.substring(7)).doesNotContain(KEY.substring(20))
        .contains("x-echo-key=[redacted]").contains("x-debug=got key [redacted]");
  }

  @Test
  void masksTheKeyInTheUrlAndInAFailure() {
    LoggingTransport t = new LoggingTransport(r -> null, Redactor.of(KEY));
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/v1?key=" + KEY)).build();
    Redactor r = t.redactorFor(request.headers());

    assertThat(LoggingTransport.requestLine(request, r)).doesNotContain(KEY).contains("key=[redacted]");
    assertThat(LoggingTransport.failureLine(request, 5, new java.io.IOException("bad " + KEY), r))
        .doesNotContain(KEY).contains("bad [redacted]");
  }
}
