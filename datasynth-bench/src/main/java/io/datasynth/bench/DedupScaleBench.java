package io.datasynth.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.quality.Deduplicator;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.Schema;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deduplication at scale, a standalone benchmark (not JMH: one run adds millions of records): retained heap and
 * memory-mapped bytes per remembered record, and nanoseconds per {@link Deduplicator#add} in windows of 10% of the
 * run, so a cost that grows with N shows as rising windows: CPU time of the adding thread (steady on a busy machine)
 * and wall time.
 *
 * <p>Records are an instruction and a response of 3 and 6 random pieces of 12 code points cut from the real
 * Chinese and English instruction data (or the bundled examples), so they are distinct and about as long as real
 * records; every tenth is a near copy of an earlier one with one piece changed.
 *
 * <pre>
 * java -Xmx256m -cp datasynth-bench/target/benchmarks.jar io.datasynth.bench.DedupScaleBench --records 1000000
 * java -Xmx1g -cp datasynth-bench/target/benchmarks.jar io.datasynth.bench.DedupScaleBench --records 10000000 \
 *     --spill /var/tmp --expected
 * </pre>
 *
 * <p>Options: {@code --records N} (default 1,000,000), {@code --threshold J} (0.8; 1 for exact only),
 * {@code --spill DIR} (the spill directory; default the system's temporary folder), {@code --expected} (size the
 * indexes for N up front instead of letting them grow).
 */
public final class DedupScaleBench {
  private static final int PIECE = 12;
  private static final Schema SCHEMA = new Schema("bench", "", List.of(Field.of("instruction", FieldType.TEXT),
      Field.of("response", FieldType.TEXT)), List.of());

  private DedupScaleBench() {}

  public static void main(String[] args) {
    long records = 1_000_000;
    double threshold = 0.8;
    Path spill = null;
    boolean expected = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--records" -> records = Long.parseLong(args[++i]);
        case "--threshold" -> threshold = Double.parseDouble(args[++i]);
        case "--spill" -> spill = Path.of(args[++i]);
        case "--expected" -> expected = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; use --records N, --threshold J, --spill DIR, --expected");
      }
    }
    int[] corpus = corpus();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Deduplicator.Builder b = Deduplicator.builder(SCHEMA).nearDuplicateThreshold(threshold)
        .expectedRecords(expected ? records : 0);
    if (spill != null) {
      b.spillDirectory(spill);
    }
    System.out.printf("DedupScaleBench: %,d records, threshold %.2f, max heap %,d MB, spill %s%s%n", records,
        threshold, Runtime.getRuntime().maxMemory() >> 20, spill == null ? System.getProperty("java.io.tmpdir")
        : spill, expected ? ", presized" : "");
    long duplicates = 0;
    long copies = 0;
    long copiesDropped = 0;
    long before = usedAfterGc(memory);
    try (Deduplicator dedup = b.build()) {
      long window = Math.max(1, records / 10);
      long start = System.nanoTime();
      long wall = 0;
      long cpu = 0;
      for (long i = 0; i < records; i++) {
        ObjectNode r = record(corpus, i);
        long w0 = System.nanoTime();
        long c0 = threads.getCurrentThreadCpuTime();
        boolean dropped = dedup.add(r, i).isPresent();
        if (dropped) {
          duplicates++;
        }
        if (isNearCopy(i)) {
          copies++;
          copiesDropped += dropped ? 1 : 0;
        }
        cpu += threads.getCurrentThreadCpuTime() - c0;
        wall += System.nanoTime() - w0;
        if ((i + 1) % window == 0) {
          System.out.printf("  %,12d records: %,8.0f ns CPU, %,8.0f ns wall per add (this window), %,d duplicates%n",
              i + 1, (double) cpu / window, (double) wall / window, duplicates);
          cpu = 0;
          wall = 0;
        }
      }
      long elapsed = System.nanoTime() - start;
      long after = usedAfterGc(memory);
      long kept = dedup.size();
      System.out.printf("remembered %,d (dropped %,d as duplicates) in %.1f s%n", kept, duplicates, elapsed / 1e9);
      System.out.printf("dropped: %,d of the %,d near copies (%.1f%%), %,d of the %,d other records (%.3f%%)%n",
          copiesDropped, copies, 100.0 * copiesDropped / copies, duplicates - copiesDropped, records - copies,
          100.0 * (duplicates - copiesDropped) / (records - copies));
      System.out.printf("heap retained: %,d bytes = %.1f bytes per remembered record%n", after - before,
          (double) (after - before) / kept);
      System.out.printf("off-heap: %,d bytes = %.1f bytes per remembered record%n", dedup.offHeapBytes(),
          (double) dedup.offHeapBytes() / kept);
    }
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /** The code points of the real instruction data, whitespace collapsed. */
  private static int[] corpus() {
    StringBuilder sb = new StringBuilder();
    for (String language : List.of("en", "zh")) {
      for (BenchData.Pair p : BenchData.pairs(language)) {
        sb.append(p.instruction()).append(' ').append(p.response()).append(' ');
      }
    }
    return sb.toString().replaceAll("\\s+", " ").codePoints().toArray();
  }

  private static boolean isNearCopy(long i) {
    return i > 10 && i % 10 == 0;
  }

  /** The i-th record: random pieces of the corpus; every tenth a near copy of an earlier record. */
  private static ObjectNode record(int[] corpus, long i) {
    long source = i;
    int changed = -1;
    if (isNearCopy(i)) {
      source = new SplittableRandom(i).nextLong(i);
      changed = (int) (i % 9);
    }
    // Seeds that differ by SplittableRandom's own gamma (as source * 0x9E3779B97F4A7C15 did) give the same sequence
    // one step on, which made every record its predecessor shifted by one piece: a near copy at about 0.73.
    SplittableRandom random = new SplittableRandom(new SplittableRandom(source).nextLong());
    List<String> pieces = new ArrayList<>(9);
    for (int p = 0; p < 9; p++) {
      SplittableRandom r = p == changed ? new SplittableRandom(i) : random;
      int at = r.nextInt(corpus.length - PIECE);
      pieces.add(new String(corpus, at, PIECE));
      if (p != changed) {
        continue;
      }
      random.nextInt(corpus.length - PIECE);
    }
    ObjectNode o = Json.object();
    o.put("instruction", String.join("", pieces.subList(0, 3)));
    o.put("response", String.join("", pieces.subList(3, 9)));
    return o;
  }
}
