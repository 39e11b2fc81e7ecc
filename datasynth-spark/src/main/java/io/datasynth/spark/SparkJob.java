package io.datasynth.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.api.GenerationSlice;
import io.datasynth.api.ResumeMode;
import io.datasynth.api.SynthesisConfig;
import io.datasynth.engine.EngineClock;
import io.datasynth.engine.EngineListener;
import io.datasynth.engine.RunOutcome;
import io.datasynth.error.ConfigException;
import io.datasynth.error.Setting;
import io.datasynth.recipe.Inputs;
import io.datasynth.report.RunReport;
import io.datasynth.report.RunSummary;
import io.datasynth.schema.SchemaWriter;
import io.datasynth.sink.DatasetHeader;
import io.datasynth.sink.DatasetStats;
import io.datasynth.sink.DatasetWriter;
import io.datasynth.sink.OutputFormat;
import io.datasynth.text.Message;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * One generation job run across a Spark cluster, the same job {@code datasynth create} runs on one machine.
 *
 * <ol>
 *   <li>The work plan is cut into partitions, each with its own range of batch indices, and the partitions are
 *       spread over the endpoints of the fleet by weight.
 *   <li>A round runs one task per partition ({@link SliceTask}): it resumes the partition's journal on the job's
 *       storage and generates until the partition has its share of the records; a shared rate limit is split
 *       between the tasks that use one endpoint at the same time.
 *   <li>Exact and near duplicates across partitions are removed ({@link CrossPartitionDedup}). While fewer than N
 *       records remain, another round tops the partitions up.
 *   <li>The driver writes the first N records in the job's order, with the same metadata as a one-machine run, and
 *       deletes the journals once the output is complete.
 * </ol>
 *
 * <p>Running the same job again resumes it from the journals: nothing journaled is paid for twice.
 */
public final class SparkJob {
  private final SynthesisConfig config;
  private final Inputs inputs;
  private final String output;
  private final String workDir;
  private final List<Endpoint> endpoints;
  private final int partitions;
  private final int maxRounds;
  private final JournalProbe probe;
  private final EngineListener listener;
  private final EngineClock clock;

