package io.datasynth.prompt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.plan.BatchPlan;
import io.datasynth.schema.Field;
import io.datasynth.schema.Schema;
import io.datasynth.seed.Seed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes the prompts of a run: the task, every field with its constraints, the rubric, the guidelines, a few
 * seed examples sampled per batch, and the exact output format.
 *
 * <p>Prompts are deterministic: batch {@code i} of a run with random seed {@code s} always shows the same
 * examples, whatever order batches are built in. Immutable and thread-safe.
 */
public final class PromptBuilder {
  /** Guidelines longer than this many characters are cut, with a note saying so. */
  public static final int MAX_GUIDELINE_CHARS = 2000;

  private final Schema schema;
  private final List<Seed> seeds;
  private final PromptSettings settings;
  private final DataType dataType;
  private final Language language;
  private final Template template;
  private final Map<String, String> fixed;
  private final String stable;

  /**
   * @param schema the schema
   * @param seeds the seeds to sample examples from; not empty
   * @param guidelines annotation guidelines; may be empty
   */
  public PromptBuilder(Schema schema, List<Seed> seeds, String guidelines, PromptSettings settings) {
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("prompts need at least one seed example");
    }
    this.schema = schema;
    this.seeds = List.copyOf(seeds);
    this.settings = settings;
    this.dataType = settings.dataType() != null ? settings.dataType() : DataType.detect(schema);
    this.language = settings.language() != null ? settings.language() : Language.detect(seeds);
    String rubric = SchemaText.rubric(schema, language);
    String guide = truncate(guidelines == null ? "" : guidelines.strip(), language);
    this.template = settings.template() != null ? settings.template()
        : Template.parse(BuiltInTemplates.template(language, !rubric.isEmpty(), !guide.isEmpty()), null);
    Map<String, String> values = new HashMap<>();
    values.put("schema", SchemaText.fields(schema, language));
    values.put("rubric", rubric);
    values.put("guidelines", guide);
    values.put("output_format", SchemaText.outputFormat(schema));
    values.put("diversity", BuiltInTemplates.diversity(settings.diversity(), language));
    values.put("task", BuiltInTemplates.task(dataType, schema, language));
    values.put("project", schema.projectName());
    values.put("description", schema.description());
    values.put("data_type", dataType.id());
    this.fixed = Map.copyOf(values);
    this.stable = template.renderStable(fixed);
  }

  public DataType dataType() {
    return dataType;
  }

  public Language language() {
    return language;
  }

  /** The prompt for one batch asking for {@code count} records. */
  public Prompt build(long batchIndex, int count) {
    return build(batchIndex, count, BatchPlan.NONE);
  }

  /**
   * The prompt for one batch asking for {@code count} records under a diversity plan: its combination (or an
   * interactive prompt's parts) and the region to move away from go into {@code {{plan}}} (after the rest of the
   * per-batch text when the template has no {@code {{plan}}}), and the plan's examples replace the sampled ones.
   */
  public Prompt build(long batchIndex, int count, BatchPlan plan) {
    if (count < 1) {
      throw new IllegalArgumentException("a prompt must ask for at least one record, was " + count);
    }
    List<Seed> examples = plan.examples() != null && !plan.examples().isEmpty() ? plan.examples()
        : sample(batchIndex);
    Map<String, String> values = new HashMap<>(fixed);
    values.put("seed_examples", renderExamples(examples));
    values.put("seed_count", Integer.toString(examples.size()));
    values.put("batch_size", Integer.toString(count));
    String planText = PlanText.render(plan, schema, language);
    values.put("plan", planText.isEmpty() ? "" : "\n" + planText + "\n");
    String perBatch = template.renderPerBatch(values);
    if (!planText.isEmpty() && !template.uses("plan")) {
      perBatch = perBatch + (perBatch.endsWith("\n") || perBatch.isEmpty() ? "" : "\n") + "\n" + planText + "\n";
    }
    return new Prompt(BuiltInTemplates.system(language), stable, perBatch, count,
        examples.stream().map(Seed::id).toList());
  }

  /** The {@code k} examples of one batch: a seeded partial shuffle, so order of calls does not matter. */
  List<Seed> sample(long batchIndex) {
    int k = Math.min(settings.examplesPerPrompt(), seeds.size());
    SplittableRandom random = new SplittableRandom(mix(settings.seed(), batchIndex));
    int[] idx = new int[seeds.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    List<Seed> out = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(idx.length - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
      out.add(seeds.get(idx[i]));
    }
    return out;
  }

  private String renderExamples(List<Seed> examples) {
    StringBuilder sb = new StringBuilder();
    int n = 0;
    for (Seed s : examples) {
      ObjectNode shown = Json.object();
      for (Field f : schema.fields()) {
        if (s.data().has(f.name())) {
          shown.set(f.name(), s.data().get(f.name()));
        }
      }
      sb.append(language == Language.ZH ? "样例 " : "Example ").append(++n).append(":\n```json\n")
          .append(Json.pretty(shown)).append("\n```\n");
    }
    return sb.toString().stripTrailing();
  }

  private static String truncate(String guidelines, Language lang) {
    if (guidelines.codePointCount(0, guidelines.length()) <= MAX_GUIDELINE_CHARS) {
      return guidelines;
    }
    int end = guidelines.offsetByCodePoints(0, MAX_GUIDELINE_CHARS);
    return guidelines.substring(0, end).stripTrailing()
        + (lang == Language.ZH ? "\n……（规范过长，已截断）" : "\n…(guidelines truncated)");
  }

  private static long mix(long seed, long index) {
    long z = seed * 0x9E3779B97F4A7C15L + index;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
