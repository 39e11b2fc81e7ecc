package io.datasynth.testkit;

import com.sun.net.httpserver.Headers;
import io.datasynth.testkit.RateLimiter.BucketState;
import io.datasynth.testkit.RateLimiter.Kind;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Writes bucket states as each provider's rate-limit response headers. */
final class RateLimitHeaders {
  private RateLimitHeaders() {}

  /**
   * Anthropic's {@code anthropic-ratelimit-*} headers; {@code -reset} is the RFC 3339 UTC time the bucket is full
   * again. The combined {@code tokens} headers add the input and output buckets up (limit and remaining are the
   * sums; reset is when both are full), as real responses show (e.g. an 80,000 input and 16,000 output limit
   * give {@code anthropic-ratelimit-tokens-limit: 96000}).
   */
  static void anthropic(Headers out, List<BucketState> states, Instant now) {
    BucketState combined = null;
    for (BucketState state : states) {
      String name =
          switch (state.kind()) {
            case REQUESTS -> "requests";
            case INPUT_TOKENS -> "input-tokens";
            case OUTPUT_TOKENS -> "output-tokens";
            case TOKENS -> "tokens";
          };
      anthropicBucket(out, name, state, now);
      if (state.kind() == Kind.INPUT_TOKENS || state.kind() == Kind.OUTPUT_TOKENS) {
        combined =
            combined == null
                ? new BucketState(Kind.TOKENS, state.limit(), state.remaining(), state.nanosUntilFull())
                : new BucketState(
                    Kind.TOKENS,
                    combined.limit() + state.limit(),
                    combined.remaining() + state.remaining(),
                    Math.max(combined.nanosUntilFull(), state.nanosUntilFull()));
      }
    }
    if (combined != null) {
      anthropicBucket(out, "tokens", combined, now);
    }
  }

  private static void anthropicBucket(Headers out, String name, BucketState state, Instant now) {
    String prefix = "anthropic-ratelimit-" + name + "-";
    out.set(prefix + "limit", Long.toString(state.limit()));
    out.set(prefix + "remaining", Long.toString(state.remaining()));
    out.set(prefix + "reset", rfc3339(now.plusNanos(state.nanosUntilFull())));
  }

  /** OpenAI's {@code x-ratelimit-{limit,remaining,reset}-{requests,tokens}}; resets are durations like 1.5s. */
  static void openAi(Headers out, List<BucketState> states) {
    for (BucketState state : states) {
      String name = state.kind() == Kind.REQUESTS ? "requests" : "tokens";
      out.set("x-ratelimit-limit-" + name, Long.toString(state.limit()));
      out.set("x-ratelimit-remaining-" + name, Long.toString(state.remaining()));
      out.set("x-ratelimit-reset-" + name, goDuration(state.nanosUntilFull()));
    }
  }

  /** An RFC 3339 UTC timestamp, rounded up to the millisecond so a client waiting until it is never early. */
  static String rfc3339(Instant instant) {
    Instant truncated = instant.truncatedTo(ChronoUnit.MILLIS);
    Instant up = truncated.equals(instant) ? truncated : truncated.plusMillis(1);
    return DateTimeFormatter.ISO_INSTANT.format(up);
  }

  /**
   * A duration as Go prints it, rounded up to the millisecond: {@code 0s}, {@code 20ms}, {@code 1.5s},
   * {@code 6m0s}, {@code 1h2m3s}.
   */
  static String goDuration(long nanos) {
    if (nanos <= 0) {
      return "0s";
    }
    long millis = (nanos + 999_999) / 1_000_000;
    if (millis < 1000) {
      return millis + "ms";
    }
    long hours = millis / 3_600_000;
    long minutes = millis / 60_000 % 60;
    String seconds = seconds(millis % 60_000);
    if (hours > 0) {
      return hours + "h" + minutes + "m" + seconds + "s";
    }
    return minutes > 0 ? minutes + "m" + seconds + "s" : seconds + "s";
  }

  private static String seconds(long millis) {
    String whole = Long.toString(millis / 1000);
    long fraction = millis % 1000;
    if (fraction == 0) {
      return whole;
    }
    String digits = String.format("%03d", fraction).replaceAll("0+$", "");
    return whole + "." + digits;
  }
}
