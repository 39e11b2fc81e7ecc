package io.datasynth.schedule;

import io.datasynth.provider.LlmRequest;
import java.util.Objects;

/**
 * One request a {@link Stage} wants made, with what it costs against the rate limits. The scheduler owns its
 * attempt count and retry time; the stage owns its tag.
 */
public final class Call {
  private final Stage owner;
  private final LlmRequest request;
  private final int promptTokens;
  private final Object tag;
  int attempt;
  long notBefore;
  /** The endpoint of a fleet it was last sent to; -1 before it was sent. */
  int lane = -1;

  /**
   * @param promptTokens the input tokens the request is estimated to take, reserved against the limits
   * @param tag the stage's own data about the call; may be null
   */
  public Call(Stage owner, LlmRequest request, int promptTokens, Object tag) {
    this.owner = Objects.requireNonNull(owner, "owner");
    this.request = Objects.requireNonNull(request, "request");
    this.promptTokens = promptTokens;
    this.tag = tag;
  }

  public Stage owner() {
    return owner;
  }

  /** The request as the stage made it (a retry may raise its temperature). */
  public LlmRequest request() {
    return request;
  }

  public int promptTokens() {
    return promptTokens;
  }

  public Object tag() {
    return tag;
  }

  /** The attempt now or last sent, 0 for the first. */
  public int attempt() {
    return attempt;
  }
}
