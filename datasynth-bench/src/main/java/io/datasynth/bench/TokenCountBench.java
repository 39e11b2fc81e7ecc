package io.datasynth.bench;

import io.datasynth.cost.TokenCounter;
import io.datasynth.model.ModelProfiles;
import io.datasynth.provider.ProviderKind;
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
 * Token counting: {@link TokenCounter#count} of one real prompt (the user message {@link PromptBench} renders for
 * batch 0: 3 real seed examples, English or Chinese), as the engine calls it for every batch and {@code estimate}
 * for up to 200 prompts. {@code gpt-4o} counts exactly with o200k_base; {@code claude-sonnet-5-5} scales that count
 * by a language factor.
 *
 * <p>Run from the project root: {@code java -jar datasynth-bench/target/benchmarks.jar TokenCountBench}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TokenCountBench {
  @Param({"en", "zh"})
  public String language;

  @Param({"gpt-4o", "claude-sonnet-5-5"})
  public String model;

  private TokenCounter counter;
  private String text;

  @Setup
  public void setUp() {
    ProviderKind api = model.startsWith("gpt") ? ProviderKind.OPENAI : ProviderKind.ANTHROPIC;
    counter = TokenCounter.of(ModelProfiles.bundled().lookup(api, model), model);
    Prompt p = new PromptBuilder(BenchData.schema(), BenchData.seeds(language, 20), "", PromptSettings.defaults())
        .build(0, 5);
    text = p.user();
  }

  @Benchmark
  public int count() {
    return counter.count(text);
  }
}
