package io.datasynth.provider.http;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A response body read as UTF-8 text up to a limit: past it, the subscription is cancelled (which closes the
 * connection) and the body fails with a {@link ResponseTooLargeException}. One per exchange; {@link #cancel()} may be
 * called from any thread.
 */
final class BoundedBody {
  private final long limit;
  private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
  private final AtomicBoolean cancelled = new AtomicBoolean();

  BoundedBody(long limit) {
    if (limit < 1 || limit > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("body limit " + limit + " is not 1 to 2 GiB");
    }
    this.limit = limit;
  }

  /** The subscriber for a response; matches {@link HttpResponse.BodyHandler}. */
  HttpResponse.BodySubscriber<String> subscriber(HttpResponse.ResponseInfo info) {
    return new Subscriber();
  }

  /** Stops reading: the subscription is cancelled now, or as soon as it starts. */
  void cancel() {
    cancelled.set(true);
    Flow.Subscription s = subscription.get();
    if (s != null) {
      s.cancel();
    }
  }

  private final class Subscriber implements HttpResponse.BodySubscriber<String> {
    private final CompletableFuture<String> body = new CompletableFuture<>();
    private final List<byte[]> chunks = new ArrayList<>();
    private long size;

    @Override
    public CompletionStage<String> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription.set(s);
      if (cancelled.get()) {
        s.cancel();
        return;
      }
      s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (body.isDone()) {
        return;
      }
      for (ByteBuffer b : buffers) {
        size += b.remaining();
        if (size > limit) {
          chunks.clear();
          body.completeExceptionally(new ResponseTooLargeException(limit));
          subscription.get().cancel();
          return;
        }
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        chunks.add(bytes);
      }
      subscription.get().request(1);
    }

    @Override
    public void onError(Throwable t) {
      chunks.clear();
      body.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      byte[] all = new byte[(int) size];
      int at = 0;
      for (byte[] c : chunks) {
        System.arraycopy(c, 0, all, at, c.length);
        at += c.length;
      }
      chunks.clear();
      body.complete(new String(all, StandardCharsets.UTF_8));
    }
  }
}
