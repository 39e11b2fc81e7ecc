package io.datasynth.testkit;

import java.time.Duration;
import java.time.Instant;

/**
 * One request the fake provider received and what it answered. Never holds the API key.
 *
 * @param sequence the arrival order among all requests to this fake, from 0
 * @param arrivalNanos when it arrived, on the fake's monotonic clock (nanoseconds; compare only with each other)
 * @param arrivalTime when it arrived, as wall time (from the injected clock when there is one)
 * @param style the wire format, by path (or by headers for shared paths)
 * @param method the HTTP method
 * @param path the request path, e.g. {@code /v1/messages}
 * @param model the requested model; null when the body had none or was not parsed
 * @param maxTokens the {@code max_tokens} (or {@code max_completion_tokens}) sent; null when absent
 * @param temperature the temperature sent; null when absent
 * @param status the HTTP status answered; 0 when the connection was closed without a response
 * @param recordsSent the complete records in the reply text; 0 for errors and unparseable bodies
 * @param fault the fault applied; {@link Fault#NONE} when none (also when the buckets refused the request)
 * @param inputTokens the input tokens counted; 0 when the body was not parsed
 * @param outputTokens the output tokens reported; 0 without a reply
 * @param retryAfter the shortest wait the 429's retry headers allowed; null when not a 429
 * @param apiKeyMatched whether the presented key was the configured one (true when none is configured)
 * @param earlyRetry whether it arrived before a retry-after the fake announced to the same key had elapsed
 * @param truncated whether the reply stopped at {@code max_tokens}
 * @param stream whether the client asked for server-sent events
 * @param reasoningTokens the hidden thinking or reasoning tokens the reply spent (part of {@code outputTokens})
 * @param cacheReadTokens the input tokens read from the prompt cache (part of {@code inputTokens})
 * @param cacheCreationTokens the input tokens written to the prompt cache (part of {@code inputTokens})
 * @param structured whether the request asked for structured output (JSON mode or a JSON schema)
 * @param scoresSent the scores a judge reply carried; 0 for other replies
 */
public record RecordedRequest(
    long sequence,
    long arrivalNanos,
    Instant arrivalTime,
    ApiStyle style,
    String method,
    String path,
    String model,
    Integer maxTokens,
    Double temperature,
    int status,
    int recordsSent,
    Fault fault,
    int inputTokens,
    int outputTokens,
    Duration retryAfter,
    boolean apiKeyMatched,
    boolean earlyRetry,
    boolean truncated,
    boolean stream,
    int reasoningTokens,
    int cacheReadTokens,
    int cacheCreationTokens,
    boolean structured,
    int scoresSent) {}
