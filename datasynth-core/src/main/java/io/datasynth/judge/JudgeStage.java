package io.datasynth.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.cost.ModelPrice;
import io.datasynth.cost.Purpose;
import io.datasynth.cost.TokenCounter;
import io.datasynth.journal.Journal;
import io.datasynth.journal.JournalEvent;
import io.datasynth.prompt.JudgePromptBuilder;
import io.datasynth.provider.CallResult;
import io.datasynth.provider.LlmClient;
import io.datasynth.provider.LlmRequest;
import io.datasynth.provider.Usage;
import io.datasynth.quality.RejectReason;
import io.datasynth.record.Provenance;
import io.datasynth.schedule.Call;
import io.datasynth.schedule.Stage;
import io.datasynth.text.Message;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The stage that scores delivered records against the rubric (质检筛选): it sends them to the judge model in
 * batches through the same scheduler as generation (so the same limits, retries, budget and request caps apply),
 * journals every score before acting on it (a resumed run never asks about a record twice), and hands records
 * below the minimum back as rejected, so that generation tops them up. A batch waits until it is full unless
 * generation has nothing more to give ({@code flush}). Records the judge does not score are asked about again, up
 * to {@value #MAX_ATTEMPTS} times, then rejected as unjudged.
 *
 * <p>Calls are ordinary {@link Call}s with a request and a tag, so a batch dispatcher can run them like
 * generation's. Runs on the scheduler's thread; {@link #prepare} parses replies on the HTTP thread.
 */
public final class JudgeStage implements Stage {
  public static final int MAX_ATTEMPTS = 3;
  /** Output tokens one score with its rationale is given. */
  static final int TOKENS_PER_RECORD = 150;

  private final JudgePromptBuilder prompts;
  private final JudgeScale scale;
  private final double minimum;
  private final String selfField;
  private final String model;
  private final int batchSize;
  private final Journal journal;
  private final TokenCounter tokens;
  private final LlmClient client;
  private final ModelPrice price;
  private final Double temperature;
  private final int reasoningReserve;
  private final int modelMaxTokens;
  private final ObjectNode responseSchema;
  private final BooleanSupplier flush;
  private final Outcomes outcomes;
  private final Judgements judgements;
  private final JudgeTally tally = new JudgeTally();
  private final Deque<Item> queue = new ArrayDeque<>();
  private final Map<Long, Integer> attempts = new HashMap<>();
  private final Map<Call, List<Item>> outstanding = new IdentityHashMap<>();
  private int stableTokens = -1;

  /**
   * A delivered record waiting for its score.
   *
   * @param ordinal its place among the journal's accepted records, from 1
   */
  public record Item(long ordinal, ObjectNode record, Provenance provenance) {
    String id() {
      return "r" + ordinal;
    }
  }

  /** What happens to records the judge rejects: the run takes them back and tops them up. */
  @FunctionalInterface
  public interface Outcomes {
    void rejected(Item item, RejectReason reason);
  }

  private JudgeStage(Builder b) {
    this.prompts = Objects.requireNonNull(b.prompts, "prompts");
    this.scale = Objects.requireNonNull(b.scale, "scale");
    this.minimum = b.minimum;
    this.selfField = b.selfField;
    this.model = Objects.requireNonNull(b.model, "model");
    this.batchSize = Math.max(1, b.batchSize);
    this.journal = Objects.requireNonNull(b.journal, "journal");
    this.tokens = Objects.requireNonNull(b.tokens, "tokens");
    this.client = b.client;
    this.price = b.price;
    this.temperature = b.temperature;
    this.reasoningReserve = b.reasoningReserve;
    this.modelMaxTokens = b.modelMaxTokens;
    this.responseSchema = b.responseSchema;
    this.flush = Objects.requireNonNull(b.flush, "flush");
    this.outcomes = Objects.requireNonNull(b.outcomes, "outcomes");
    this.judgements = Objects.requireNonNull(b.judgements, "judgements");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** What the stage counted. */
  public JudgeTally tally() {
    return tally;
  }

  /** The minimum score a record must reach. */
  public double minimum() {
    return minimum;
  }

  /** Queues a delivered record for its score. */
  public void enqueue(Item item) {
    queue.addLast(item);
  }

  /** Records waiting for a score, sent or not. */
  public int waiting() {
    int n = queue.size();
    for (List<Item> l : outstanding.values()) {
      n += l.size();
    }
    return n;
  }

  @Override
  public boolean finished() {
    return queue.isEmpty() && outstanding.isEmpty();
  }

  @Override
  public Call next() {
    if (queue.isEmpty() || queue.size() < batchSize && !flush.getAsBoolean()) {
      return null;
    }
    List<Item> items = new ArrayList<>();
    while (!queue.isEmpty() && items.size() < batchSize) {
      items.add(queue.pollFirst());
    }
    List<JudgePromptBuilder.Item> shown = new ArrayList<>(items.size());
    for (Item it : items) {
      shown.add(new JudgePromptBuilder.Item(it.id(), it.record(),
          it.provenance() == null ? Map.of() : it.provenance().plan()));
    }
    String perBatch = prompts.perBatch(shown);
    if (stableTokens < 0) {
      stableTokens = tokens.count(prompts.system()) + tokens.count(prompts.stable()) + 16;
    }
    int maxTokens = (int) Math.min(modelMaxTokens, 200L + (long) TOKENS_PER_RECORD * items.size()
        + reasoningReserve);
    LlmRequest request = new LlmRequest(prompts.system(), LlmRequest.blocks(prompts.stable(), perBatch), maxTokens,
        temperature, null, responseSchema);
    Call call = new Call(this, request, stableTokens + tokens.count(perBatch), List.copyOf(items), client, price);
    outstanding.put(call, items);
    return call;
  }

  @Override
  public Object prepare(Call call, CallResult.Completed reply) {
    return JudgeReply.parse(reply.text());
  }

  @Override
  public void gaveUp(Call call, Message reason) {
    List<Item> items = outstanding.remove(call);
    if (items != null) {
      for (int i = items.size() - 1; i >= 0; i--) {
        queue.addFirst(items.get(i));
      }
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public void completed(Call call, CallResult.Completed reply, Object prepared, Usage usage) {
    List<Item> items = outstanding.remove(call);
    if (items == null) {
      items = (List<Item>) call.tag();
    }
    Map<String, JudgeReply.Score> scores = (Map<String, JudgeReply.Score>) prepared;
    tally.reply(usage, call.billing());
    List<JournalEvent> events = new ArrayList<>();
    List<Runnable> after = new ArrayList<>();
    for (Item it : items) {
      JudgeReply.Score s = scores.get(it.id());
      Double self = self(it.record());
      if (s != null && scale.contains(s.score())) {
        boolean pass = s.score() >= minimum - 1e-9;
        events.add(new JournalEvent.RecordJudged(it.ordinal(), JudgeKeys.of(it.record()), s.score(), s.rationale(),
            self, minimum, model));
        after.add(() -> {
          judgements.put(it.ordinal(), new Judgements.Judgement(s.score(), s.rationale()));
          tally.judged(s.score(), pass, self, scale.disagreement());
          if (!pass) {
            outcomes.rejected(it, new RejectReason.LowScore(s.score(), minimum, s.rationale()));
          }
        });
        continue;
      }
      int tried = attempts.merge(it.ordinal(), 1, Integer::sum);
      if (tried < MAX_ATTEMPTS) {
        after.add(() -> queue.addLast(it));
        continue;
      }
      events.add(new JournalEvent.RecordJudged(it.ordinal(), JudgeKeys.of(it.record()), null, "", self, minimum,
          model));
      after.add(() -> {
        attempts.remove(it.ordinal());
        judgements.put(it.ordinal(), new Judgements.Judgement(null, ""));
        tally.unscored();
        outcomes.rejected(it, new RejectReason.Unjudged(tried));
      });
    }
    events.add(new JournalEvent.ReplyUsage(usage, 1, Purpose.JUDGE, call.billing(), null));
    journal.append(events);
    // Acted on only now that every score is on disk.
    after.forEach(Runnable::run);
  }

  private Double self(ObjectNode record) {
    if (selfField == null) {
      return null;
    }
    JsonNode v = record.get(selfField);
    return v != null && v.isNumber() ? v.asDouble() : null;
  }

  /** Assembles a judge stage; the prompts, scale, model, journal, token counter, flush, outcomes and store are required. */
  public static final class Builder {
    private JudgePromptBuilder prompts;
    private JudgeScale scale;
    private double minimum;
    private String selfField;
    private String model;
    private int batchSize = JudgeSettings.DEFAULT_BATCH_SIZE;
    private Journal journal;
    private TokenCounter tokens;
    private LlmClient client;
    private ModelPrice price;
    private Double temperature;
    private int reasoningReserve;
    private int modelMaxTokens = Integer.MAX_VALUE;
    private ObjectNode responseSchema;
    private BooleanSupplier flush;
    private Outcomes outcomes;
    private Judgements judgements;

    public Builder prompts(JudgePromptBuilder v) { prompts = v; return this; }
    /** The scores the judge may give, and the minimum a record must reach. */
    public Builder scale(JudgeScale v, double min) { scale = v; minimum = min; return this; }
    /** The field a record scores itself in, compared with the judge's score; may be null. */
    public Builder selfField(String v) { selfField = v; return this; }
    public Builder model(String v) { model = v; return this; }
    public Builder batchSize(int v) { batchSize = v; return this; }
    public Builder journal(Journal v) { journal = v; return this; }
    public Builder tokens(TokenCounter v) { tokens = v; return this; }
    /** The judge model's client and price when it is not the generation model; both may be null. */
    public Builder route(LlmClient c, ModelPrice p) { client = c; price = p; return this; }
    /**
     * How requests are shaped for the judge model.
     *
     * @param t the temperature, or null for none
     * @param reserve output tokens left for reasoning
     * @param max the model's largest output limit
     * @param schema the answer's JSON Schema where the model takes structured outputs, else null
     */
    public Builder requests(Double t, int reserve, int max, ObjectNode schema) {
      temperature = t;
      reasoningReserve = reserve;
      modelMaxTokens = max;
      responseSchema = schema;
      return this;
    }
    /** Whether a batch that is not full should go now: generation has nothing more to give for a while. */
    public Builder flush(BooleanSupplier v) { flush = v; return this; }
    public Builder outcomes(Outcomes v) { outcomes = v; return this; }
    /** Where scores are kept for the output; replayed ones already in it. */
    public Builder judgements(Judgements v) { judgements = v; return this; }

    public JudgeStage build() {
      return new JudgeStage(this);
    }
  }
}
