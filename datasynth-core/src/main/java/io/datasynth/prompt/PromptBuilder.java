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
 * <p>Two layouts. By default each batch shows its own examples. {@link #withLayout} with a seed block puts a fixed,
 * numbered block of examples into the stable prefix (so the whole prefix is byte-identical for the run and can be
 * cached), and each batch only names the examples to lean on; with {@code structured} the output format asks for
 * one JSON object with a {@code records} array, the shape structured outputs return.
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
  private final String guidelines;
  private final List<Seed> block;
  private final boolean structured;
  /** Each seed as prompts show it, rendered once: prompts show the same seeds over and over. */
  private final Map<Seed, Shown> shown;

  /** A seed as an example ({@code json}) and as a region to move away from ({@code snippet}). */
  private record Shown(String json, String snippet) {
    static Shown of(Schema schema, Seed s) {
      return new Shown(shownJson(schema, s), PlanText.snippet(s, schema));
    }
  }

  /**
   * @param schema the schema
   * @param seeds the seeds to sample examples from; not empty
   * @param guidelines annotation guidelines; may be empty
   */
  public PromptBuilder(Schema schema, List<Seed> seeds, String guidelines, PromptSettings settings) {
    this(schema, seeds, guidelines, settings, 0, false, null);
  }

  /** @param shown the seeds as another layout of the same prompts rendered them, or null */
  private PromptBuilder(Schema schema, List<Seed> seeds, String guidelines, PromptSettings settings, int blockSize,
      boolean structured, Map<Seed, Shown> shown) {
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("prompts need at least one seed example");
    }
    this.schema = schema;
    this.seeds = List.copyOf(seeds);
    if (shown == null) {
      Map<Seed, Shown> rendered = new java.util.IdentityHashMap<>();
      this.seeds.forEach(s -> rendered.put(s, Shown.of(schema, s)));
      shown = java.util.Collections.unmodifiableMap(rendered);
    }
    this.shown = shown;
    this.settings = settings;
    this.guidelines = guidelines;
    this.structured = structured;
    this.dataType = settings.dataType() != null ? settings.dataType() : DataType.detect(schema);
    this.language = settings.language() != null ? settings.language() : Language.detect(seeds);
    String rubric = SchemaText.rubric(schema, language);
    String guide = truncate(guidelines == null ? "" : guidelines.strip(), language);
    boolean withBlock = blockSize > 0 && (settings.template() == null || settings.template().usesSeedBlock());
    this.template = settings.template() != null ? settings.template()
        : Template.parse(BuiltInTemplates.template(language, !rubric.isEmpty(), !guide.isEmpty(), withBlock,
            structured), null);
    this.block = withBlock ? blockOf(blockSize) : null;
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
    values.put("seed_block", block == null ? "" : renderExamples(block));
    this.fixed = Map.copyOf(values);
    this.stable = template.renderStable(fixed);
  }

  /**
   * These prompts in another layout.
   *
   * @param seedBlock how many seeds the fixed block in the stable prefix shows (at least the examples per prompt,
   *     at most all seeds); 0 for the default layout, where each batch shows its own
   * @param structuredReplies whether the output format asks for the {@code {"records": [...]}} object structured
   *     outputs return
   */
  public PromptBuilder withLayout(int seedBlock, boolean structuredReplies) {
    int k = seedBlock <= 0 ? 0 : Math.min(seeds.size(), Math.max(seedBlock, settings.examplesPerPrompt()));
    return new PromptBuilder(schema, seeds, guidelines, settings, k, structuredReplies, shown);
  }

  /** The seeds of the fixed block, in block order; empty in the default layout. */
  public List<Seed> seedBlock() {
    return block == null ? List.of() : block;
  }

  /** Whether the output format asks for structured replies. */
  public boolean structured() {
    return structured;
  }

  /** The stable part every prompt of the run shares. */
  public String stableText() {
    return stable;
  }

  /**
   * The system instruction: the built-in one, or with a template of the user's own only what its first line gives
   * ({@code system: …}), so that nothing is put in front of the user's text unasked.
   */
  private String system() {
    return settings.template() != null ? settings.template().system() : BuiltInTemplates.system(language);
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
    List<Seed> pool = block != null ? block : seeds;
    boolean guided = plan.examples() != null && !plan.examples().isEmpty();
    int[] inPool = guided ? indexesOf(plan.examples(), pool) : new int[0];
    int[] picked = inPool.length > 0 ? inPool : pick(pool.size(), mix(settings.seed(), batchIndex));
    List<Seed> examples;
    if (guided && block == null) {
      examples = plan.examples();
    } else {
      // With a seed block the plan's examples can only be named by their place in it.
      examples = new ArrayList<>(picked.length);
      for (int i : picked) {
        examples.add(pool.get(i));
      }
    }
    Map<String, String> values = new HashMap<>(fixed);
    values.put("seed_examples", renderExamples(examples));
    values.put("seed_count", Integer.toString(examples.size()));
    values.put("batch_size", Integer.toString(count));
    String planText = PlanText.render(plan, language, s -> shown(s).snippet());
    values.put("plan", planText.isEmpty() ? "" : "\n" + planText + "\n");
    values.put("lean_on", leanOn(picked));
    String perBatch = template.renderPerBatch(values);
    if (!planText.isEmpty() && !template.uses("plan")) {
      perBatch = perBatch + (perBatch.endsWith("\n") || perBatch.isEmpty() ? "" : "\n") + "\n" + planText + "\n";
    }
    return new Prompt(system(), stable, perBatch, count,
        examples.stream().map(Seed::id).toList());
  }

  /**
   * A small follow-up prompt sending one record back to be fixed: the rule it broke in the validator's own words,
   * the field's definition, the record, and the structured output format.
   *
   * @param field the field at fault; empty for the whole record
   * @param message the validator's message
   */
  public Prompt repair(ObjectNode record, String field, String message) {
    boolean zh = language == Language.ZH;
    String definition = schema.field(field).map(f -> SchemaText.fields(new Schema("", "", List.of(f), List.of()),
        language)).orElse("");
    StringBuilder sb = new StringBuilder();
    if (zh) {
      sb.append("你写的一条数据违反了字段规则。\n\n违反的规则：").append(message).append('\n');
      if (!definition.isEmpty()) {
        sb.append("字段定义：\n").append(definition).append('\n');
      }
      sb.append("\n数据：\n```json\n").append(Json.pretty(record)).append("\n```\n\n")
          .append("请改正这一处，其余内容保持不变。只输出一个 JSON 对象，其 \"records\" 数组中是改正后的这一条数据。\n");
    } else {
      sb.append("A record you wrote breaks a rule of its schema.\n\nRule broken: ").append(message).append('\n');
      if (!definition.isEmpty()) {
        sb.append("Field definition:\n").append(definition).append('\n');
      }
      sb.append("\nRecord:\n```json\n").append(Json.pretty(record)).append("\n```\n\n")
          .append("Write the record again with that fixed and everything else kept. Reply with only one JSON object "
              + "whose \"records\" array holds the fixed record.\n");
    }
    return new Prompt(system(), "", sb.toString(), 1, List.of());
  }

  /** The block's examples a batch leans on, by their numbers: "2, 5 and 9", "2、5、9". */
  private String leanOn(int[] picked) {
    int[] numbers = picked.clone();
    java.util.Arrays.sort(numbers);
    List<String> names = new ArrayList<>();
    for (int i : numbers) {
      names.add(Integer.toString(i + 1));
    }
    if (language == Language.ZH) {
      return String.join("、", names);
    }
    return names.size() == 1 ? names.get(0)
        : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
  }

  /** The places in {@code pool} of those of {@code wanted} it holds, matched by id. */
  private static int[] indexesOf(List<Seed> wanted, List<Seed> pool) {
    List<Integer> out = new ArrayList<>();
    for (Seed w : wanted) {
      for (int i = 0; i < pool.size(); i++) {
        if (pool.get(i).id().equals(w.id()) && !out.contains(i)) {
          out.add(i);
          break;
        }
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The fixed block: {@code k} seeds in a seeded order, the same for the whole run. */
  private List<Seed> blockOf(int k) {
    int[] picked = pick(seeds.size(), mix(settings.seed(), -1), Math.min(k, seeds.size()));
    List<Seed> out = new ArrayList<>(picked.length);
    for (int i : picked) {
      out.add(seeds.get(i));
    }
    return List.copyOf(out);
  }

  /** The {@code k} examples of one batch: a seeded partial shuffle, so order of calls does not matter. */
  List<Seed> sample(long batchIndex) {
    List<Seed> pool = block != null ? block : seeds;
    List<Seed> out = new ArrayList<>();
    for (int i : pick(pool.size(), mix(settings.seed(), batchIndex))) {
      out.add(pool.get(i));
    }
    return out;
  }

  private int[] pick(int n, long randomSeed) {
    return pick(n, randomSeed, Math.min(settings.examplesPerPrompt(), n));
  }

  /** {@code k} distinct indexes below {@code n}: a seeded partial Fisher-Yates shuffle. */
  private static int[] pick(int n, long randomSeed, int k) {
    SplittableRandom random = new SplittableRandom(randomSeed);
    int[] idx = new int[n];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    int[] out = new int[k];
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(idx.length - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
      out[i] = idx[i];
    }
    return out;
  }

  private String renderExamples(List<Seed> examples) {
    StringBuilder sb = new StringBuilder();
    int n = 0;
    for (Seed s : examples) {
      sb.append(language == Language.ZH ? "样例 " : "Example ").append(++n).append(":\n```json\n")
          .append(shown(s).json()).append("\n```\n");
    }
    return sb.toString().stripTrailing();
  }

  /** A seed as rendered once, or rendered now for one the builder was not given. */
  private Shown shown(Seed s) {
    Shown sh = shown.get(s);
    return sh != null ? sh : Shown.of(schema, s);
  }

  /** A seed's schema fields, in schema order, as pretty JSON. */
  private static String shownJson(Schema schema, Seed s) {
    ObjectNode shown = Json.object();
    for (Field f : schema.fields()) {
      if (s.data().has(f.name())) {
        shown.set(f.name(), s.data().get(f.name()));
      }
    }
    return Json.pretty(shown);
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
