package io.datasynth.schedule;

import io.datasynth.cost.Billing;
import io.datasynth.cost.ModelPrice;
import io.datasynth.provider.LlmClient;
import io.datasynth.provider.LlmRequest;
import java.util.Objects;

/**
 * One request a {@link Stage} wants made, with what it costs against the rate limits. The scheduler owns its
 * attempt count, retry time and billing; the stage owns its tag and key.
 */
public final class Call {
  private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,56}");

  private final Stage owner;
  private final LlmRequest request;
  private final int promptTokens;
  private final Object tag;
  private final String key;
  private final LlmClient client;
  private final ModelPrice price;
  int attempt;
  long notBefore;
  Billing billing = Billing.ONLINE;
  /** The endpoint of a fleet it was last sent to; -1 before it was sent. */
  int lane = -1;

  /**
   * @param promptTokens the input tokens the request is estimated to take, reserved against the limits
   * @param tag the stage's own data about the call; may be null
   */
  public Call(Stage owner, LlmRequest request, int promptTokens, Object tag) {
    this(owner, request, promptTokens, tag, null, null, null);
  }

  /**
   * A call its stage can find again after a crash, through {@code key}.
   *
   * @param key the stage's stable name of the work ({@code [A-Za-z0-9_-]}, at most 56 characters): a batch item's
   *     {@code custom_id} is the key and the attempt, and a resumed run's stage rebuilds the call from it; null when
   *     the stage does not need that
   */
  public Call(Stage owner, LlmRequest request, int promptTokens, Object tag, String key) {
    this(owner, request, promptTokens, tag, key, null, null);
  }

  /**
   * A call to another model of the same provider and key than the scheduler's (the rubric judge's own model): it
   * shares the run's limits, window, retries and budget, is sent online with its own client and is priced at its
   * own model's price.
   *
   * @param client the client of that model, or null for the scheduler's
   * @param price that model's price, or null for the scheduler's
   */
  public Call(Stage owner, LlmRequest request, int promptTokens, Object tag, LlmClient client, ModelPrice price) {
    this(owner, request, promptTokens, tag, null, client, price);
  }

  private Call(Stage owner, LlmRequest request, int promptTokens, Object tag, String key, LlmClient client,
      ModelPrice price) {
    this.owner = Objects.requireNonNull(owner, "owner");
    this.request = Objects.requireNonNull(request, "request");
    this.promptTokens = promptTokens;
    this.tag = tag;
    if (key != null && !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("call key " + key + " must be 1 to 56 of A-Z, a-z, 0-9, _ and -");
    }
    this.key = key;
    this.client = client;
    this.price = price;
  }

  /**
   * A call an earlier run sent already, at {@code attempt}: rebuilt by its stage from the key, so that its result
   * (a batch item's) can be collected.
   */
  public static Call resumed(Stage owner, LlmRequest request, int promptTokens, Object tag, String key,
      int attempt) {
    Call c = new Call(owner, request, promptTokens, tag, Objects.requireNonNull(key, "key"));
    c.attempt = attempt;
    return c;
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

  /** The stage's stable name of the work; null when it gave none. */
  public String key() {
    return key;
  }

  /** The id of this attempt for a provider batch, {@code key-attempt}; null without a key. */
  public String customId() {
    return key == null ? null : key + "-" + attempt;
  }

  /** How the attempt now or last sent is billed. */
  public Billing billing() {
    return billing;
  }
}
