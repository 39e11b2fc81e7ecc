package io.datasynth.quality;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.schema.Schema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The memory of the records kept so far, which recognises exact and near duplicates of them.
 *
 * <p><b>Exact duplicates</b> are equal after normalisation: keys sorted, text trimmed, whitespace collapsed,
 * Unicode NFKC, lower case, numbers by value ({@code 1} equals {@code 1.0}); the {@code id} and {@code metadata}
 * keys and top-level nulls are ignored. Only 96 bits of a hash of that form are stored.
 *
 * <p><b>Near duplicates</b> have a character 3-gram Jaccard similarity at or above the threshold (the DataCheck
 * tool flags 0.8), computed on the normalised text of the schema's text fields and of the strings inside its
 * list and object fields. Similarity is estimated with a 128-position MinHash and candidates are found through
 * LSH bands, so a lookup touches only records that share a band, never all of them; at most
 * {@value #MAX_CANDIDATES} candidates are compared per lookup. Texts shorter than 20 code points are only checked
 * exactly. The estimate errs by about ±0.035 near 0.8, and a pair at exactly the threshold is found with
 * probability of at least 0.97; pairs well above it are found all but surely. Results are deterministic.
 *
 * <p><b>Memory.</b> Records are remembered under an <em>ordinal</em> (a number the caller gives, such as the
 * record's position in the output) and seeds under their id. On the Java heap a record costs 21 to 43 bytes (its
 * exact key and ordinal in one {@code long[]} table); seed ids are kept as they are, so keep seeds few. The
 * MinHash signatures (264 bytes a record) and the band index (about 200 to 290 bytes a record at 0.8) live off the
 * heap, in private (copy-on-write) mappings of sparse temporary files in the {@linkplain Builder#spillDirectory
 * spill directory}: process memory outside the Java heap and the direct-memory limit, never written to disk. The
 * files are deleted as soon as they are opened, so a crash leaves nothing behind; {@link #close} frees the memory at
 * once. With near-duplicate detection off no file is made.
 *
 * <p><b>Not thread-safe</b>: one writer thread owns an instance (the engine's writer, which also owns the output
 * and the journal).
 */
public final class Deduplicator implements AutoCloseable {
  /** The ordinal of a {@link Match} with a seed, which has an id instead. */
  public static final long NO_ORDINAL = -1;

  /** The largest ordinal a record can be remembered under. */
  public static final long MAX_ORDINAL = Integer.MAX_VALUE - 1L;

  /** The near-duplicate threshold of {@link #builder}, the one DataCheck flags. */
  public static final double DEFAULT_THRESHOLD = 0.8;

  /** Candidates compared per lookup at most, so a cluster of similar records cannot make lookups linear. */
  static final int MAX_CANDIDATES = 2_000;

  /**
   * A remembered record that a new one duplicates.
   *
   * @param ordinal the ordinal the remembered record was added under, or {@link #NO_ORDINAL} for a seed
   * @param seedId the id the remembered seed was added under, or null for a record
   * @param exact whether the records are equal after normalisation
   * @param similarity the estimated 3-gram Jaccard similarity; 1.0 for exact duplicates
   */
  public record Match(long ordinal, String seedId, boolean exact, double similarity) {
    /** A match with the record remembered under {@code ordinal}. */
    public static Match ofRecord(long ordinal, boolean exact, double similarity) {
      return new Match(ordinal, null, exact, similarity);
    }

    /** A match with the seed remembered under {@code id}. */
    public static Match ofSeed(String id, boolean exact, double similarity) {
      return new Match(NO_ORDINAL, id, exact, similarity);
    }

    /** Whether the duplicated one is a seed (named by {@link #seedId}) rather than a record. */
    public boolean isSeed() {
      return seedId != null;
    }

    /**
     * The seed id, or the ordinal as decimal text; for callers of the deprecated {@link #add(ObjectNode, String)}.
     *
     * @deprecated render {@link #ordinal} as the output's id instead (e.g. {@code DatasetWriter.id(ordinal)})
     */
    @Deprecated
    public String id() {
      return seedId != null ? seedId : Long.toString(ordinal);
    }
  }

  private final RecordKeys keys;
  private final MinHash minHash;
  private final int allowedMismatches;
  private final Path spillDirectory;
  private final long expectedRecords;
  private final ExactIndex exact;
  private final List<String> seedIds = new ArrayList<>();
  private final int[] candidates = new int[MAX_CANDIDATES];
  private final SeenSet seen = new SeenSet(MAX_CANDIDATES);
  private SignatureStore signatures;
  private BandTable bands;
  private long comparisons;
  private long truncatedLookups;
  /** What {@link BandTable#load} read; kept only so the reads happen. */
  private long loaded;
  private boolean closed;

  /**
   * A deduplicator for records of a schema, with its spill files in the system's temporary folder.
   *
   * @param nearDuplicateThreshold as for {@link Builder#nearDuplicateThreshold}
   * @throws IllegalArgumentException when the threshold is not above 0
   */
  public Deduplicator(Schema schema, double nearDuplicateThreshold) {
    this(builder(schema).nearDuplicateThreshold(nearDuplicateThreshold).validated());
  }

  private Deduplicator(Builder b) {
    this.keys = new RecordKeys(b.schema);
    this.minHash = b.threshold >= 1.0 ? null : new MinHash(b.threshold);
    this.allowedMismatches = (int) Math.floor(MinHash.SIZE * (1 - b.threshold) + 1e-9);
    this.spillDirectory = b.spillDirectory != null ? b.spillDirectory
        : Path.of(System.getProperty("java.io.tmpdir"));
    this.expectedRecords = b.expectedRecords;
    this.exact = new ExactIndex(b.expectedRecords);
  }

  /** A builder for a deduplicator of records of {@code schema}; never null. */
  public static Builder builder(Schema schema) {
    return new Builder(Objects.requireNonNull(schema, "schema"));
  }

  /**
   * Finds the remembered record that {@code record} duplicates, without remembering it.
   *
   * @return the best match (exact first, else the most similar, earliest on ties), or empty when it is new
   */
  public Optional<Match> check(ObjectNode record) {
    Objects.requireNonNull(record, "record");
    checkOpen();
    RecordKeys.Key key = keys.key(record);
    int same = exact.get(key.hi(), key.lo());
    return same != 0 ? Optional.of(match(same, true, 1.0)) : findNear(sketch(record));
  }

  /**
   * Remembers {@code record} under {@code ordinal} when it is new.
   *
   * @param ordinal from 0 to {@link #MAX_ORDINAL}; returned in the match when a later record duplicates it. The
   *     deduplicator does not require ordinals to be distinct or in order.
   * @return empty when the record was new and is now remembered; else the match, and the record is not remembered
   * @throws IllegalArgumentException when the ordinal is out of range
   */
  public Optional<Match> add(ObjectNode record, long ordinal) {
    Objects.requireNonNull(record, "record");
    if (ordinal < 0 || ordinal > MAX_ORDINAL) {
      throw new IllegalArgumentException("ordinal " + ordinal + " is outside 0.." + MAX_ORDINAL);
    }
    return remember(record, (int) ordinal + 1);
  }

  /**
   * Remembers a seed under its id when it is new. Seed ids stay on the heap: meant for the few dozen seeds of a
   * run, not for generated records.
   *
   * @param id the seed's id, returned in the match when a later record duplicates it; never null
   * @return as for {@link #add(ObjectNode, long)}
   */
  public Optional<Match> addSeed(ObjectNode seed, String id) {
    Objects.requireNonNull(seed, "seed");
    Objects.requireNonNull(id, "id");
    checkOpen();
    Optional<Match> match = remember(seed, -(seedIds.size() + 1));
    if (match.isEmpty()) {
      seedIds.add(id);
    }
    return match;
  }

  /**
   * Remembers {@code record} under an id of any form, kept on the heap like a seed's.
   *
   * @deprecated keeps every id on the heap; use {@link #add(ObjectNode, long)} for records and
   *     {@link #addSeed} for seeds
   */
  @Deprecated
  public Optional<Match> add(ObjectNode record, String id) {
    return addSeed(record, id);
  }

  /** How many records and seeds are remembered. */
  public int size() {
    return exact.size();
  }

  /** Bytes of memory-mapped (off-heap) memory the near-duplicate index takes now; 0 before the first signature. */
  public long offHeapBytes() {
    return (signatures == null ? 0 : signatures.bytes()) + (bands == null ? 0 : bands.bytes());
  }

  /** Bytes of heap the exact-duplicate index takes now, not counting seed ids. */
  long heapBytes() {
    return exact.bytes();
  }

  /** How many signature comparisons lookups have made so far; for tests of sub-linear behaviour. */
  long comparisons() {
    return comparisons;
  }

  /**
   * How many lookups stopped at {@value #MAX_CANDIDATES} candidates before comparing every record and seed that shares
   * a band: only those can have missed a seed a seed-only index would have found.
   */
  long truncatedLookups() {
    return truncatedLookups;
  }

  /** Frees the spill files; the deduplicator cannot be used afterwards. Safe to call twice. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (signatures != null) {
      signatures.close();
    }
    if (bands != null) {
      bands.close();
    }
  }

  /** The record's reference when new (then remembered), else the match. */
  private Optional<Match> remember(ObjectNode record, int ref) {
    checkOpen();
    RecordKeys.Key key = keys.key(record);
    int same = exact.get(key.hi(), key.lo());
    if (same != 0) {
      return Optional.of(match(same, true, 1.0));
    }
    Sketch sketch = sketch(record);
    Optional<Match> near = findNear(sketch);
    if (near.isEmpty()) {
      exact.put(key.hi(), key.lo(), ref);
      if (sketch != null) {
        store(sketch, ref);
      }
    }
    return near;
  }

  /** A record's packed signature and band keys; null when the record is too short for near-duplicate checks. */
  private record Sketch(long[] packed, int[] bandKeys) {}

  private Sketch sketch(ObjectNode record) {
    if (minHash == null) {
      return null;
    }
    int[] sig = minHash.signature(keys.nearText(record));
    if (sig == null) {
      return null;
    }
    int[] bandKeys = new int[minHash.bands()];
    for (int b = 0; b < bandKeys.length; b++) {
      bandKeys[b] = minHash.bandKey(sig, b);
    }
    return new Sketch(SignatureStore.pack(sig), bandKeys);
  }

  private Optional<Match> findNear(Sketch s) {
    if (s == null || signatures == null) {
      return Optional.empty();
    }
    seen.clear();
    loaded ^= bands.load(s.bandKeys());
    int best = -1;
    int bestMismatches = Integer.MAX_VALUE;
    int compared = 0;
    boolean truncated = false;
    for (int bandKey : s.bandKeys()) {
      int n = bands.collect(bandKey, candidates, 0);
      // A full array may mean the band holds more than it took.
      truncated |= n == candidates.length;
      for (int c = 0; c < n; c++) {
        if (compared >= MAX_CANDIDATES) {
          truncated = true;
          break;
        }
        int candidate = candidates[c];
        if (!seen.add(candidate)) {
          continue;
        }
        compared++;
        comparisons++;
        int mismatches = signatures.mismatches(candidate, s.packed(), allowedMismatches);
        if (mismatches <= allowedMismatches
            && (mismatches < bestMismatches || mismatches == bestMismatches && candidate < best)) {
          best = candidate;
          bestMismatches = mismatches;
        }
      }
    }
    if (truncated) {
      truncatedLookups++;
    }
    if (best < 0) {
      return Optional.empty();
    }
    return Optional.of(match(signatures.ref(best), false, (double) (MinHash.SIZE - bestMismatches) / MinHash.SIZE));
  }

  private void store(Sketch s, int ref) {
    if (signatures == null) {
      signatures = new SignatureStore(spillDirectory);
      bands = new BandTable(spillDirectory, expectedRecords * s.bandKeys().length);
    }
    int n = signatures.add(s.packed(), ref);
    for (int bandKey : s.bandKeys()) {
      bands.add(bandKey, n);
    }
  }

  private Match match(int ref, boolean isExact, double similarity) {
    return ref > 0 ? Match.ofRecord(ref - 1L, isExact, similarity)
        : Match.ofSeed(seedIds.get(-ref - 1), isExact, similarity);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this deduplicator is closed");
    }
  }

  /** A set of small ints cleared in constant time, for the candidates of one lookup. */
  private static final class SeenSet {
    private final int[] values;
    private final int[] stamps;
    private int stamp;

    SeenSet(int capacity) {
      int slots = Integer.highestOneBit(capacity * 2 - 1) << 1;
      values = new int[slots];
      stamps = new int[slots];
    }

    void clear() {
      if (++stamp == 0) {
        java.util.Arrays.fill(stamps, 0);
        stamp = 1;
      }
    }

    /** Adds {@code v}; false when it was there already. Holds at most half its slots between clears. */
    boolean add(int v) {
      int mask = values.length - 1;
      for (int i = (v * 0x9E37_79B9) & mask; ; i = (i + 1) & mask) {
        if (stamps[i] != stamp) {
          stamps[i] = stamp;
          values[i] = v;
          return true;
        }
        if (values[i] == v) {
          return false;
        }
      }
    }
  }

  /** Settings of a {@link Deduplicator}. */
  public static final class Builder {
    private final Schema schema;
    private double threshold = DEFAULT_THRESHOLD;
    private long expectedRecords;
    private Path spillDirectory;

    private Builder(Schema schema) {
      this.schema = schema;
    }

    /**
     * The 3-gram Jaccard similarity from which a record is a near duplicate, in (0, 1]; 1.0 or more turns
     * near-duplicate detection off (exact duplicates are still found). Default {@value #DEFAULT_THRESHOLD}.
     */
    public Builder nearDuplicateThreshold(double v) {
      threshold = v;
      return this;
    }

    /**
     * How many records and seeds are expected, so the indexes are sized once instead of growing (growing copies
     * them); 0 (the default) starts small. More may be added.
     */
    public Builder expectedRecords(long v) {
      expectedRecords = v;
      return this;
    }

    /**
     * The folder for the sparse files the off-heap memory (about 0.5 KB a record at 0.8) is mapped from; default the
     * system's temporary folder. They take no disk space and are deleted as soon as they are opened, so they never
     * show there; the folder only has to be writable. Where it is not (or a file-size limit forbids), the memory is
     * direct buffers instead, limited by {@code -XX:MaxDirectMemorySize}, and a warning is logged.
     */
    public Builder spillDirectory(Path v) {
      spillDirectory = v;
      return this;
    }

    /**
     * The deduplicator.
     *
     * @throws IllegalArgumentException when the threshold is not above 0 or the expected count is negative
     */
    public Deduplicator build() {
      return new Deduplicator(validated());
    }

    private Builder validated() {
      if (!(threshold > 0)) {
        throw new IllegalArgumentException("near-duplicate threshold is " + threshold
            + "; set it between 0 (exclusive) and 1, e.g. 0.8, or to 1 to find exact duplicates only");
      }
      if (expectedRecords < 0) {
        throw new IllegalArgumentException("expected records is " + expectedRecords + "; give 0 or more");
      }
      return this;
    }
  }
}
