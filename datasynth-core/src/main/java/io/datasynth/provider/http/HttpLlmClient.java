package io.datasynth.provider.http;

import io.datasynth.error.Setting;
import io.datasynth.provider.CallResult;
import io.datasynth.provider.CallResult.Failure;
import io.datasynth.provider.LlmClient;
import io.datasynth.provider.LlmRequest;
import io.datasynth.provider.ProviderKind;
import io.datasynth.provider.RateLimits;
import io.datasynth.secret.Redactor;
import io.datasynth.text.Message;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * An {@link LlmClient} over HTTP: a wire format, a transport, and the one place where statuses and exceptions are
 * classified into {@link CallResult}s. It never retries.
 */
public final class HttpLlmClient implements LlmClient {
  private final ProviderKind kind;
  private final String model;
  private final String endpoint;
  private final WireFormat wire;
  private final HttpTransport transport;
  private final Clock clock;
  private final Redactor redactor;

  public HttpLlmClient(ProviderKind kind, String model, String endpoint, WireFormat wire, HttpTransport transport,
      Clock clock, Redactor redactor) {
    this.kind = kind;
    this.model = model;
    this.endpoint = endpoint;
    this.wire = wire;
    this.transport = transport;
    this.clock = clock;
    this.redactor = redactor;
  }

  @Override
  public CompletableFuture<CallResult> call(LlmRequest request) {
    long start = System.nanoTime();
    WireFormat.Outgoing outgoing = wire.request(request);
    CompletableFuture<HttpResponse<String>> sent = transport.send(outgoing.request());
    return Cancellation.propagate(sent.handle((response, error) -> error != null
        ? failure(unwrap(error))
        : classify(response, Duration.ofNanos(System.nanoTime() - start), outgoing.streamed())), sent);
  }

  CallResult classify(HttpResponse<String> response, Duration latency, boolean streamed) {
    int status = response.statusCode();
    RateLimits limits = wire.limits(response.headers(), clock.instant());
    String body = response.body() == null ? "" : response.body();
    Duration retryAfter = RetryAfter.parse(response.headers(), clock.instant()).orElse(null);
    if (WebPage.is(response.headers(), body) && (status >= 200 && status < 300 || isClientError(status))) {
      return new CallResult.Fatal(status, Message.of("provider.web_page", endpoint, status,
          WebPage.describe(response.headers(), body), kind.id(), Setting.BASE_URL, kind.baseUrlVariable(),
          Message.of("provider.base_url." + kind.id())), CallResult.Fatal.Cause.NOT_AN_API);
    }
    if (status >= 200 && status < 300) {
      try {
        WireFormat.Reply reply = wire.reply(body, streamed);
        return new CallResult.Completed(reply.text(), reply.usage(), reply.truncated(), reply.reasoned(), limits,
            latency);
      } catch (WireFormat.StreamError e) {
        // An error event in a stream that began with 200 is the same failure as that status outside a stream.
        return byStatus(e.status(), redactor.scrub(e.getMessage()), retryAfter, limits);
      } catch (RuntimeException e) {
        return new CallResult.Transient(Failure.BAD_RESPONSE, status,
            "unreadable response body (" + redactor.scrub(e.getMessage()) + ")", null, limits);
      }
    }
    return byStatus(status, redactor.scrub(wire.errorMessage(body)), retryAfter, limits);
  }

  private CallResult byStatus(int status, String message, Duration retryAfter, RateLimits limits) {
    return switch (status) {
      case 429 -> new CallResult.RateLimited(retryAfter, message, limits);
      case 529, 503 -> new CallResult.Transient(Failure.OVERLOADED, status, message, retryAfter, limits);
      case 408 -> new CallResult.Transient(Failure.TIMEOUT, status, message, retryAfter, limits);
      case 409, 425 -> new CallResult.Transient(Failure.SERVER_ERROR, status, message, retryAfter, limits);
      default -> status >= 500
          ? new CallResult.Transient(Failure.SERVER_ERROR, status, message, retryAfter, limits)
          : new CallResult.Fatal(status, fatalMessage(status, message));
    };
  }

  private Message fatalMessage(int status, String providerMessage) {
    Message fix = switch (status) {
      case 401 -> Message.of("provider.fix.401", kind.keyVariable(), Setting.API_KEY_ENV);
      case 403 -> Message.of("provider.fix.403");
      case 404 -> Message.of("provider.fix.404", Setting.MODEL, endpoint);
      case 413 -> Message.of("provider.fix.413");
      default -> Message.of("provider.fix.other");
    };
    return providerMessage.isBlank() ? Message.of("provider.refused", kind.id(), status, model, fix)
        : Message.of("provider.refused.said", kind.id(), status, model, providerMessage, fix);
  }

  /** A 4xx that says the request, or the endpoint, is wrong; 408, 409, 425 and 429 are worth retrying. */
  private static boolean isClientError(int status) {
    return status >= 400 && status < 500 && status != 408 && status != 409 && status != 425 && status != 429;
  }

  private CallResult failure(Throwable error) {
    String where = " (" + endpoint + ")";
    if (error instanceof HttpConnectTimeoutException) {
      return new CallResult.Transient(Failure.CONNECTION, 0, "connection timed out" + where, null, RateLimits.NONE);
    }
    if (error instanceof HttpTimeoutException) {
      String detail = error.getMessage() == null || error.getMessage().equals("request timed out") ? ""
          : ": " + error.getMessage();
      return new CallResult.Transient(Failure.TIMEOUT, 0, "request timed out" + where + detail, null,
          RateLimits.NONE);
    }
    if (error instanceof ResponseTooLargeException) {
      return new CallResult.Transient(Failure.BAD_RESPONSE, 0, error.getMessage() + where, null, RateLimits.NONE);
    }
    if (error instanceof ConnectException || error instanceof java.net.UnknownHostException) {
      String detail = error.getMessage() == null ? ""
          : (error instanceof ConnectException ? ": " : ": unknown host ") + redactor.scrub(error.getMessage());
      return new CallResult.Transient(Failure.CONNECTION, 0, "could not connect" + where + detail, null,
          RateLimits.NONE);
    }
    if (error instanceof IOException) {
      return new CallResult.Transient(Failure.CONNECTION, 0,
          "connection failed" + where + ": " + redactor.scrub(String.valueOf(error.getMessage())), null,
          RateLimits.NONE);
    }
    if (error instanceof java.util.concurrent.CancellationException c) {
      throw c;
    }
    throw new CompletionException(error);
  }

  private static Throwable unwrap(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  @Override
  public ProviderKind kind() {
    return kind;
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public String endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    transport.close();
  }
}
