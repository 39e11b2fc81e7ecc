package io.datasynth.provider.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The bytes of a request's body, for senders and previews that need them whole. */
public final class RequestBodies {
  private RequestBodies() {}

  /**
   * All the bytes {@code publisher} gives; the JDK's string and byte-array publishers give them at once.
   *
   * @throws IOException when the publisher fails, or gives nothing within a minute
   */
  public static byte[] bytes(HttpRequest.BodyPublisher publisher) throws IOException {
    long length = publisher.contentLength();
    ByteArrayOutputStream out = new ByteArrayOutputStream(length > 0 && length < Integer.MAX_VALUE - 16
        ? (int) length : 256);
    CompletableFuture<byte[]> done = new CompletableFuture<>();
    publisher.subscribe(new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(ByteBuffer b) {
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        out.write(chunk, 0, chunk.length);
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override
      public void onComplete() {
        done.complete(out.toByteArray());
      }
    });
    try {
      return done.get(1, TimeUnit.MINUTES);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("the request body could not be read: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
