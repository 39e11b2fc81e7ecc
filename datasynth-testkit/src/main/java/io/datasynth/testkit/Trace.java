package io.datasynth.testkit;

import java.time.Duration;
import java.time.Instant;

/** What the fake learns about one request while handling it; confined to the request's thread. */
final class Trace {
  final long sequence;
  final long arrivalNanos;
  final Instant arrivalTime;
  final ApiStyle style;
  final String method;
  final String path;
  String model;
  Integer maxTokens;
  Double temperature;
  int status;
  int recordsSent;
  Fault fault = Fault.NONE;
  int inputTokens;
  int outputTokens;
  Duration retryAfter;
  boolean apiKeyMatched = true;
  boolean earlyRetry;
  boolean truncated;
  boolean stream;
  int reasoningTokens;
  int cacheReadTokens;
  int cacheCreationTokens;
  int scoresSent;
  boolean structured;
  /** Whether the request is already in the log (dropped requests are logged before the connection closes). */
  boolean logged;

  Trace(long sequence, long arrivalNanos, Instant arrivalTime, ApiStyle style, String method, String path) {
    this.sequence = sequence;
    this.arrivalNanos = arrivalNanos;
    this.arrivalTime = arrivalTime;
    this.style = style;
    this.method = method;
    this.path = path;
  }

  void request(CompletionRequest request) {
    model = request.model();
    maxTokens = request.maxTokensGiven();
    temperature = request.sampling().temperature();
    inputTokens = request.inputTokens();
    stream = request.stream();
    structured = request.format() != null;
  }

  RecordedRequest toRecord() {
    return new RecordedRequest(
        sequence, arrivalNanos, arrivalTime, style, method, path, model, maxTokens, temperature, status,
        recordsSent, fault, inputTokens, outputTokens, retryAfter, apiKeyMatched, earlyRetry, truncated, stream,
        reasoningTokens, cacheReadTokens, cacheCreationTokens, structured, scoresSent);
  }
}
