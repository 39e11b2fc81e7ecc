package io.datasynth.testkit;

import static io.datasynth.testkit.FakeClient.anthropicJson;
import static io.datasynth.testkit.FakeClient.header;
import static io.datasynth.testkit.FakeClient.json;
import static io.datasynth.testkit.FakeClient.openAiJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The hostile-server behaviours clients are hardened against. */
class HostileModesTest {

  private static HttpResponse<InputStream> streamOf(FakeClient client, HttpRequest request) throws Exception {
    return client.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
  }

  @Nested
  class WhenTheBodyTrickles {

    @Test
    void sendsTheHeadersAndThenOnlyTheFirstFewBytesOfTheBody() throws Exception {
      FakeProvider fake = FakeProvider.builder().trickleBody(8).start();
      try {
        FakeClient client = new FakeClient(fake);
        HttpResponse<InputStream> response =
            streamOf(client, client.anthropicRequest(anthropicJson("claude-sonnet-5-5", 500, "")).build());

        assertThat(response.statusCode()).isEqualTo(200);
        long length = Long.parseLong(header(response, "content-length"));
        byte[] first = new byte[4096];
        int read = response.body().read(first);
        assertThat(read).isBetween(1, 8);
        assertThat(new String(first, 0, read, StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"msg_".substring(0, read));

        fake.close();

        long rest = readUntilTheEnd(response.body());
        assertThat(read + rest).isLessThan(length);
      } finally {
        fake.close();
      }
    }

    private long readUntilTheEnd(InputStream body) {
      long total = 0;
      byte[] buffer = new byte[4096];
      try (body) {
        for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
          total += n;
        }
      } catch (IOException e) {
        // the connection closed before the announced length arrived: what the test expects
      }
      return total;
    }
  }

  @Nested
  class WhenTheBodyNeverEnds {

    @Test
    void keepsSendingJsonTextPastAMegabyte() throws Exception {
      try (FakeProvider fake = FakeProvider.builder().endlessBody(true).start()) {
        FakeClient client = new FakeClient(fake);
        HttpResponse<InputStream> response =
            streamOf(client, client.anthropicRequest(anthropicJson("claude-sonnet-5-5", 500, "")).build());

        try (InputStream body = response.body()) {
          byte[] megabyte = body.readNBytes(1 << 20);

          assertThat(megabyte).hasSize(1 << 20);
          assertThat(new String(megabyte, 0, 40, StandardCharsets.UTF_8)).startsWith("{\"id\":\"msg_endless\"");
          assertThat(header(response, "content-length")).isNull();
        }
        assertThat(fake.requests().get(0).status()).isEqualTo(200);
      }
    }

    @Test
    void stillChecksTheRequestFirst() {
      try (FakeProvider fake = FakeProvider.builder().endlessBody(true).start()) {
        HttpResponse<String> response = new FakeClient(fake).anthropic(anthropicJson("claude-sonnet-5-5", 500,
            "\"temperature\":0.5"));

        assertThat(response.statusCode()).isEqualTo(400);
      }
    }
  }

  @Nested
  class WhenAProxyAnswersWithALoginPage {

    @Test
    void answersCompletionsAndModelsWithA200HtmlPage() {
      try (FakeProvider fake = FakeProvider.builder().htmlLoginPage(true).apiKey(FakeClient.KEY).start()) {
        FakeClient client = new FakeClient(fake);

        HttpResponse<String> completion = client.openAi(openAiJson("gpt-5-mini", ""));
        HttpResponse<String> models = client.get("/v1/models", "x-api-key", "sk-wrong");

        for (HttpResponse<String> response : new HttpResponse[] {completion, models}) {
          assertThat(response.statusCode()).isEqualTo(200);
          assertThat(header(response, "content-type")).startsWith("text/html");
          assertThat(response.body()).startsWith("<!DOCTYPE html>").contains("Sign in");
        }
        assertThat(fake.count(200)).isEqualTo(2);
      }
    }
  }

  @Nested
  class WhenAGatewayEchoesTheKey {
    private static final String ANTHROPIC_KEY = "sk-ant-api03-Secret0123456789";
    private static final String OPENAI_KEY = "sk-proj-Secret9876543210";

