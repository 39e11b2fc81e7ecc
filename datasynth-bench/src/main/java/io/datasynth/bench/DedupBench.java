package io.datasynth.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.quality.Deduplicator;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.Schema;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Deduplication: {@link Deduplicator#add} of a new record to an index that already holds 10,000 or 100,000
 * records, finding exact duplicates only ({@code exact}, threshold 1.0) or exact and near ones ({@code near}, the
 * default 0.8: MinHash and LSH bands), as the engine's writer does for every valid record.
 *
 * <p>Records have an instruction of 3 and a response of 6 pieces of 24 characters cut at random places from the
 * real pools (English and Chinese together; see {@link BenchData}), so their text has real character statistics
 * and no two are near duplicates. Each measurement adds 1,000 new records to an index built afresh for the
 * iteration (so it grows by at most 10%); the score is per record.
 *
 * <p>Run from the project root: {@code java -jar datasynth-bench/target/benchmarks.jar DedupBench}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class DedupBench {
  private static final int ADDS = 1000;
  private static final int PIECE = 24;
  private static final Schema SCHEMA = new Schema("bench", "",
      List.of(Field.of("instruction", FieldType.TEXT), Field.of("response", FieldType.TEXT)), List.of());

  @Param({"10000", "100000"})
  public int size;

  @Param({"exact", "near"})
  public String mode;

  private String corpus;
  private Deduplicator dedup;
  private ObjectNode[] fresh;
  private int iteration;

  @Setup(Level.Trial)
  public void loadCorpus() {
    StringBuilder sb = new StringBuilder();
    for (String language : List.of("en", "zh")) {
      for (BenchData.Pair p : BenchData.pairs(language)) {
        sb.append(p.instruction()).append(' ').append(p.response()).append(' ');
      }
    }
    corpus = sb.toString().replaceAll("\\s+", " ");
  }

  @Setup(Level.Iteration)
  public void buildIndex() {
    dedup = new Deduplicator(SCHEMA, "exact".equals(mode) ? 1.0 : 0.8);
    for (int i = 0; i < size; i++) {
      dedup.add(record(i), i);
    }
    fresh = new ObjectNode[ADDS];
    long first = size + (long) iteration++ * ADDS;
    for (int i = 0; i < ADDS; i++) {
      fresh[i] = record(first + i);
    }
  }

  @TearDown(Level.Iteration)
  public void freeIndex() {
    dedup.close();
  }

  @Benchmark
  @OperationsPerInvocation(ADDS)
  public int add() {
    int duplicates = 0;
    for (int i = 0; i < fresh.length; i++) {
      if (dedup.add(fresh[i], size + i).isPresent()) {
        duplicates++;
      }
    }
    return duplicates;
  }

  private ObjectNode record(long index) {
    SplittableRandom random = new SplittableRandom(index * 0x9E3779B97F4A7C15L + 17);
    ObjectNode o = Json.object();
    o.put("instruction", text(random, 3));
    o.put("response", text(random, 6));
    return o;
  }

  private String text(SplittableRandom random, int pieces) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < pieces; i++) {
      int at = random.nextInt(corpus.length() - PIECE);
      if (Character.isLowSurrogate(corpus.charAt(at))) {
        at++;
      }
      sb.append(corpus, at, at + PIECE).append(' ');
    }
    return sb.toString().strip();
  }
}
