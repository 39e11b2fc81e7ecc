package io.datasynth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FleetTest {

  @Nested
  class WhenSeveralFakesRunInOneJvm {

    @Test
    void eachKeepsItsOwnLimitsAndCounters() {
      MutableClock clock = new MutableClock();
      try (FakeProvider tight = FakeProvider.builder().clock(clock).requestsPerMinute(1).start();
          FakeProvider loose = FakeProvider.builder().clock(clock).requestsPerMinute(100).start()) {
        FakeClient a = new FakeClient(tight);
        FakeClient b = new FakeClient(loose);
        assertThat(a.anthropic(FakeClient.anthropicBody("x", 100)).statusCode()).isEqualTo(200);
        assertThat(a.anthropic(FakeClient.anthropicBody("x", 100)).statusCode()).isEqualTo(429);
        for (int i = 0; i < 5; i++) {
          assertThat(b.anthropic(FakeClient.anthropicBody("x", 100)).statusCode()).isEqualTo(200);
        }
        assertThat(tight.totalRequests()).isEqualTo(2);
        assertThat(loose.totalRequests()).isEqualTo(5);
        assertThat(loose.rateLimited()).isZero();
      }
    }
  }

  @Nested
  class WhenAnOutageIsConfigured {

    @Test
    void failsEveryRequestFromTheKthForAWhileThenServesAgain() {
      MutableClock clock = new MutableClock();
      Outage outage = Outage.afterRequests(2).lasting(Duration.ofSeconds(30));
      try (FakeProvider fake = FakeProvider.builder().clock(clock).outage(outage).start()) {
        FakeClient client = new FakeClient(fake);
        assertThat(client.openAi(FakeClient.openAiBody("a", 100)).statusCode()).isEqualTo(200);
        assertThat(client.openAi(FakeClient.openAiBody("a", 100)).statusCode()).isEqualTo(200);
        assertThat(client.openAi(FakeClient.openAiBody("a", 100)).statusCode()).isEqualTo(500);
        assertThat(client.anthropic(FakeClient.anthropicBody("a", 100)).statusCode()).isEqualTo(500);
        clock.advance(Duration.ofSeconds(30));

        assertThat(client.openAi(FakeClient.openAiBody("a", 100)).statusCode()).isEqualTo(200);
      }
    }

    @Test
    void answersOverloadedDuringATimeWindow() {
      MutableClock clock = new MutableClock();
      Outage outage = Outage.between(Duration.ofMinutes(1), Duration.ofMinutes(2)).as(Outage.Kind.OVERLOADED);
      try (FakeProvider fake = FakeProvider.builder().clock(clock).outage(outage).start()) {
        FakeClient client = new FakeClient(fake);
        assertThat(client.anthropic(FakeClient.anthropicBody("a", 100)).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(90));
        HttpResponse<String> overloaded = client.anthropic(FakeClient.anthropicBody("a", 100));
        assertThat(overloaded.statusCode()).isEqualTo(529);
        clock.advance(Duration.ofSeconds(30));
        assertThat(client.anthropic(FakeClient.anthropicBody("a", 100)).statusCode()).isEqualTo(200);
      }
    }

    @Test
    void refusesConnectionsDuringARefusedOutageAndListensOnTheSamePortAfterIt() throws InterruptedException {
      MutableClock clock = new MutableClock();
      Outage outage = Outage.between(Duration.ZERO, Duration.ofMinutes(1)).as(Outage.Kind.CONNECTION_REFUSED);
      try (FakeProvider fake = FakeProvider.builder().clock(clock).outage(outage).start()) {
        FakeClient client = new FakeClient(fake);
        awaitListening(fake, false);
        assertThatThrownBy(() -> client.anthropic(FakeClient.anthropicBody("a", 100)))
            .isInstanceOf(UncheckedIOException.class);
        clock.advance(Duration.ofMinutes(1));
        awaitListening(fake, true);

        assertThat(client.anthropic(FakeClient.anthropicBody("a", 100)).statusCode()).isEqualTo(200);
      }
    }

    @Test
    void refusesImpossibleOutages() {
      assertThatThrownBy(() -> Outage.afterRequests(-1)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> Outage.between(Duration.ofSeconds(5), Duration.ofSeconds(5)))
          .hasMessageContaining("0 <= from < until");
      assertThatThrownBy(() -> Outage.afterRequests(1).lasting(Duration.ZERO)).hasMessageContaining("positive");
    }

    /** Waits, polling, for the watcher thread to close or reopen the listener. */
    private void awaitListening(FakeProvider fake, boolean listening) throws InterruptedException {
      for (int i = 0; i < 500 && fake.listening() != listening; i++) {
        Thread.sleep(10);
      }
      assertThat(fake.listening()).isEqualTo(listening);
    }
  }
}
