package io.datasynth.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.metrics.DatasetMetrics.FieldMetrics;
import io.datasynth.metrics.DatasetMetrics.JudgeScores;
import io.datasynth.metrics.DatasetMetrics.RecordRef;
import io.datasynth.metrics.DatasetMetrics.SampleRecord;
import io.datasynth.metrics.DatasetMetrics.ScoredRecord;
import io.datasynth.metrics.DatasetMetrics.SeedMatch;
import io.datasynth.metrics.DatasetMetrics.SeedSimilarity;
import io.datasynth.quality.Deduplicator;
import io.datasynth.quality.RecordText;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.Schema;
import io.datasynth.seed.Seed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Measures a dataset as its records come, one by one, in memory bounded whatever their number: counters of fixed
 * size per field, a sample of {@value SimilaritySample#SIZE} records for similarity among themselves, an index of at
 * most {@value #SEEDS_COMPARED} seeds for similarity to the seeds, and short lists of the most notable records.
 * The seed-copy guard asks a {@link Deduplicator} holding the seeds, so it counts exactly what near-duplicate
 * detection would reject. Results are the same for the same records, seeds and random seed.
 *
 * <p>Not thread-safe; close it to free the guard's memory.
 */
public final class MetricsCollector implements AutoCloseable {
  /** Seeds in the similarity index at most (a seeded sample of them when there are more). */
  public static final int SEEDS_COMPARED = 1_000;
  /** Records kept for the table of samples. */
  public static final int SAMPLES = 20;
  static final int CLOSEST = 5;
  static final int LOWEST = 10;
  static final int PREVIEW = 160;
  private static final int SCORE_VALUES = 50;

  private final Schema schema;
  private final RecordText text;
  private final Map<String, FieldTally> fields = new LinkedHashMap<>();
  private final Map<String, Map<String, Double>> targets;
  private final int seedCount;
  private final List<String> indexedSeeds = new ArrayList<>();
  private final SeedIndex seedIndex;
  /** The buffers each record's grams are taken into. */
  private final GramSet.Distinct distinct = new GramSet.Distinct();
  private final Deduplicator guard;
  private final double threshold;
  private final SimilaritySample sample;
  private final SplittableRandom sampling;
  private final SampleRecord[] samples = new SampleRecord[SAMPLES];
  private final long[] samplePositions = new long[SAMPLES];

  private long records;
  private double seedSimilaritySum;
  private double seedSimilarityMax;
  private final long[] seedHistogram = new long[10];
  private long seedCopies;
  private final PriorityQueue<SeedMatch> closest = new PriorityQueue<>(CLOSER.reversed());

  private long judged;
  private double scoreSum;
  private double scoreMin = Double.POSITIVE_INFINITY;
  private double scoreMax = Double.NEGATIVE_INFINITY;
  private final TreeMap<Double, Long> scores = new TreeMap<>();
  private final List<ScoredRecord> lowest = new ArrayList<>();

  /** A copy of a seed first, then the more similar. */
  private static final Comparator<SeedMatch> CLOSER = Comparator.comparing(SeedMatch::copy)
      .thenComparingDouble(SeedMatch::similarity).reversed();

  private MetricsCollector(Builder b) {
    this.schema = b.schema;
    this.text = new RecordText(b.schema);
    this.targets = Map.copyOf(b.targets);
    this.threshold = b.threshold;
    for (Field f : b.schema.fields()) {
      fields.put(f.name(), new FieldTally(f));
    }
    this.seedCount = b.seeds.size();
    for (Seed s : b.seeds) {
      fields.forEach((name, tally) -> tally.addSeed(s.data().get(name)));
    }
    SplittableRandom random = new SplittableRandom(b.randomSeed);
    this.sample = new SimilaritySample(random.nextLong());
    this.sampling = new SplittableRandom(random.nextLong());
    if (b.seeds.isEmpty()) {
      seedIndex = null;
      guard = null;
    } else {
      List<Seed> compared = sampleSeeds(b.seeds, new SplittableRandom(random.nextLong()));
      List<GramSet> grams = new ArrayList<>();
      for (Seed s : compared) {
        indexedSeeds.add(s.id());
        grams.add(GramSet.of(text.of(s.data())));
      }
      seedIndex = new SeedIndex(grams);
      if (b.seedCopiesRuledOut) {
        guard = null;
      } else {
        guard = Deduplicator.builder(b.schema).nearDuplicateThreshold(b.threshold)
            .expectedRecords(b.seeds.size()).build();
        b.seeds.forEach(s -> guard.addSeed(s.data(), s.id()));
      }
    }
  }

  public static Builder builder(Schema schema) {
    return new Builder(Objects.requireNonNull(schema, "schema"));
  }

  /**
   * Measures one more record.
   *
   * @param id the id its file gives it, or {@code #position}
   * @param provenance its provenance, or null when its file keeps none; {@code judge_score} is read from it
   */
  public void add(String id, ObjectNode record, ObjectNode provenance) {
    long position = records++;
    fields.forEach((name, tally) -> tally.addRecord(record.get(name)));
    RecordRef[] ref = new RecordRef[1];
    java.util.function.Supplier<RecordRef> refs = () -> ref[0] != null ? ref[0]
        : (ref[0] = new RecordRef(id, preview(record)));
    if (seedIndex != null) {
      // The seed index needs the distinct grams in no order; only a record the sample keeps needs them sorted.
      GramSet.Distinct grams = distinct.of(text.of(record));
      compareWithSeeds(record, grams, refs);
      sample.offer(grams::toSet, refs);
    } else {
      sample.offer(() -> GramSet.of(text.of(record)), refs);
    }
    JsonNode score = provenance == null ? null : provenance.get("judge_score");
    if (score != null && score.isNumber()) {
      judge(score.asDouble(), refs);
    }
    keepSample(position, id, record);
  }

  private void compareWithSeeds(ObjectNode record, GramSet.Distinct grams,
      java.util.function.Supplier<RecordRef> refs) {
    SeedIndex.Nearest nearest = seedIndex.nearest(grams.grams(), grams.size());
    double similarity = nearest == null ? 0 : nearest.similarity();
    java.util.Optional<Deduplicator.Match> match = guard == null ? java.util.Optional.empty()
        : guard.check(record).filter(Deduplicator.Match::isSeed);
    boolean copy = match.isPresent();
    if (copy) {
      seedCopies++;
    }
    seedSimilaritySum += similarity;
    seedSimilarityMax = Math.max(seedSimilarityMax, similarity);
    seedHistogram[Math.min(9, (int) Math.floor(similarity * 10))]++;
    String seed = copy ? match.get().seedId()
        : nearest == null ? null : indexedSeeds.get(nearest.seed());
    if (seed == null) {
      return;
    }
    SeedMatch candidate = new SeedMatch(null, seed, similarity, copy);
    if (closest.size() < CLOSEST || CLOSER.compare(candidate, closest.peek()) < 0) {
      closest.add(new SeedMatch(refs.get(), seed, similarity, copy));
      if (closest.size() > CLOSEST) {
        closest.poll();
      }
    }
  }

  private void judge(double score, java.util.function.Supplier<RecordRef> refs) {
    judged++;
    scoreSum += score;
    scoreMin = Math.min(scoreMin, score);
    scoreMax = Math.max(scoreMax, score);
    scores.merge(Math.round(score * 1000) / 1000.0, 1L, Long::sum);
    if (scores.size() > SCORE_VALUES) {
      TreeMap<Double, Long> coarse = new TreeMap<>();
      scores.forEach((k, v) -> coarse.merge(Math.round(k * 10) / 10.0, v, Long::sum));
      scores.clear();
      scores.putAll(coarse);
    }
    // Ties keep the earlier record: a later one enters only when strictly lower.
    if (lowest.size() < LOWEST || score < lowestMax()) {
      lowest.add(new ScoredRecord(refs.get(), score));
      if (lowest.size() > LOWEST) {
        removeHighestLatest();
      }
    }
  }

  private double lowestMax() {
    return lowest.stream().mapToDouble(ScoredRecord::score).max().orElse(Double.POSITIVE_INFINITY);
  }

  private void removeHighestLatest() {
    ScoredRecord worst = null;
    for (ScoredRecord r : lowest) {
      if (worst == null || r.score() >= worst.score()) {
        worst = r;
      }
    }
    lowest.remove(worst);
  }

  private void keepSample(long position, String id, ObjectNode record) {
    int slot;
    if (position < SAMPLES) {
      slot = (int) position;
    } else {
      long j = sampling.nextLong(position + 1);
      if (j >= SAMPLES) {
        return;
      }
      slot = (int) j;
    }
    samples[slot] = new SampleRecord(id, record);
    samplePositions[slot] = position;
  }

  /** What was measured so far. */
  public DatasetMetrics result() {
    List<FieldMetrics> out = new ArrayList<>();
    fields.forEach((name, tally) -> out.add(tally.result(targets.get(name), seedCount > 0)));
    SeedSimilarity seeds = null;
    if (seedIndex != null) {
      List<SeedMatch> best = new ArrayList<>(closest);
      best.sort(CLOSER);
      List<Long> histogram = Arrays.stream(seedHistogram).boxed().toList();
      seeds = new SeedSimilarity(indexedSeeds.size(), records == 0 ? 0 : seedSimilaritySum / records,
          seedSimilarityMax, histogram, threshold, seedCopies, best);
    }
    JudgeScores judge = null;
    if (judged > 0) {
      List<ScoredRecord> low = new ArrayList<>(lowest);
      low.sort(Comparator.comparingDouble(ScoredRecord::score));
      judge = new JudgeScores(judged, scoreSum / judged, scoreMin, scoreMax, scores, low);
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < SAMPLES; i++) {
      if (samples[i] != null) {
        order.add(i);
      }
    }
    order.sort(Comparator.comparingLong(i -> samplePositions[i]));
    List<SampleRecord> shown = order.stream().map(i -> samples[i]).toList();
    return new DatasetMetrics(records, seedCount, out, sample.result(), seeds, judge, shown);
  }

  /** The schema the records are measured by. */
  public Schema schema() {
    return schema;
  }

  @Override
  public void close() {
    if (guard != null) {
      guard.close();
    }
  }

  /** The start of a record's text for people: its text-bearing fields in schema order, else its JSON. */
  private String preview(ObjectNode record) {
    StringBuilder sb = new StringBuilder();
    for (Field f : schema.fields()) {
      JsonNode v = record.get(f.name());
      if (v == null || v.isNull() || f.type() == FieldType.INT || f.type() == FieldType.FLOAT
          || f.type() == FieldType.BOOL) {
        continue;
      }
      String t = FieldTally.text(v).strip();
      if (!t.isEmpty()) {
        sb.append(sb.length() > 0 ? " · " : "").append(t);
      }
      if (sb.length() > PREVIEW * 2) {
        break;
      }
    }
    String s = io.datasynth.text.Spaces.collapse(sb.length() == 0 ? Json.compact(record) : sb.toString());
    return s.codePointCount(0, s.length()) <= PREVIEW ? s
        : s.substring(0, s.offsetByCodePoints(0, PREVIEW)) + "…";
  }

  private static List<Seed> sampleSeeds(List<Seed> seeds, SplittableRandom random) {
    if (seeds.size() <= SEEDS_COMPARED) {
      return seeds;
    }
    List<Seed> pool = new ArrayList<>(seeds);
    for (int i = 0; i < SEEDS_COMPARED; i++) {
      java.util.Collections.swap(pool, i, i + random.nextInt(pool.size() - i));
    }
    return pool.subList(0, SEEDS_COMPARED);
  }

  /** Settings of a {@link MetricsCollector}. */
  public static final class Builder {
    private final Schema schema;
    private List<Seed> seeds = List.of();
    private double threshold = Deduplicator.DEFAULT_THRESHOLD;
    private long randomSeed = 42;
    private Map<String, Map<String, Double>> targets = Map.of();
    private boolean seedCopiesRuledOut;

    private Builder(Schema schema) {
      this.schema = schema;
    }

    /** The seeds to compare records with; none by default. */
    public Builder seeds(List<Seed> v) {
      seeds = List.copyOf(v);
      return this;
    }

    /** The near-duplicate threshold of the seed-copy guard, in (0, 1]; default {@value Deduplicator#DEFAULT_THRESHOLD}. */
    public Builder nearDuplicateThreshold(double v) {
      threshold = v;
      return this;
    }

    /** Seeds the sampling, so the same records give the same samples; default 42. */
    public Builder randomSeed(long v) {
      randomSeed = v;
      return this;
    }

    /**
     * Whether the records to come are known to copy none of the seeds, because a run's deduplication compared each
     * with the same seeds at the same threshold and kept it (see {@code QualityPath#seedCopiesRuledOut}): then the
     * seed-copy guard, which would repeat that work on every record, is not built and no record counts as a copy.
     * False by default.
     */
    public Builder seedCopiesRuledOut(boolean v) {
      seedCopiesRuledOut = v;
      return this;
    }

    /** Records a plan aims at, by field and value, for the distributions; none by default. */
    public Builder targets(Map<String, Map<String, Double>> v) {
      targets = Map.copyOf(v);
      return this;
    }

    /**
     * The collector.
     *
     * @throws IllegalArgumentException when the threshold is not in (0, 1]
     */
    public MetricsCollector build() {
      if (!(threshold > 0 && threshold <= 1)) {
        throw new IllegalArgumentException("near-duplicate threshold is " + threshold + "; give one in (0, 1]");
      }
      return new MetricsCollector(this);
    }
  }
}