    @Test
    void quotesTheWholeKeyInThe401AndAHeaderEvenWhenItIsRight() {
      try (FakeProvider fake = FakeProvider.builder().apiKey(ANTHROPIC_KEY).echoKey(KeyEcho.FULL).start()) {
        FakeClient client = new FakeClient(fake);
        HttpRequest request =
            client.anthropicRequest(anthropicJson("claude-sonnet-5-5", 100, "")).setHeader("x-api-key", ANTHROPIC_KEY)
                .build();

        HttpResponse<String> response = client.send(request);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).path("error").path("type").asText()).isEqualTo("authentication_error");
        assertThat(json(response).path("error").path("message").asText()).contains(ANTHROPIC_KEY);
        assertThat(header(response, "x-echoed-api-key")).isEqualTo(ANTHROPIC_KEY);
      }
    }

    @Test
    void quotesTheKeyWithoutItsPrefixInEitherStyle() {
      try (FakeProvider fake = FakeProvider.builder().echoKey(KeyEcho.WITHOUT_PREFIX).start()) {
        FakeClient client = new FakeClient(fake);
        HttpResponse<String> anthropic =
            client.send(client.anthropicRequest(anthropicJson("claude-sonnet-5-5", 100, ""))
                .setHeader("x-api-key", ANTHROPIC_KEY).build());
        HttpResponse<String> openAi =
            client.send(client.openAiRequest(openAiJson("gpt-5-mini", ""))
                .setHeader("authorization", "Bearer " + OPENAI_KEY).build());

        assertThat(anthropic.body()).contains("api03-Secret0123456789").doesNotContain("sk-ant-");
        assertThat(openAi.statusCode()).isEqualTo(401);
        assertThat(json(openAi).path("error").path("code").asText()).isEqualTo("invalid_api_key");
        assertThat(openAi.body()).contains("proj-Secret9876543210").doesNotContain("sk-proj");
        assertThat(header(openAi, "x-echoed-api-key")).isEqualTo("proj-Secret9876543210");
      }
    }
  }

  @Nested
  class WhenTheServerSendsNoRateLimitHeaders {

    @Test
    void limitsWith429sThatCarryNoHeadersAtAll() {
      try (FakeProvider fake =
          FakeProvider.builder().clock(new MutableClock()).requestsPerMinute(1).rateLimitHeaders(false).start()) {
        FakeClient client = new FakeClient(fake);

        HttpResponse<String> first = client.anthropic(anthropicJson("claude-sonnet-5-5", 100, ""));
        HttpResponse<String> second = client.anthropic(anthropicJson("claude-sonnet-5-5", 100, ""));
        HttpResponse<String> third = client.openAi(openAiJson("gpt-5-mini", ""));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(429);
        for (HttpResponse<String> response : new HttpResponse[] {first, second, third}) {
          assertThat(response.headers().map().keySet())
              .noneMatch(name -> name.toLowerCase().contains("ratelimit") || name.toLowerCase().startsWith("retry-after"));
        }
        assertThat(fake.requests().get(1).retryAfter()).isNull();
        assertThat(fake.earlyRetries()).isZero();
      }
    }
  }

  @Nested
  class WhenALongAnthropicRequestDoesNotStream {

    @Test
    void answers504TimeoutAboveTheLimitButStreamsTheSameRequest() {
      try (FakeProvider fake = FakeProvider.builder().nonStreamingMaxTokens(21_333).start()) {
        FakeClient client = new FakeClient(fake);

        HttpResponse<String> whole = client.anthropic(anthropicJson("claude-sonnet-5-5", 30_000, ""));
        HttpResponse<String> streamed = client.anthropic(anthropicJson("claude-sonnet-5-5", 30_000, "\"stream\":true"));
        HttpResponse<String> small = client.anthropic(anthropicJson("claude-sonnet-5-5", 21_333, ""));
        HttpResponse<String> openAi = client.openAi(openAiJson("gpt-5-mini", "\"max_completion_tokens\":30000"));

        assertThat(whole.statusCode()).isEqualTo(504);
        assertThat(json(whole).path("error").path("type").asText()).isEqualTo("timeout_error");
        assertThat(json(whole).path("error").path("message").asText()).contains("streaming");
        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(header(streamed, "content-type")).startsWith("text/event-stream");
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(openAi.statusCode()).isEqualTo(200);
      }
    }
  }

  @Nested
  class WhenAHostileSettingIsImpossible {

    @Test
    void refusesANegativeTrickleNamingTheOption() {
      assertThatThrownBy(() -> FakeProvider.builder().trickleBody(-1).start())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("trickleBody is -1")
          .hasMessageContaining("--trickle-bytes-per-second");
    }
  }
}
