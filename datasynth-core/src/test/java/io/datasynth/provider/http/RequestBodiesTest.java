package io.datasynth.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {
  private final byte[] body = "{\"问题\":\"长城有多长？\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void handsBackTheBytesOfItsOwnBodyWithoutReadingThemAgain() throws Exception {
    HttpRequest.BodyPublisher publisher = RequestBodies.of(body);

    assertThat(publisher.contentLength()).isEqualTo(body.length);
    assertThat(RequestBodies.bytes(publisher)).isSameAs(body);
  }

  @Test
  void givesTheSameBytesToASubscriberAsAnyOtherPublisherWould() throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    RequestBodies.writeTo(RequestBodies.of(body), out);

    assertThat(out.toByteArray()).isEqualTo(body)
        .isEqualTo(RequestBodies.bytes(HttpRequest.BodyPublishers.ofByteArray(body)));
  }
}
