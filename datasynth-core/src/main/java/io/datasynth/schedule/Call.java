package io.datasynth.schedule;

import io.datasynth.cost.ModelPrice;
import io.datasynth.provider.LlmClient;
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
  private final LlmClient client;
  private final ModelPrice price;
  int attempt;
  long notBefore;

  /**
   * @param promptTokens the input tokens the request is estimated to take, reserved against the limits
   * @param tag the stage's own data about the call; may be null
   */
  public Call(Stage owner, LlmRequest request, int promptTokens, Object tag) {
    this(owner, request, promptTokens, tag, null, null);
  }

  /**
   * A call to another model of the same provider and key than the scheduler's (the rubric judge's own model): it
   * shares the run's limits, window, retries and budget, and is priced at its own model's price.
   *
   * @param client the client of that model, or null for the scheduler's
   * @param price that model's price, or null for the scheduler's
   */
  public Call(Stage owner, LlmRequest request, int promptTokens, Object tag, LlmClient client, ModelPrice price) {
    this.owner = Objects.requireNonNull(owner, "owner");
    this.request = Objects.requireNonNull(request, "request");
    this.promptTokens = promptTokens;
    this.tag = tag;
    this.client = client;
    this.price = price;
  }

  /** The client to send it with, or null for the scheduler's own. */
  public LlmClient client() {
    return client;
  }

  /** Its model's price, or null for the scheduler's. */
  public ModelPrice price() {
    return price;
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

  Cost cost() {
    return new Cost(1, promptTokens, request.maxTokens());
  }
}