  private SparkJob(Builder b) {
    this.config = Objects.requireNonNull(b.config, "config");
    this.inputs = Objects.requireNonNull(b.inputs, "inputs");
    this.output = Objects.requireNonNull(b.output, "output");
    this.workDir = b.workDir;
    this.endpoints = List.copyOf(b.endpoints);
    this.partitions = b.partitions;
    this.maxRounds = b.maxRounds;
    this.probe = b.probe;
    this.listener = b.listener;
    this.clock = b.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The default of {@link Builder#maxRounds}. */
  public static final int DEFAULT_MAX_ROUNDS = 10;

  /**
   * What a job did.
   *
   * @param report the run report, as a one-machine run makes it; its one run sums up the whole job
   * @param output where the output is, qualified
   * @param partitions how many partitions the job had
   * @param rounds how many rounds it took
   * @param duplicatesAcrossPartitions exact duplicates removed across partitions
   * @param nearDuplicatesAcrossPartitions near duplicates removed across partitions
   */
  public record Result(RunReport report, String output, int partitions, int rounds, long duplicatesAcrossPartitions,
      long nearDuplicatesAcrossPartitions) {
    /** Whether the output holds every record asked for. */
    public boolean success() {
      return report.outcome() instanceof RunOutcome.Completed && report.complete();
    }
  }

  /** Runs the job on a session; throws only for bad settings or inputs (before anything is paid) and for bugs. */
  public Result run(SparkSession spark) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    if (jsc.getConf().getBoolean("spark.speculation", false)) {
      throw new ConfigException(Message.of("spark.speculation", "--conf spark.speculation=false"), null);
    }
    Instant startedAt = clock.instant();
    long started = clock.nanoTime();
    JobStorage storage = new JobStorage(jsc.hadoopConfiguration());
    Path out = storage.qualify(output, Setting.OUTPUT);
    OutputFormat format = OutputFormat.resolve(config.format(), java.nio.file.Path.of(out.getName()));
    GenerationSlice.Checked checked = GenerationSlice.check(config, inputs, format, listener);
    JobOutput writer = new JobOutput(storage.fileSystem(out), out, config.force(),
        config.stats() ? new DatasetStats(checked.inputs().schema()) : null);
    writer.checkTarget();
    Path journals = storage.qualify(workDir != null ? workDir : new Path(out.getParent(), out.getName()
        + ".journals").toString(), Setting.WORK_DIR);
    FileSystem journalFs = storage.fileSystem(journals);
    int p = JobManifest.settle(journalFs, journals, checked.inputsFingerprint(), partitions, partitions(jsc),
        config.resume(), listener);
    Fleet fleet = Fleet.assign(endpoints, p);
    EndpointCheck.check(config, fleet);
    JobSnapshot snapshot = JobSnapshot.of(config, checked.inputs());
    String schemaJson = io.datasynth.json.Json.compact(SchemaWriter.toJson(checked.inputs().schema()));
    int slots = Math.max(1, jsc.defaultParallelism());

    int[] targets = split(config.count(), p);
    long kept = 0;
    int round = 0;
    int stalled = 0;
    RunOutcome outcome = new RunOutcome.Completed();
    List<SliceOutput> outputs = List.of();
    JavaRDD<SliceOutput> slices = null;
    JavaPairRDD<Long, CrossPartitionDedup.Drop> drops = null;
    JavaRDD<SlicedRecord> records = null;
    while (true) {
      round++;
      RoundPlan plan = plan(fleet, targets, slots, outputs);
      if (plan == null) {
        outcome = new RunOutcome.Stopped(RunOutcome.Reason.MAX_REQUESTS, Message.of("stop.max_requests",
            config.maxRequests(), Setting.MAX_REQUESTS));
        break;
      }
      JavaRDD<SliceOutput> next = jsc.parallelize(IntStream.range(0, p).boxed().toList(), p)
          .map(new SliceTask(snapshot, storage, journals.toString(), fleet, plan, probe))
          .persist(StorageLevel.MEMORY_AND_DISK());
      outputs = next.map(SliceOutput::withoutRecords).collect();
      if (slices != null) {
        slices.unpersist(false);
      }
      slices = next;
      records = slices.flatMap(s -> s.records().iterator());
      drops = CrossPartitionDedup.drops(records, schemaJson, config.nearDuplicateThreshold()).cache();
      long before = kept;
      long delivered = outputs.stream().mapToLong(SliceOutput::delivered).sum();
      kept = delivered - drops.count();
      RunOutcome stop = stopOf(outputs);
      if (stop != null) {
        outcome = stop;
        break;
      }
      if (kept >= config.count()) {
        break;
      }
      stalled = kept > before ? 0 : stalled + 1;
      if (stalled >= 2) {
        outcome = new RunOutcome.Failed(Message.of("spark.no_progress", round, Setting.NEAR_DUP));
        break;
      }
      if (round >= maxRounds) {
        outcome = new RunOutcome.Failed(Message.of("spark.rounds_exhausted", kept, config.count(), round,
            "--max-rounds", Setting.NEAR_DUP));
        break;
      }
      int[] more = split((int) (config.count() - kept), p);
      for (int i = 0; i < p; i++) {
        targets[i] = Math.max(targets[i], deliveredOf(outputs, i)) + more[i];
      }
    }

    long exactDrops = drops.filter(d -> d._2().exact()).count();
    long nearDrops = drops.count() - exactDrops;
    long deliverable = Math.min(config.count(), kept);
    JobSummary summary = JobSummary.of(outputs, config, checked.promptFingerprint(), startedAt,
        Duration.ofNanos(clock.nanoTime() - started));
    RunReport report = summary.report(outcome, config.count(), deliverable, kept - deliverable, exactDrops,
        nearDrops, checked.promptFingerprint());
    ObjectNode metadata = GenerationSlice.metadata(clock.instant(), config, checked.inputs().seeds().size(),
        deliverable, report, checked.inputsFingerprint());
    ObjectNode sparkMeta = metadata.putObject("spark");
    sparkMeta.put("partitions", p);
    sparkMeta.put("endpoints", endpoints.size());
    sparkMeta.put("rounds", round);
    sparkMeta.put("duplicates_across_partitions", exactDrops);
    sparkMeta.put("near_duplicates_across_partitions", nearDrops);
    if (deliverable > 0) {
      JavaRDD<SlicedRecord> keptRecords = records.mapToPair(r -> new scala.Tuple2<>(r.rank(), r))
          .subtractByKey(drops).sortByKey(true).values();
      writer.write(format, new DatasetHeader(metadata, SchemaWriter.asGiven(checked.inputs().schema()),
          DatasetWriter.idDigits(config.count())),
          keptRecords.toLocalIterator(), config.count());
    }
    if (report.complete() && outcome instanceof RunOutcome.Completed) {
      deleteQuietly(journalFs, journals);
    }
    slices.unpersist(false);
    drops.unpersist(false);
    return new Result(report, out.toString(), p, round, exactDrops, nearDrops);
  }

  private int partitions(JavaSparkContext jsc) {
    int n = partitions > 0 ? partitions : Math.max(endpoints.size(), jsc.defaultParallelism());
    if (n > SlicedRecord.MAX_PARTITIONS) {
      throw new ConfigException(Setting.PARTITIONS, Message.of("spark.partitions.max", Setting.PARTITIONS, n,
          SlicedRecord.MAX_PARTITIONS));
    }
    return n;
  }

  /**
   * What each partition does in a round: shares of the endpoint's limits and of the window among the tasks that
   * use the endpoint at the same time, and shares of the job's caps; null when the request cap is spent.
   */
  private RoundPlan plan(Fleet fleet, int[] targets, int slots, List<SliceOutput> before) {
    int p = fleet.partitions();
    double[] shares = new double[p];
    int[] concurrency = new int[p];
    for (int i = 0; i < p; i++) {
      int e = fleet.assignment()[i];
      int mine = fleet.partitionsOf(e);
      int atOnce = Math.max(1, Math.min(mine, (int) Math.ceil((double) slots * mine / p)));
      shares[i] = 1.0 / atOnce;
      concurrency[i] = Math.max(1, (int) Math.ceil((double) config.concurrency() / atOnce));
    }
    long[] maxRequests = new long[p];
    if (config.maxRequests() > 0) {
      long used = before.stream().flatMap(o -> o.runs().stream()).mapToLong(JobSummary::requests).sum();
      long left = config.maxRequests() - used;
      if (left <= 0) {
        return null;
      }
      java.util.Arrays.fill(maxRequests, Math.max(1, left / p));
    }
    String maxCost = config.maxCost() == null ? null
        : config.maxCost().divide(BigDecimal.valueOf(p), 8, RoundingMode.DOWN).toPlainString();
    return new RoundPlan(targets.clone(), shares, concurrency, maxRequests, maxCost);
  }

  /** N split over the partitions, the first ones taking one more when it does not divide evenly. */
  static int[] split(int n, int partitions) {
    int[] out = new int[partitions];
    for (int i = 0; i < partitions; i++) {
      out[i] = n / partitions + (i < n % partitions ? 1 : 0);
    }
    return out;
  }

  private static int deliveredOf(List<SliceOutput> outputs, int partition) {
    return outputs.stream().filter(o -> o.partition() == partition).mapToInt(SliceOutput::delivered).findFirst()
        .orElse(0);
  }

  /** The first failure of any partition, else its first stop, else null. */
  private static RunOutcome stopOf(List<SliceOutput> outputs) {
    for (SliceOutput o : outputs) {
      if ("failed".equals(o.outcome())) {
        return new RunOutcome.Failed(Message.of("spark.partition_failed", o.partition(), o.message()),
            o.byConfiguration());
      }
    }
    for (SliceOutput o : outputs) {
      if ("stopped".equals(o.outcome())) {
        return new RunOutcome.Stopped(RunOutcome.Reason.valueOf(o.stopReason()),
            Message.of("spark.partition_stopped", o.partition(), o.message()));
      }
    }
    return null;
  }

  private static void deleteQuietly(FileSystem fs, Path dir) {
    try {
      fs.delete(dir, true);
    } catch (IOException ignored) {
      // the journals of a complete output are no longer needed; left behind, they only take space
    }
  }

  /** Assembles a job; the config, the inputs, the output and at least one endpoint are required. */
  public static final class Builder {
    private SynthesisConfig config;
    private Inputs inputs;
    private String output;
    private String workDir;
    private final List<Endpoint> endpoints = new ArrayList<>();
    private int partitions;
    private int maxRounds = DEFAULT_MAX_ROUNDS;
    private JournalProbe probe = JournalProbe.NONE;
    private EngineListener listener = EngineListener.NONE;
    private EngineClock clock = EngineClock.system();

    public Builder config(SynthesisConfig v) { config = v; return this; }
    public Builder inputs(Inputs v) { inputs = v; return this; }
    /** The output: a local path or any Hadoop file system URI; its extension chooses the format. */
    public Builder output(String v) { output = v; return this; }
    /** Where the partitions' journals live; null (the default) for {@code OUTPUT.journals} beside the output. */
    public Builder workDir(String v) { workDir = v; return this; }
    public Builder endpoint(Endpoint v) { endpoints.add(Objects.requireNonNull(v)); return this; }
    public Builder endpoints(List<Endpoint> v) { endpoints.addAll(v); return this; }
    /** Partitions of the work plan; 0 (the default) for the cluster's parallelism, at least one per endpoint. */
    public Builder partitions(int v) { partitions = v; return this; }
    /** Rounds at most: the first, and top-ups after duplicates across partitions were removed. */
    public Builder maxRounds(int v) { maxRounds = v; return this; }
    public Builder probe(JournalProbe v) { probe = Objects.requireNonNull(v); return this; }
    /** Receives the driver's notices (seeds left out, a resumed job). */
    public Builder listener(EngineListener v) { listener = Objects.requireNonNull(v); return this; }
    public Builder clock(EngineClock v) { clock = Objects.requireNonNull(v); return this; }

    public SparkJob build() {
      if (maxRounds < 1) {
        throw new ConfigException(Setting.MAX_ROUNDS, Message.of("spark.max_rounds", Setting.MAX_ROUNDS, maxRounds));
      }
      if (partitions < 0) {
        throw new ConfigException(Setting.PARTITIONS, Message.of("spark.partitions.min", Setting.PARTITIONS,
            partitions));
      }
      return new SparkJob(this);
    }
  }
}
