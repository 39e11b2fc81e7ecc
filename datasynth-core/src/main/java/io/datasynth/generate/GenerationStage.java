package io.datasynth.generate;

import io.datasynth.cost.TokenCounter;
import io.datasynth.engine.EngineClock;
import io.datasynth.engine.EngineListener;
import io.datasynth.engine.RunOutcome;
import io.datasynth.error.Setting;
import io.datasynth.journal.EventLog;
import io.datasynth.journal.JournalEvent;
import io.datasynth.journal.Ledger;
import io.datasynth.parse.ParseIssue;
import io.datasynth.parse.ParsedReply;
import io.datasynth.parse.ReplyParser;
import io.datasynth.prompt.Prompt;
import io.datasynth.prompt.PromptBuilder;
import io.datasynth.provider.CallResult;
import io.datasynth.provider.LlmRequest;
import io.datasynth.provider.Usage;
import io.datasynth.quality.QualityPath;
import io.datasynth.quality.RejectReason;
import io.datasynth.quality.Validation;
import io.datasynth.quality.Verdict;
import io.datasynth.record.Provenance;
import io.datasynth.schedule.Call;
import io.datasynth.schedule.CallScheduler;
import io.datasynth.schedule.Stage;
import io.datasynth.text.Message;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The stage that generates records: it plans requests so that exactly {@code target} records are delivered (work is
 * counted in records, so the tail does not pay for replies nobody needs), turns each reply into candidates, sends
 * every candidate through the {@link QualityPath}, and journals what it decided before it counts. Records beyond
 * the target are kept as surplus. Runs on the scheduler's thread; {@link #prepare} parses and validates on the HTTP
 * thread.
 */
public final class GenerationStage implements Stage {
  private final GenerationSettings settings;
  private final PromptBuilder prompts;
  private final TokenCounter tokens;
  private final ReplyParser parser;
  private final QualityPath quality;
  private final EventLog journal;
  private final Ledger ledger;
  private final ProvenanceTemplate provenance;
  private final EngineClock clock;
  private final EngineListener listener;
  private final long firstBatchIndex;
  private final GenerationTally tally;
  private final Map<Call, Batch> outstanding = new IdentityHashMap<>();
  private CallScheduler scheduler;
  private long nextBatch;
  private double acceptRatio = 1.0;
  private double tokenGrowth = 1.0;
  private int stableTokens = -1;
  private int reasoningReserve;
  private boolean budgetNoticeShown;

