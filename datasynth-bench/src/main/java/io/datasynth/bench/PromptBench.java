package io.datasynth.bench;

import io.datasynth.prompt.Prompt;
import io.datasynth.prompt.PromptBuilder;
import io.datasynth.prompt.PromptSettings;
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
 * Prompt rendering: {@link PromptBuilder#build} for one batch of 5 records, as the engine calls it before every
 * request. The builder holds a five-field schema with constraints and a rubric, and 20 real seeds (English from the
 * Self-Instruct answers, Chinese from BELLE; see {@link BenchData}); each call samples 3 of them for a new batch
 * index and renders the template, so the prompt is 2-6 KB.
 *
 * <p>Run from the project root: {@code java -jar datasynth-bench/target/benchmarks.jar PromptBench}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PromptBench {
  @Param({"en", "zh"})
  public String language;

  private PromptBuilder prompts;
  private long batch;

  @Setup
  public void setUp() {
    prompts = new PromptBuilder(BenchData.schema(), BenchData.seeds(language, 20), "", PromptSettings.defaults());
  }

  @Benchmark
  public Prompt build() {
    return prompts.build(batch++, 5);
  }
}
