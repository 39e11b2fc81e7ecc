package io.datasynth.spark;

import java.io.Serializable;

/**
 * A record a partition delivered, as it travels between the job's stages.
 *
 * @param rank its place in the job's order: the run that made it, then its ordinal in its partition, then the
 *     partition (see {@link #rank(int, long, int)}); of two duplicates across partitions, the lower rank is kept
 * @param json the record as compact JSON text
 * @param provenance its provenance as compact JSON text, or null
 */
record SlicedRecord(long rank, int partition, String json, String provenance) implements Serializable {
  /** Partitions a job can have: the rank keeps 16 bits for the partition. */
  static final int MAX_PARTITIONS = 1 << 16;

  /**
   * The rank of a record: 16 bits of run, 31 of ordinal, 16 of partition, so that records of earlier runs come
   * first and the partitions' records interleave.
   */
  static long rank(int run, long ordinal, int partition) {
    if (run < 0 || run >= 1 << 16 || ordinal < 0 || ordinal >= 1L << 31 || partition < 0
        || partition >= MAX_PARTITIONS) {
      throw new IllegalArgumentException("rank of run " + run + ", ordinal " + ordinal + ", partition " + partition);
    }
    return ((long) run << 47) | (ordinal << 16) | partition;
  }
}
