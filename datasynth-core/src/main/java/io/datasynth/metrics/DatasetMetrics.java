package io.datasynth.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * What a dataset measures, against its seeds when they are known: the values the quality report draws and the MCP
 * tools return. Everything in it is bounded in size whatever the dataset's, so a million-record output gives a
 * value as small as a hundred-record one.
 *
 * @param records records measured
 * @param seeds seeds compared against; 0 when none were given
 * @param fields one entry per field, in schema order
 * @param selfSimilarity how alike the records are among themselves, over a bounded sample
 * @param seedSimilarity how close records come to the seeds; null when there are no seeds
 * @param judge the judge's scores from the records' provenance; null when no record was judged
 * @param samples a few records for people to look at, in file order
 */
public record DatasetMetrics(long records, int seeds, List<FieldMetrics> fields, SelfSimilarity selfSimilarity,
    SeedSimilarity seedSimilarity, JudgeScores judge, List<SampleRecord> samples) {

  public DatasetMetrics {
    fields = List.copyOf(fields);
    samples = List.copyOf(samples);
  }

  /** How a field is measured. */
  public enum FieldKind {
    /** Free text (or strings inside lists and objects): diversity and lengths. */
    TEXT,
    /** A few values that repeat (an enum, a label, a score): their distribution. */
    CATEGORICAL,
    /** Neither, e.g. numbers that rarely repeat. */
    OTHER
  }

  /**
   * One field's measures.
   *
   * @param type the schema type's name ({@code text}, {@code int}, …)
   * @param records the field's diversity over the records; null unless it holds text ({@link FieldKind#TEXT}, or
   *     a text field without an enum that repeats a few values)
   * @param seeds the same over the seeds; null when {@code records} is, or when there are no seeds
   * @param lengths lengths in characters (code points), seeds against records; null when {@code records} is
   * @param values the distribution of values; null unless {@link FieldKind#CATEGORICAL}
   */
  public record FieldMetrics(String name, String type, FieldKind kind, Diversity records, Diversity seeds,
      LengthDistribution lengths, List<ValueShare> values) {
    public FieldMetrics {
      values = values == null ? null : List.copyOf(values);
    }
  }

  /**
   * Distinct-n of one field: distinct n-grams of tokens over all n-grams, across every value of the field. Tokens
   * are single characters in scripts written without spaces (Chinese, Japanese, Thai) and words otherwise.
   *
   * @param tokens tokens counted
   * @param distinct1 distinct tokens ÷ tokens; 0 when there are none
   * @param distinct2 distinct token pairs ÷ pairs (pairs do not cross values); 0 when there are none
   * @param exact whether the distinct counts are exact (else estimated within about 1%)
   */
  public record Diversity(long tokens, double distinct1, double distinct2, boolean exact) {}

  /**
   * Lengths of a text field, seeds against records.
   *
   * @param seeds the seeds' lengths; null when there are no seeds
   * @param bins the same bins for both, as shares of each
   */
  public record LengthDistribution(LengthSummary records, LengthSummary seeds, List<LengthBin> bins) {
    public LengthDistribution {
      bins = List.copyOf(bins);
    }
  }

  /** Count, mean, median, 90th percentile and maximum of lengths in characters. */
  public record LengthSummary(long count, double mean, long median, long p90, long max) {}

  /**
   * One bin of a length distribution: lengths from {@code from} to {@code to} inclusive ({@code to} is
   * {@link Long#MAX_VALUE} for the last, open bin), with the share of seeds and of records in it.
   */
  public record LengthBin(long from, long to, double seedShare, double recordShare) {}

  /**
   * One value of a categorical field.
   *
   * @param value the value as text ({@code 退换货}, {@code 1}, {@code true})
   * @param target records the plan aimed at for it; null when there is no plan for the field
   */
  public record ValueShare(String value, long seedCount, long recordCount, Double target) {}

  /**
   * The records' similarity among themselves: character 3-gram Jaccard similarity of their text (as near-duplicate
   * detection compares it) over every pair of a seeded random sample.
   *
   * @param sampled records in the sample (all of them, up to the sample size)
   * @param mean the mean similarity over the sample's pairs; 0 with fewer than two records
   * @param mostSimilar the most similar pairs, most similar first; pairs that share no 3-gram are left out
   * @param clusterThreshold the similarity from which two sampled records are put in one cluster
   * @param clusters groups of sampled records linked by pairs at or above that threshold, largest first
   */
  public record SelfSimilarity(int sampled, long pairs, double mean, List<SimilarPair> mostSimilar,
      double clusterThreshold, List<Cluster> clusters) {
    public SelfSimilarity {
      mostSimilar = List.copyOf(mostSimilar);
      clusters = List.copyOf(clusters);
    }
  }

  /**
   * Sampled records linked by similar pairs.
   *
   * @param size how many sampled records it holds
   * @param members the first of them, in file order
   */
  public record Cluster(int size, List<RecordRef> members) {
    public Cluster {
      members = List.copyOf(members);
    }
  }

  /** Two records and how similar they are. */
  public record SimilarPair(RecordRef a, RecordRef b, double similarity) {}

  /**
   * A record as the report names it.
   *
   * @param id the id the file gives it ({@code SYNTH_0001}, or {@code #12} for the 12th)
   * @param preview the start of its text, for people
   */
  public record RecordRef(String id, String preview) {}

  /**
   * How close the records come to the seeds.
   *
   * @param compared seeds in the similarity index (all of them, up to a limit)
   * @param mean the mean over records of the similarity to the nearest seed
   * @param max the highest such similarity
   * @param histogram records by their nearest seed's similarity in ten bins of 0.1 (the last holds 1.0)
   * @param threshold the near-duplicate threshold of the seed-copy guard
   * @param seedCopies records that near-duplicate detection would reject as copies of a seed: exact duplicates, or
   *     estimated similarity at or above the threshold. Zero in every output DataSynth wrote with dedup on.
   * @param closest the records closest to a seed, closest first
   */
  public record SeedSimilarity(int compared, double mean, double max, List<Long> histogram, double threshold,
      long seedCopies, List<SeedMatch> closest) {
    public SeedSimilarity {
      histogram = List.copyOf(histogram);
      closest = List.copyOf(closest);
    }
  }

  /** A record, its nearest seed and their similarity. */
  public record SeedMatch(RecordRef record, String seed, double similarity, boolean copy) {}

  /**
   * The judge's scores.
   *
   * @param judged records with a score
   * @param distribution records by score, lowest score first
   * @param lowest the lowest-scored records, lowest first
   */
  public record JudgeScores(long judged, double mean, double min, double max, Map<Double, Long> distribution,
      List<ScoredRecord> lowest) {
    public JudgeScores {
      distribution = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(distribution));
      lowest = List.copyOf(lowest);
    }
  }

  /** A record with its judge's score. */
  public record ScoredRecord(RecordRef record, double score) {}

  /** A record shown in the report's table of samples. */
  public record SampleRecord(String id, ObjectNode data) {}
}
