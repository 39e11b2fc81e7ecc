package io.datasynth.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.cost.Purpose;
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
import io.datasynth.plan.BatchPlan;
import io.datasynth.plan.Combination;
import io.datasynth.plan.Coverage;
import io.datasynth.plan.Part;
import io.datasynth.plan.SeedGuide;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
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
 *
 * <p>Every call has a key ({@code g<batch>x<size>}, {@code r<batch>n<record>v<round>} for repairs), so that a
 * resumed run rebuilds the calls an earlier run left in a provider batch and collects their results. With
 * {@link Builder#probeFirst} the stage sends one call and waits for its reply before planning the rest, so a batch
 * is sized from a measured acceptance rate. With a {@link RepairPolicy}, an invalid record of a structured reply
 * whose rule the schema could not state is sent back once with the validator's message instead of being thrown
 * away; repairs are journaled as they are asked for and priced on their own.
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
  private final Map<Call, Repair> repairing = new IdentityHashMap<>();
  /** Calls an earlier run left in a provider batch: sent first, for their results to be collected. */
  private final java.util.ArrayDeque<Call> adopted = new java.util.ArrayDeque<>();
  /** Repairs waiting to be sent. */
  private final java.util.ArrayDeque<Call> repairQueue = new java.util.ArrayDeque<>();
  /** What replies journaled with {@link EventLog#write} still have to do once {@link #settle} forced it. */
  private final List<Runnable> unsettled = new ArrayList<>();
  private final ObjectNode responseSchema;
  private final LlmRequest.CacheHint cache;
  private final RepairPolicy repairs;
  private final boolean probeFirst;
  private Call probe;
  private boolean probed;
  private CallScheduler scheduler;
  private long nextBatch;
  private double acceptRatio = 1.0;
  private double tokenGrowth = 1.0;
  private int stableTokens = -1;
  private int reasoningReserve;
  private boolean budgetNoticeShown;
  private final Coverage coverage;
  private final SeedGuide guide;
  private final Consumer<Accepted> accepted;

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
    this.coverage = b.coverage;
    this.guide = b.guide;
    this.accepted = b.accepted;
    this.responseSchema = b.responseSchema;
    this.cache = b.cache;
    this.repairs = b.repairs;
    this.probeFirst = b.probeFirst;
    this.acceptRatio = b.expectedAcceptance;
    long last = firstBatchIndex - 1;
    for (String id : b.resumed) {
      last = Math.max(last, resume(id));
    }
    for (JournalEvent.RepairRequested r : b.repairsPending) {
      resumeRepair(r, b.resumed);
    }
    this.nextBatch = last + 1 - firstBatchIndex;
  }

  /** The batch index a resumed generation call carries, or -1 for another kind of id. */
  private long resume(String customId) {
    java.util.regex.Matcher m = GENERATE_ID.matcher(customId);
    if (!m.matches()) {
      return -1;
    }
    long index = Long.parseLong(m.group(1));
    int size = Integer.parseInt(m.group(2));
    int attempt = Integer.parseInt(m.group(3));
    // The plan's combination of a batch call is not in its key: its records are checked against the plan as a whole.
    Prompt p = prompts.build(index, size);
    Batch batch = new Batch(index, p, null);
    Call call = Call.resumed(this, request(p, size), promptTokens(p), batch, key(index, size), attempt);
    outstanding.put(call, batch);
    adopted.add(call);
    probed = true;
    return index;
  }

  /** A repair an earlier run asked for: collected from its batch when it is in one, else sent again. */
  private void resumeRepair(JournalEvent.RepairRequested r, java.util.Collection<String> resumed) {
    Repair job = new Repair(r.call(), r.record(), r.violation(), r.provenance(), r.round());
    Prompt p = prompts.repair(r.record(), r.violation().field(), r.violation().english());
    for (String id : resumed) {
      if (id.startsWith(r.call() + "-")) {
        Call call = Call.resumed(this, repairRequest(p), promptTokens(p), job, r.call(),
            Integer.parseInt(id.substring(r.call().length() + 1)));
        repairing.put(call, job);
        adopted.add(call);
        return;
      }
    }
    Call call = new Call(this, repairRequest(p), promptTokens(p), job, r.call());
    repairing.put(call, job);
    repairQueue.add(call);
  }

  private static final java.util.regex.Pattern GENERATE_ID = java.util.regex.Pattern.compile("g(\\d+)x(\\d+)-(\\d+)");

  private static String key(long index, int size) {
    return "g" + index + "x" + size;
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

  /**
   * One request's worth of work: a prompt asking for some records; the tag of the stage's calls.
   *
   * @param draw the plan's combination for it and what it reserved, or null without a plan
   */
  public record Batch(long index, Prompt prompt, Coverage.Draw draw) {
    int size() {
      return prompt.recordsRequested();
    }

    Combination combination() {
      return draw == null ? Combination.NONE : draw.combination();
    }
  }

  /**
   * A record the stage delivered, once it is journaled: the rubric judge's work.
   *
   * @param ordinal its place among accepted records, from 1
   */
  public record Accepted(long ordinal, ObjectNode record, Provenance provenance) {}

  /**
   * Takes back a delivered record (the judge rejected it): it no longer counts toward the target or the plan's
   * coverage, so the stage asks for another.
   */
  public void withdraw(long ordinal, ObjectNode record, Provenance provenance, RejectReason reason) {
    if (!ledger.isDelivered(ordinal)) {
      return;
    }
    ledger.withdraw(ordinal);
    tally.withdrawn(reason);
    if (coverage != null) {
      coverage.withdrawn(coverage.labelsOf(record, provenance == null ? Map.of() : provenance.plan()));
    }
    if (guide != null) {
      guide.forget(record);
    }
    listener.onRejected(reason, provenance);
  }

  /**
   * A record sent back to be fixed: the tag of a repair call.
   *
   * @param key the repair call's key
   * @param record the record as the model last wrote it
   * @param violation the rule it breaks
   * @param provenance where it came from
   * @param round this repair's number for the record, from 1
   */
  public record Repair(String key, ObjectNode record, RejectReason.RuleViolation violation, Provenance provenance,
      int round) {}

  /** A reply parsed and validated on the HTTP thread. */
  record Prepared(ParsedReply parsed, List<Validation> validations) {}

  /** Whether none of the stage's calls is on the way (repairs included): no records are about to arrive. */
  public boolean idle() {
    return outstanding.isEmpty() && repairing.isEmpty();
  }

  /** Repairs are expected to fix about this share of the records sent. */
  private static final double REPAIR_YIELD = 0.8;

  @Override
  public boolean finished() {
    return tally.delivered >= settings.target() && adopted.isEmpty() && repairQueue.isEmpty();
  }

  @Override
  public Call next() {
    if (!adopted.isEmpty()) {
      return adopted.poll();
    }
    if (tally.delivered >= settings.target()) {
      // Enough records: a repair now could only bring a surplus one, so the records stay rejected.
      for (Call c = repairQueue.poll(); c != null; c = repairQueue.poll()) {
        gaveUp(c, Message.of("stop.target_reached"));
      }
      return null;
    }
    if (!repairQueue.isEmpty()) {
      return repairQueue.poll();
    }
    if (probeFirst && !probed && probe != null) {
      return null;
    }
    double missing = settings.target() - expected();
    if (missing <= 1e-9) {
      return null;
    }
    int size = (int) Math.max(1, Math.min(settings.batchSize(), Math.ceil(missing / Math.max(acceptRatio, 0.2))));
    long index = firstBatchIndex + nextBatch++;
    Coverage.Draw draw = null;
    BatchPlan plan = BatchPlan.NONE;
    if (coverage != null && coverage.plan().hasAxes()) {
      // A field-fixing plan sizes each batch by how often the model writes its value.
      draw = coverage.next(index, coverage.plan().fixesFields() ? settings.batchSize() : size, acceptRatio);
      size = draw.size();
    }
    if (draw != null || guide != null) {
      Combination combination = draw == null ? Combination.NONE : draw.combination();
      plan = new BatchPlan(draw == null ? List.of() : List.of(new Part(combination, size)),
          guide == null ? null : guide.examples(index, combination), guide == null ? List.of() : guide.avoid());
    }
    Prompt p = prompts.build(index, size, plan);
    Batch batch = new Batch(index, p, draw);
    Call call = new Call(this, request(p, size), promptTokens(p), batch, key(index, size));
    outstanding.put(call, batch);
    if (probeFirst && !probed) {
      probe = call;
    }
    return call;
  }

  private LlmRequest request(Prompt p, int size) {
    return new LlmRequest(p.system(), LlmRequest.blocks(p.stable(), p.perBatch()),
        settings.maxTokensFor(size, tokenGrowth, reasoningReserve), settings.temperature(),
        settings.reasoningEffort(), responseSchema, cache);
  }

  private LlmRequest repairRequest(Prompt p) {
    return new LlmRequest(p.system(), LlmRequest.blocks(p.stable(), p.perBatch()),
        settings.maxTokensFor(1, Math.max(1.5, tokenGrowth), reasoningReserve), settings.temperature(),
        settings.reasoningEffort(), responseSchema, null);
  }

  private int promptTokens(Prompt p) {
    return (p.stable().isEmpty() ? tokens.count(p.system()) + 16 : stableTokens(p)) + tokens.count(p.perBatch());
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
    double pending = 0;
    for (Batch b : outstanding.values()) {
      pending += b.draw() != null ? b.draw().expected() : b.size() * acceptRatio;
    }
    return tally.delivered + pending + repairing.size() * REPAIR_YIELD;
  }

  /**
   * Forces what the replies handed over since the last call journaled, with one write, then delivers their records
   * to the ledger and the judge and tells the listener of their rejects, in the order the replies came.
   */
  @Override
  public void settle() {
    if (unsettled.isEmpty()) {
      return;
    }
    journal.force();
    for (Runnable r : unsettled) {
      r.run();
    }
    unsettled.clear();
  }

  @Override
  public Object prepare(Call call, CallResult.Completed reply) {
    ParsedReply parsed = parser.parse(reply.text(), responseSchema != null);
    List<Validation> validations = new ArrayList<>(parsed.records().size());
    for (var candidate : parsed.records()) {
      validations.add(quality.validate(candidate));
    }
    return new Prepared(parsed, validations);
  }

  @Override
  public void gaveUp(Call call, Message reason) {
    Batch b = outstanding.remove(call);
    if (b != null && b.draw() != null) {
      coverage.settle(b.draw());
    }
    if (call == probe) {
      probed = true;
    }
    Repair r = repairing.remove(call);
    if (r != null) {
      settle();
      // The record stays as it was: rejected for the rule it broke.
      journal.append(List.of(new JournalEvent.RecordRejected(r.record(), null, r.violation(), r.provenance())));
      tally.repairsFailed++;
      tally.record(0, 0, tally.ordinals, List.of(r.violation()), 1, false, true);
      listener.onRejected(r.violation(), r.provenance());
    }
  }

  @Override
  public void completed(Call call, CallResult.Completed reply, Object prepared, Usage usage) {
    if (call == probe) {
      probed = true;
    }
    Repair repair = repairing.remove(call);
    if (repair != null) {
      repaired(call, repair, (Prepared) prepared, usage);
      return;
    }
    Batch batch = outstanding.remove(call);
    boolean settles = batch != null && batch.draw() != null;
    // A batch whose combination others filled meanwhile can only bring surplus: it says nothing of the model.
    boolean wanted = batch == null || batch.draw() == null || coverage.wants(batch.combination().labels());
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
    Provenance prov = provenance.of(batch.index(), call.attempt(), batch.prompt().exampleIds(), clock.instant(),
        batch.combination().labels());
    List<JournalEvent> events = new ArrayList<>();
    List<RejectReason> rejected = new ArrayList<>();
    for (ParseIssue issue : p.parsed().issues()) {
      RejectReason.Unparseable reason = new RejectReason.Unparseable(issue.kind(), issue.detail());
      events.add(new JournalEvent.RecordRejected(null, reason.english(), reason, prov));
      rejected.add(reason);
    }
    long delivered = 0;
    long ordinal = tally.ordinals;
    java.util.Set<Long> deliveredOrdinals = new java.util.HashSet<>();
    List<Accepted> fresh = new ArrayList<>();
    List<Call> newRepairs = new ArrayList<>();
    for (int i = 0; i < p.validations().size(); i++) {
      Validation validation = p.validations().get(i);
      if (responseSchema != null && validation instanceof Validation.Invalid invalid && repairs.repairs(invalid, 0)
          && tally.delivered + delivered < settings.target()) {
        Repair job = new Repair("r" + batch.index() + "n" + (i + 1) + "v1", p.parsed().records().get(i),
            RejectReason.RuleViolation.of(invalid.first()), prov, 1);
        events.add(new JournalEvent.RepairRequested(job.key(), job.record(), job.violation(), prov, 1));
        newRepairs.add(repairCall(job));
        continue;
      }
      Verdict v = quality.admit(validation, ordinal + 1, batch.combination());
      if (v instanceof Verdict.Accepted a) {
        ordinal++;
        Map<String, String> labels = coverage == null ? Map.of() : coverage.labelsOf(a.record(), prov.plan());
        if (tally.delivered + delivered < settings.target() && (coverage == null || coverage.wants(labels))) {
          events.add(new JournalEvent.RecordAccepted(a.record(), prov));
          deliveredOrdinals.add(ordinal);
          delivered++;
          if (coverage != null) {
            coverage.delivered(labels);
          }
          if (guide != null) {
            guide.observe(a.record());
          }
          fresh.add(new Accepted(ordinal, a.record(), prov));
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
    if (settles) {
      coverage.answered(batch.draw(), delivered);
    }
    events.add(new JournalEvent.ReplyUsage(usage, 1, Purpose.GENERATE, call.billing(), call.customId()));
    tally.spent(Purpose.GENERATE, call.billing(), usage);
    journal.write(events);
    long firstOrdinal = tally.ordinals + 1;
    long lastOrdinal = ordinal;
    // Delivered to the ledger, the judge and the listener only once settle() has forced it to disk.
    unsettled.add(() -> {
      for (long o = firstOrdinal; o <= lastOrdinal; o++) {
        if (deliveredOrdinals.contains(o)) {
          ledger.deliver(o);
        }
      }
      if (accepted != null) {
        fresh.forEach(accepted);
      }
      rejected.forEach(r -> listener.onRejected(r, prov));
    });
    // The tally is the stage's own: the next replies of the group decide from it, and nothing reports it before
    // settle().
    tally.record(batch.size(), delivered, ordinal, rejected, p.parsed().records().size() + p.parsed().issues()
        .size() - newRepairs.size(), reply.truncated(), wanted);
    for (Call c : newRepairs) {
      repairing.put(c, (Repair) c.tag());
      repairQueue.add(c);
    }
    if (!finished()) {
      acceptRatio = Math.max(0.05, Math.min(1.0, 0.7 * acceptRatio + 0.3 * delivered / batch.size()));
    }
    Message collapse = tally.collapse();
    if (collapse != null && scheduler != null) {
      scheduler.stop(new RunOutcome.Failed(collapse));
    }
  }

  private Call repairCall(Repair job) {
    Prompt p = prompts.repair(job.record(), job.violation().field(), job.violation().english());
    tally.repairsSent++;
    return new Call(this, repairRequest(p), promptTokens(p), job, job.key());
  }

  /** A repair's reply: its record takes the quality path, or goes back for another round, or is rejected. */
  private void repaired(Call call, Repair job, Prepared p, Usage usage) {
    List<JournalEvent> events = new ArrayList<>();
    Validation validation = p.validations().isEmpty() ? null : p.validations().get(0);
    ObjectNode written = p.parsed().records().isEmpty() ? job.record() : p.parsed().records().get(0);
    Provenance prov = job.provenance();
    long ordinal = tally.ordinals;
    long delivered = 0;
    RejectReason rejected = null;
    Call again = null;
    Accepted fresh = null;
    if (validation instanceof Validation.Valid) {
      Verdict v = quality.admit(validation, ordinal + 1);
      if (v instanceof Verdict.Accepted a) {
        ordinal++;
        tally.repairsFixed++;
        Map<String, String> labels = coverage == null ? Map.of() : coverage.labelsOf(a.record(), prov.plan());
        if (tally.delivered < settings.target() && (coverage == null || coverage.wants(labels))) {
          events.add(new JournalEvent.RecordAccepted(a.record(), prov));
          delivered = 1;
          if (coverage != null) {
            coverage.delivered(labels);
          }
          if (guide != null) {
            guide.observe(a.record());
          }
          fresh = new Accepted(ordinal, a.record(), prov);
        } else {
          rejected = new RejectReason.Surplus();
          events.add(new JournalEvent.RecordRejected(a.record(), null, rejected, prov));
        }
      } else {
        rejected = ((Verdict.Rejected) v).reason();
        events.add(new JournalEvent.RecordRejected(written, null, rejected, prov));
      }
    } else {
      RejectReason.RuleViolation why = validation instanceof Validation.Invalid invalid
          ? RejectReason.RuleViolation.of(invalid.first()) : job.violation();
      if (validation instanceof Validation.Invalid invalid && repairs.repairs(invalid, job.round())
          && tally.delivered < settings.target()) {
        Repair next = new Repair(job.key().replaceAll("v\\d+$", "v" + (job.round() + 1)), written, why, prov,
            job.round() + 1);
        events.add(new JournalEvent.RepairRequested(next.key(), next.record(), next.violation(), prov,
            next.round()));
        again = repairCall(next);
      } else {
        tally.repairsFailed++;
        rejected = why;
        events.add(new JournalEvent.RecordRejected(written, null, why, prov));
      }
    }
    events.add(new JournalEvent.ReplyUsage(usage, 1, Purpose.REPAIR, call.billing(), call.customId()));
    tally.spent(Purpose.REPAIR, call.billing(), usage);
    journal.write(events);
    long deliveredOrdinal = delivered == 1 ? ordinal : 0;
    Accepted repairedRecord = fresh;
    RejectReason why = rejected;
    unsettled.add(() -> {
      if (deliveredOrdinal > 0) {
        ledger.deliver(deliveredOrdinal);
      }
      if (accepted != null && repairedRecord != null) {
        accepted.accept(repairedRecord);
      }
      if (why != null) {
        listener.onRejected(why, prov);
      }
    });
    tally.record(0, delivered, ordinal, rejected == null ? List.of() : List.of(rejected), again == null ? 1 : 0,
        false, true);
    if (again != null) {
      repairing.put(again, (Repair) again.tag());
      repairQueue.add(again);
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
    private Coverage coverage;
    private SeedGuide guide;
    private Consumer<Accepted> accepted;
    private ObjectNode responseSchema;
    private LlmRequest.CacheHint cache;
    private RepairPolicy repairs = RepairPolicy.NONE;
    private boolean probeFirst;
    private double expectedAcceptance = 1.0;
    private List<String> resumed = List.of();
    private List<JournalEvent.RepairRequested> repairsPending = List.of();

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
    /**
     * The diversity plan's coverage, which draws each batch's combination and decides which records are still
     * wanted, and the seed guide, which picks the examples to lean on and the region to move away from; either
     * may be null.
     */
    public Builder plan(Coverage c, SeedGuide g) { coverage = c; guide = g; return this; }
    /** Receives every record the stage delivers, once it is journaled (the rubric judge); may be null. */
    public Builder accepted(Consumer<Accepted> v) { accepted = v; return this; }
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

    /** The structured-output schema of the replies, fitted to the model's mechanism; null for free text. */
    public Builder responseSchema(ObjectNode v) { responseSchema = v; return this; }
    /** How to ask the provider to cache the stable prefix; null for nothing. */
    public Builder cache(LlmRequest.CacheHint v) { cache = v; return this; }
    /** Which invalid records of structured replies are sent back to be fixed. */
    public Builder repairs(RepairPolicy v) { repairs = Objects.requireNonNull(v); return this; }
    /** Whether to wait for the first reply before planning more calls (batch mode sizes its batch from it). */
    public Builder probeFirst(boolean v) { probeFirst = v; return this; }
    /** The share of asked-for records expected to be accepted, before any reply says (default 1). */
    public Builder expectedAcceptance(double v) { expectedAcceptance = v; return this; }
    /**
     * The calls an earlier run left in a provider batch, by {@code custom_id}: the stage rebuilds those that are its
     * own and sends them first, for the dispatcher to collect.
     */
    public Builder resume(java.util.Collection<String> customIds) { resumed = List.copyOf(customIds); return this; }
    /** Repairs an earlier run asked for and never got a reply to. */
    public Builder repairsPending(List<JournalEvent.RepairRequested> v) { repairsPending = List.copyOf(v); return this; }

    public GenerationStage build() {
      return new GenerationStage(this);
    }
  }
}
