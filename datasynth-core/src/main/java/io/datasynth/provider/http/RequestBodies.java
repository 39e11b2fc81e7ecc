package io.datasynth.provider.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The bytes of a request's body, for senders and previews that read a {@link HttpRequest.BodyPublisher}. */
public final class RequestBodies {
  private RequestBodies() {}

  /**
   * A body of these bytes, which {@link #bytes} hands back as they are instead of through the publisher's
   * subscription and a copy. The array is not copied: do not change it afterwards.
   */
  public static HttpRequest.BodyPublisher of(byte[] body) {
    return new Bytes(body, HttpRequest.BodyPublishers.ofByteArray(body));
  }

  private record Bytes(byte[] body, HttpRequest.BodyPublisher publisher) implements HttpRequest.BodyPublisher {
    @Override
    public long contentLength() {
      return body.length;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
      publisher.subscribe(subscriber);
    }
  }

  /**
   * All the bytes {@code publisher} gives; the JDK's string and byte-array publishers give them at once.
   *
   * @throws IOException when the publisher fails, or gives nothing for a minute
   */
  public static byte[] bytes(HttpRequest.BodyPublisher publisher) throws IOException {
    if (publisher instanceof Bytes b) {
      return b.body();
    }
    long length = publisher.contentLength();
    ByteArrayOutputStream out = new ByteArrayOutputStream(length > 0 && length < Integer.MAX_VALUE - 16
        ? (int) length : 256);
    writeTo(publisher, out);
    return out.toByteArray();
  }

  /** Writes the bytes {@code publisher} gives to {@code out} as they come, without holding them. */
  static void writeTo(HttpRequest.BodyPublisher publisher, OutputStream out) throws IOException {
    CompletableFuture<Void> done = new CompletableFuture<>();
    publisher.subscribe(new Flow.Subscriber<>() {
      private Flow.Subscription subscription;

      @Override
      public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(ByteBuffer b) {
        try {
          if (b.hasArray()) {
            out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
          } else {
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            out.write(chunk);
          }
        } catch (IOException e) {
          subscription.cancel();
          done.completeExceptionally(e);
        }
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override
      public void onComplete() {
        done.complete(null);
      }
    });
    try {
      done.get(1, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException("the request body could not be read: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("the request body gave no bytes for a minute", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