  private GenerationStage(Builder b) {
    this.settings = Objects.requireNonNull(b.settings, "settings");
    this.prompts = Objects.requireNonNull(b.prompts, "prompts");
    this.tokens = Objects.requireNonNull(b.tokens, "tokens");
    this.parser = Objects.requireNonNull(b.parser, "parser");
    this.quality = Objects.requireNonNull(b.quality, "quality");
    this.journal = Objects.requireNonNull(b.journal, "journal");
    this.ledger = Objects.requireNonNull(b.ledger, "ledger");
    this.provenance = Objects.requireNonNull(b.provenance, "provenance");
    this.clock = b.clock;
    this.listener = b.listener;
    this.firstBatchIndex = b.firstBatchIndex;
    this.tally = new GenerationTally(settings.target(), b.delivered, b.ordinals);
    this.reasoningReserve = settings.reasoningReserve();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The scheduler this stage's calls run on; the stage stops the run through it when acceptance collapses. */
  public void attach(CallScheduler s) {
    this.scheduler = s;
  }

  /** What the stage counted. */
  public GenerationTally tally() {
    return tally;
  }

  /** One request's worth of work: a prompt asking for some records; the tag of the stage's calls. */
  public record Batch(long index, Prompt prompt) {
    int size() {
      return prompt.recordsRequested();
    }
  }

  /** A reply parsed and validated on the HTTP thread. */
  record Prepared(ParsedReply parsed, List<Validation> validations) {}

  @Override
  public boolean finished() {
    return tally.delivered >= settings.target();
  }

  @Override
  public Call next() {
    double missing = settings.target() - expected();
    if (missing <= 1e-9) {
      return null;
    }
    int size = (int) Math.max(1, Math.min(settings.batchSize(), Math.ceil(missing / Math.max(acceptRatio, 0.2))));
    long index = firstBatchIndex + nextBatch++;
    Prompt p = prompts.build(index, size);
    int promptTokens = stableTokens(p) + tokens.count(p.perBatch());
    LlmRequest request = new LlmRequest(p.system(), LlmRequest.blocks(p.stable(), p.perBatch()),
        settings.maxTokensFor(size, tokenGrowth, reasoningReserve), settings.temperature(),
        settings.reasoningEffort(), null);
    Batch batch = new Batch(index, p);
    Call call = new Call(this, request, promptTokens, batch);
    outstanding.put(call, batch);
    return call;
  }

  /** The tokens of the system text and the stable prefix, the same in every prompt of a run: counted once. */
  private int stableTokens(Prompt p) {
    if (stableTokens < 0) {
      stableTokens = tokens.count(p.system()) + tokens.count(p.stable()) + 16;
    }
    return stableTokens;
  }

  /** Records delivered plus those expected from calls asked for and not yet answered. */
  private double expected() {
    long pending = 0;
    for (Batch b : outstanding.values()) {
      pending += b.size();
    }
    return tally.delivered + pending * acceptRatio;
  }

  @Override
  public Object prepare(Call call, CallResult.Completed reply) {
    ParsedReply parsed = parser.parse(reply.text());
    List<Validation> validations = new ArrayList<>(parsed.records().size());
    for (var candidate : parsed.records()) {
      validations.add(quality.validate(candidate));
    }
    return new Prepared(parsed, validations);
  }

  @Override
  public void gaveUp(Call call, Message reason) {
    outstanding.remove(call);
  }

  @Override
  public void completed(Call call, CallResult.Completed reply, Object prepared, Usage usage) {
    Batch batch = outstanding.remove(call);
    if (batch == null) {
      batch = (Batch) call.tag();
    }
    if (reply.cutOffBeforeText()) {
      tally.cutOffBeforeText++;
      budgetSpentBeforeText(reply, batch);
    } else if (reply.truncated() && settings.maxTokens() == 0 && tokenGrowth < 4) {
      tokenGrowth = Math.min(4, tokenGrowth * 1.25);
      listener.onNotice(Message.of("notice.truncated.growing",
          settings.maxTokensFor(settings.batchSize(), tokenGrowth, reasoningReserve)));
    }
    Prepared p = (Prepared) prepared;
    Provenance prov = provenance.of(batch.index(), call.attempt(), batch.prompt().exampleIds(), clock.instant());
    List<JournalEvent> events = new ArrayList<>();
    List<RejectReason> rejected = new ArrayList<>();
    for (ParseIssue issue : p.parsed().issues()) {
      RejectReason reason = new RejectReason.Unparseable(issue.kind(), issue.detail());
      events.add(new JournalEvent.RecordRejected(null, issue.detail(), reason, prov));
      rejected.add(reason);
    }
    long delivered = 0;
    long ordinal = tally.ordinals;
    java.util.Set<Long> deliveredOrdinals = new java.util.HashSet<>();
    for (int i = 0; i < p.validations().size(); i++) {
      Verdict v = quality.admit(p.validations().get(i), ordinal + 1);
      if (v instanceof Verdict.Accepted a) {
        ordinal++;
        if (tally.delivered + delivered < settings.target()) {
          events.add(new JournalEvent.RecordAccepted(a.record(), prov));
          deliveredOrdinals.add(ordinal);
          delivered++;
        } else {
          events.add(new JournalEvent.RecordRejected(a.record(), null, new RejectReason.Surplus(), prov));
          rejected.add(new RejectReason.Surplus());
        }
      } else {
        RejectReason reason = ((Verdict.Rejected) v).reason();
        events.add(new JournalEvent.RecordRejected(p.parsed().records().get(i), null, reason, prov));
        rejected.add(reason);
      }
    }
    events.add(new JournalEvent.ReplyUsage(usage, 1));
    journal.append(events);
    for (long o = tally.ordinals + 1; o <= ordinal; o++) {
      if (deliveredOrdinals.contains(o)) {
        ledger.deliver(o);
      }
    }
    // Counted only now that it is on disk.
    tally.record(batch.size(), delivered, ordinal, rejected, p.parsed().records().size() + p.parsed().issues()
        .size(), reply.truncated());
    rejected.forEach(r -> listener.onRejected(r, prov));
    if (!finished()) {
      acceptRatio = Math.max(0.05, Math.min(1.0, 0.7 * acceptRatio + 0.3 * delivered / batch.size()));
    }
    Message collapse = tally.collapse();
    if (collapse != null && scheduler != null) {
      scheduler.stop(new RunOutcome.Failed(collapse));
    }
  }

  /**
   * A reply used its whole output limit before writing anything visible: on thinking, when the model reasoned,
   * else because the limit is too small for one record. The budget grows, up to the model's maximum.
   */
  private void budgetSpentBeforeText(CallResult.Completed c, Batch b) {
    int limit = settings.maxTokensFor(b.size(), tokenGrowth, reasoningReserve);
    if (settings.maxTokens() > 0 || limit >= settings.modelMaxTokens()) {
      if (!budgetNoticeShown) {
        budgetNoticeShown = true;
        String key = settings.maxTokens() > 0
            ? (c.reasoned() ? "notice.reasoning.exhausted.fixed" : "notice.cut_off.fixed")
            : "notice.budget.at_model_max";
        listener.onNotice(Message.of(key, limit, Setting.MAX_TOKENS, Setting.REASONING_EFFORT, Setting.BATCH_SIZE));
      }
      return;
    }
    if (c.reasoned()) {
      reasoningReserve = Math.max(1024, reasoningReserve * 2);
    } else {
      tokenGrowth = Math.min(4, tokenGrowth * 2);
    }
    int grown = settings.maxTokensFor(b.size(), tokenGrowth, reasoningReserve);
    listener.onNotice(Message.of(c.reasoned() ? "notice.reasoning.exhausted" : "notice.cut_off", limit, grown));
  }

  /** Assembles a stage; every part but the clock and the listener is required. */
  public static final class Builder {
    private GenerationSettings settings;
    private PromptBuilder prompts;
    private TokenCounter tokens;
    private ReplyParser parser;
    private QualityPath quality;
    private EventLog journal;
    private Ledger ledger;
    private ProvenanceTemplate provenance;
    private EngineClock clock = EngineClock.system();
    private EngineListener listener = EngineListener.NONE;
    private long firstBatchIndex;
    private long delivered;
    private long ordinals;

    public Builder settings(GenerationSettings v) { settings = v; return this; }
    public Builder prompts(PromptBuilder v) { prompts = v; return this; }
    public Builder tokens(TokenCounter v) { tokens = v; return this; }
    public Builder parser(ReplyParser v) { parser = v; return this; }
    /** The quality path, already holding the seeds and every record accepted before. */
    public Builder quality(QualityPath v) { quality = v; return this; }
    /** Where the stage's decisions are journaled before they count: the output's journal, or a slice's log. */
    public Builder journal(EventLog v) { journal = v; return this; }
    /** Which records are delivered; the stage marks each one it delivers. */
    public Builder ledger(Ledger v) { ledger = v; return this; }
    public Builder provenance(ProvenanceTemplate v) { provenance = v; return this; }
    public Builder clock(EngineClock v) { clock = Objects.requireNonNull(v); return this; }
    public Builder listener(EngineListener v) { listener = Objects.requireNonNull(v); return this; }
    /** The first batch index: batches of earlier runs keep theirs, so prompts never repeat. */
    public Builder firstBatchIndex(long v) { firstBatchIndex = v; return this; }
    /**
     * What was there before this run.
     *
     * @param deliveredBefore records delivered (they count toward the target)
     * @param ordinalsBefore records accepted, surplus included (the next record's ordinal follows them)
     */
    public Builder before(long deliveredBefore, long ordinalsBefore) {
      delivered = deliveredBefore;
      ordinals = ordinalsBefore;
      return this;
    }

    public GenerationStage build() {
      return new GenerationStage(this);
    }
  }
}
