package io.datasynth.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.quality.RecordValidator;
import io.datasynth.quality.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Validation: {@link RecordValidator#validate} of one record against a five-field schema (text length bounds, an
 * optional field, an enum, an integer range; see {@link BenchData#schema()}), as the engine does for every record
 * of every reply. Records cycle through 1,000 real ones (English or Chinese); one in ten breaks a rule (quality
 * out of range, or response missing) and one in ten gives the quality as text, which is coerced.
 *
 * <p>Run from the project root: {@code java -jar datasynth-bench/target/benchmarks.jar ValidateBench}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ValidateBench {
  private static final int RECORDS = 1000;

  @Param({"en", "zh"})
  public String language;

  private RecordValidator validator;
  private ObjectNode[] records;
  private int next;

  @Setup
  public void setUp() {
    validator = new RecordValidator(BenchData.schema());
    List<BenchData.Pair> pairs = BenchData.pairs(language);
    List<ObjectNode> list = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      ObjectNode r = BenchData.schemaRecord(pairs.get(i % pairs.size()), i);
      switch (i % 20) {
        case 3 -> r.put("quality", 7);
        case 13 -> r.remove("response");
        case 7, 17 -> r.put("quality", Integer.toString(1 + i % 5));
        default -> { }
      }
      list.add(r);
    }
    records = list.toArray(new ObjectNode[0]);
  }

  @Benchmark
  public Validation validate() {
    ObjectNode r = records[next];
    next = next + 1 == records.length ? 0 : next + 1;
    return validator.validate(r);
  }
}
