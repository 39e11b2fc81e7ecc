package io.datasynth.quality;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.schema.Schema;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The memory of the records kept so far, which recognises exact and near duplicates of them.
 *
 * <p><b>Exact duplicates</b> are equal after normalisation: keys sorted, text trimmed, whitespace collapsed,
 * Unicode NFKC, lower case, numbers by value ({@code 1} equals {@code 1.0}); the {@code id} and {@code metadata}
 * keys and top-level nulls are ignored. Only a 128-bit hash of that form is stored.
 *
 * <p><b>Near duplicates</b> have a character 3-gram Jaccard similarity at or above the threshold (the DataCheck
 * tool flags 0.8), computed on the normalised text of the schema's text fields and of the strings inside its
 * list and object fields. Similarity is estimated with 128-function MinHash and candidates are found through
 * LSH bands, so a lookup touches only records that share a band, never all of them; at most
 * {@value #MAX_CANDIDATES} candidates are compared per lookup. Texts shorter than 20 code points are only checked
 * exactly. The estimate errs by about ±0.035 near 0.8, and a pair at exactly the threshold is found with
 * probability of at least 0.97; pairs well above it are found all but surely. Results are deterministic.
 *
 * <p>Memory per remembered record is bounded, whatever its length: its id, a 128-bit key, a 256-byte
 * signature and one index entry per band, about 1 KB in all.
 *
 * <p><b>Not thread-safe</b>: one writer thread owns an instance (the engine's writer, which also owns the output
 * and the journal).
 */
public final class Deduplicator {
  /** Candidates compared per lookup at most, so a cluster of similar records cannot make lookups linear. */
  static final int MAX_CANDIDATES = 2_000;

  /**
   * A remembered record that a new one duplicates.
   *
   * @param id the id the remembered record was added under
   * @param exact whether the records are equal after normalisation
   * @param similarity the estimated 3-gram Jaccard similarity; 1.0 for exact duplicates
   */
  public record Match(String id, boolean exact, double similarity) {}

  private final RecordKeys keys;
  private final MinHash minHash;
  private final int allowedMismatches;
  private final Map<RecordKeys.Key, String> exact = new HashMap<>();
  private final BandIndex index = new BandIndex();
  private short[] signatures = new short[MinHash.SIZE * 64];
  private String[] nearIds = new String[64];
  private int[] seen = new int[64];
  private int nearCount;
  private int stamp;
  private long comparisons;

  /**
   * A deduplicator for records of a schema.
   *
   * @param nearDuplicateThreshold the 3-gram Jaccard similarity from which a record is a near duplicate, in
   *     (0, 1]; 1.0 or more turns near-duplicate detection off (exact duplicates are still found). Callers use
   *     0.8 by default, as DataCheck does.
   * @throws IllegalArgumentException when the threshold is not above 0
   */
  public Deduplicator(Schema schema, double nearDuplicateThreshold) {
    if (!(nearDuplicateThreshold > 0)) {
      throw new IllegalArgumentException("near-duplicate threshold is " + nearDuplicateThreshold
          + "; set it between 0 (exclusive) and 1, e.g. 0.8, or to 1 to find exact duplicates only");
    }
    this.keys = new RecordKeys(schema);
    this.minHash = nearDuplicateThreshold >= 1.0 ? null : new MinHash(nearDuplicateThreshold);
    this.allowedMismatches = (int) Math.floor(MinHash.SIZE * (1 - nearDuplicateThreshold) + 1e-9);
  }

  /**
   * Finds the remembered record that {@code record} duplicates, without remembering it.
   *
   * @return the best match (exact first, else the most similar, earliest on ties), or empty when it is new
   */
  public Optional<Match> check(ObjectNode record) {
    Objects.requireNonNull(record, "record");
    String same = exact.get(keys.key(record));
    return same != null ? Optional.of(new Match(same, true, 1.0)) : findNear(sketch(record));
  }

  /**
   * Remembers {@code record} under {@code id} when it is new.
   *
   * @param id the record's id, returned when a later record duplicates it; never null
   * @return empty when the record was new and is now remembered; else the match, and the record is not
   *     remembered
   */
  public Optional<Match> add(ObjectNode record, String id) {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(id, "id");
    RecordKeys.Key key = keys.key(record);
    String same = exact.get(key);
    if (same != null) {
      return Optional.of(new Match(same, true, 1.0));
    }
    Sketch sketch = sketch(record);
    Optional<Match> near = findNear(sketch);
    if (near.isEmpty()) {
      remember(key, sketch, id);
    }
    return near;
  }

  /** How many records are remembered. */
  public int size() {
    return exact.size();
  }

  /** How many signature comparisons lookups have made so far; for tests of sub-linear behaviour. */
  long comparisons() {
    return comparisons;
  }

  /** A record's signature and band keys; null fields when the record is too short for near-duplicate checks. */
  private record Sketch(int[] signature, int[] bandKeys) {
    static final Sketch NONE = new Sketch(null, null);
  }

  private Sketch sketch(ObjectNode record) {
    if (minHash == null) {
      return Sketch.NONE;
    }
    int[] sig = minHash.signature(keys.nearText(record));
    if (sig == null) {
      return Sketch.NONE;
    }
    int[] bandKeys = new int[minHash.bands()];
    for (int b = 0; b < bandKeys.length; b++) {
      bandKeys[b] = minHash.bandKey(sig, b);
    }
    return new Sketch(sig, bandKeys);
  }

  private Optional<Match> findNear(Sketch s) {
    if (s.signature() == null) {
      return Optional.empty();
    }
    if (++stamp == 0) {
      Arrays.fill(seen, 0);
      stamp = 1;
    }
    int best = -1;
    int bestMatches = -1;
    int compared = 0;
    for (int bandKey : s.bandKeys()) {
      for (int e = index.first(bandKey); e >= 0 && compared < MAX_CANDIDATES; e = index.next(e)) {
        int candidate = index.record(e);
        if (seen[candidate] == stamp) {
          continue;
        }
        seen[candidate] = stamp;
        compared++;
        comparisons++;
        int matches = agreement(s.signature(), candidate);
        if (matches > bestMatches || matches == bestMatches && candidate < best) {
          best = candidate;
          bestMatches = matches;
        }
      }
    }
    if (bestMatches < 0) {
      return Optional.empty();
    }
    return Optional.of(new Match(nearIds[best], false, (double) bestMatches / MinHash.SIZE));
  }

  /** Positions where the signatures agree, or -1 as soon as too many disagree for the threshold. */
  private int agreement(int[] sig, int candidate) {
    int base = candidate * MinHash.SIZE;
    int mismatches = 0;
    for (int k = 0; k < MinHash.SIZE; k++) {
      if ((short) sig[k] != signatures[base + k] && ++mismatches > allowedMismatches) {
        return -1;
      }
    }
    return MinHash.SIZE - mismatches;
  }

  private void remember(RecordKeys.Key key, Sketch s, String id) {
    exact.put(key, id);
    if (s.signature() == null) {
      return;
    }
    int n = nearCount++;
    if (n == nearIds.length) {
      nearIds = Arrays.copyOf(nearIds, n * 2);
      seen = Arrays.copyOf(seen, n * 2);
      signatures = Arrays.copyOf(signatures, n * 2 * MinHash.SIZE);
    }
    nearIds[n] = id;
    // The low 16 bits of each minimum tell equal minima apart well enough: unequal ones agree with
    // probability 2^-16, which moves a similarity estimate by far less than its sampling error.
    for (int k = 0; k < MinHash.SIZE; k++) {
      signatures[n * MinHash.SIZE + k] = (short) s.signature()[k];
    }
    for (int bandKey : s.bandKeys()) {
      index.add(bandKey, n);
    }
  }
}
