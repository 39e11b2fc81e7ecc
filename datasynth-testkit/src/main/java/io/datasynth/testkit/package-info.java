/**
 * A fake LLM provider for tests, benchmarks and users' own pipelines: {@link io.datasynth.testkit.FakeProvider}.
 *
 * <p>One loopback HTTP server speaks two documented wire formats, chosen by path:
 *
 * <ul>
 *   <li>{@code POST /v1/messages}: the Anthropic Messages API ({@code x-api-key}, {@code anthropic-version},
 *       {@code anthropic-ratelimit-*} headers with RFC 3339 resets, 529 for overload);
 *   <li>{@code POST /v1/chat/completions}: the OpenAI Chat Completions API ({@code Authorization: Bearer},
 *       {@code x-ratelimit-*} headers with resets like {@code 1.5s}, {@code retry-after-ms}, 503 for overload);
 *   <li>{@code GET /v1/models} in whichever style the request's headers suggest; other paths get 404.
 * </ul>
 *
 * <p><b>Replies.</b> A {@link io.datasynth.testkit.RecordSource} supplies the records, laid out in a
 * {@link io.datasynth.testkit.ReplyStyle}; an OpenAI request with a JSON {@code response_format} gets
 * {@code {"records": [...]}} instead. Streaming, tools and images are refused with 400.
 *
 * <p><b>Tokens.</b> The fake counts tokens with a documented approximation: 1 per CJK character, 1 per 4 other
 * characters (rounded up), at least 1 per text. Input tokens are the system prompt and all messages; a reply
 * longer than {@code max_tokens} is cut there and ends with {@code stop_reason: max_tokens} /
 * {@code finish_reason: length}, reporting {@code max_tokens} output tokens.
 *
 * <p><b>Rate limits.</b> Each limit is a token bucket that holds {@code burstSeconds} worth of the per-minute
 * limit (60 s by default) and refills continuously. Anthropic requests pay 1 request, their input tokens and
 * their {@code max_tokens} of output when they start, and get the unused output back when they end. OpenAI
 * requests pay 1 request and prompt tokens plus their output budget ({@code max_completion_tokens},
 * {@code max_tokens}, or 4096) against the tokens bucket, likewise refunded. A request that does not fit gets
 * 429 with {@code retry-after} (whole seconds, rounded up, at least 1) and 0 remaining for the refusing bucket.
 *
 * <p><b>Faults.</b> A {@link io.datasynth.testkit.FaultScript} picks a {@link io.datasynth.testkit.Fault} per
 * request from an explicit sequence and seeded probabilities; the same seed gives the same faults at the same
 * arrival indexes.
 *
 * <p><b>Observation.</b> Every request becomes a {@link io.datasynth.testkit.RecordedRequest}; the fake counts
 * statuses, records served and early retries (requests that arrived before a retry-after it announced to the
 * same key had elapsed).
 */
package io.datasynth.testkit;
