package io.datasynth.quality;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.schema.Schema;
import java.util.Objects;

/**
 * The deduplication fingerprints of single records, for finding duplicates where no one {@link Deduplicator} sees
 * every record (the partitions of a job split across machines). A {@link Sketch} holds a record's exact key and its
 * packed MinHash signature with the LSH band keys, made exactly as a {@link Deduplicator} with the same threshold
 * makes them; {@link #nearDuplicates} applies its rule. So two records that a {@code Deduplicator} would call exact
 * or near duplicates have equal keys, or share a band key and pass {@code nearDuplicates}.
 *
 * <p>Not thread-safe (the exact key uses one {@link java.security.MessageDigest}): one sketcher per thread.
 */
public final class RecordSketcher {
  private final RecordKeys keys;
  private final MinHash minHash;
  private final int allowedMismatches;

  /**
   * A sketcher for records of a schema.
   *
   * @param threshold the 3-gram Jaccard similarity from which records are near duplicates, in (0, 1]; 1 finds exact
   *     duplicates only (sketches then have no signature)
   * @throws IllegalArgumentException when the threshold is not above 0
   */
  public RecordSketcher(Schema schema, double threshold) {
    Objects.requireNonNull(schema, "schema");
    if (!(threshold > 0)) {
      throw new IllegalArgumentException("near-duplicate threshold is " + threshold + "; give a value above 0");
    }
    this.keys = new RecordKeys(schema);
    this.minHash = threshold >= 1.0 ? null : new MinHash(threshold);
    this.allowedMismatches = (int) Math.floor(MinHash.SIZE * (1 - threshold) + 1e-9);
  }

  /**
   * A record's fingerprints.
   *
   * @param keyHigh the first 64 bits of the record's exact key (equal keys: exact duplicates)
   * @param keyLow the next 64 bits of its exact key
   * @param signature the packed MinHash signature; null when near-duplicate checks are off or the record's text is
   *     too short for them
   * @param bandKeys the LSH band keys, one per band, in band order; empty when there is no signature
   */
  public record Sketch(long keyHigh, long keyLow, long[] signature, int[] bandKeys) {}

  /** The fingerprints of a record. */
  public Sketch sketch(ObjectNode record) {
    RecordKeys.Key key = keys.key(Objects.requireNonNull(record, "record"));
    int[] sig = minHash == null ? null : minHash.signature(keys.nearText(record));
    if (sig == null) {
      return new Sketch(key.hi(), key.lo(), null, new int[0]);
    }
    int[] bandKeys = new int[minHash.bands()];
    for (int b = 0; b < bandKeys.length; b++) {
      bandKeys[b] = minHash.bandKey(sig, b);
    }
    return new Sketch(key.hi(), key.lo(), SignatureStore.pack(sig), bandKeys);
  }

  /** Whether two packed signatures are near duplicates under this sketcher's threshold; false when either is null. */
  public boolean nearDuplicates(long[] a, long[] b) {
    return a != null && b != null && SignatureStore.mismatches(a, b, allowedMismatches) <= allowedMismatches;
  }

  /** The similarity two packed signatures estimate, from 0 to 1. */
  public static double similarity(long[] a, long[] b) {
    return (double) (MinHash.SIZE - SignatureStore.mismatches(a, b, MinHash.SIZE)) / MinHash.SIZE;
  }
}
