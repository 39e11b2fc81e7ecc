package io.datasynth.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.datasynth.json.Json;
import io.datasynth.json.JsonFiles;
import io.datasynth.schema.Constraints;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.RubricLevel;
import io.datasynth.schema.Schema;
import io.datasynth.seed.Seed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real instruction/answer pairs for the benchmarks: the shared pools ({@code ../shared/data/pools}, or the folder
 * named by {@code -Ddatasynth.data=DIR}) when present, otherwise the project's own {@code examples/}. Paths are
 * relative to the working directory, so run the benchmarks from the project root.
 */
final class BenchData {
  /** One instruction and its answer, as text. */
  record Pair(String instruction, String response) {}

  private static final List<String> CATEGORIES = List.of("writing", "knowledge", "coding", "advice");
  private static final Path DATA = Path.of(System.getProperty("datasynth.data", "../shared/data"));

  private BenchData() {}

  /** English pairs: 252 real LLM answers to the Self-Instruct user instructions, else the preference example. */
  static List<Pair> english() {
    Path pool = DATA.resolve("pools/en_instructions.jsonl");
    if (Files.isRegularFile(pool)) {
      return read(pool, "instruction", "input", "output");
    }
    return read(example("examples/preference/seeds.jsonl"), "prompt", null, "chosen");
  }

  /** Chinese pairs: 1,000 BELLE questions with reference answers, else the Chinese instruction example. */
  static List<Pair> chinese() {
    Path pool = DATA.resolve("pools/zh_qa.jsonl");
    if (Files.isRegularFile(pool)) {
      return read(pool, "instruction", null, "output");
    }
    return read(example("examples/instruction_zh/seeds.json"), "instruction", "input", "response");
  }

  /** Where the pairs come from, for the benchmarks' output. */
  static String source() {
    return Files.isDirectory(DATA.resolve("pools")) ? DATA.resolve("pools").toString() : "examples/";
  }

  private static Path example(String path) {
    Path p = Path.of(path);
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("found neither " + DATA.toAbsolutePath() + "/pools nor " + p.toAbsolutePath()
          + "; run the benchmarks from the project root, or pass -Ddatasynth.data=DIR");
    }
    return p;
  }

  private static List<Pair> read(Path file, String instruction, String input, String response) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    List<JsonNode> records = new ArrayList<>();
    if (JsonFiles.looksLikeJsonLines(text)) {
      JsonFiles.parseJsonLines(file, text).forEach(line -> records.add(line.value()));
    } else {
      JsonNode root = JsonFiles.parseJson(file, text);
      JsonNode list = root.isArray() ? root : root.elements().next();
      list.forEach(records::add);
    }
    List<Pair> pairs = new ArrayList<>();
    for (JsonNode r : records) {
      String i = r.path(instruction).asText("");
      String extra = input == null ? "" : r.path(input).asText("");
      String a = r.path(response).asText("");
      if (!i.isBlank() && !a.isBlank()) {
        pairs.add(new Pair(extra.isBlank() ? i : i + "\n\n" + extra, a));
      }
    }
    if (pairs.isEmpty()) {
      throw new IllegalStateException(file + " holds no " + instruction + "/" + response + " pairs");
    }
    return List.copyOf(pairs);
  }

  /** The pairs of a language: {@code en} or {@code zh}. */
  static List<Pair> pairs(String language) {
    return switch (language) {
      case "en" -> english();
      case "zh" -> chinese();
      default -> throw new IllegalArgumentException("language is '" + language + "'; use en or zh");
    };
  }

  /**
   * A schema like {@code examples/instruction_zh}'s, with every kind of check the validator runs: text with
   * length bounds, an optional field, an enum and an integer range; and a three-level rubric.
   */
  static Schema schema() {
    return new Schema("bench", "Instructions with helpful answers.", List.of(
        new Field("instruction", "Instruction", FieldType.TEXT, "what the user asks", true,
            new Constraints(null, null, List.of(), 4, 4000, null), null),
        new Field("input", "Input", FieldType.TEXT, "extra material the task needs", false, Constraints.NONE, null),
        new Field("response", "Response", FieldType.TEXT, "a correct, complete answer", true,
            new Constraints(null, null, List.of(), 2, 20_000, null), null),
        new Field("category", "Category", FieldType.TEXT, "", true, new Constraints(null, null,
            CATEGORIES.stream().map(c -> (JsonNode) TextNode.valueOf(c)).toList(), null, null, null), null),
        new Field("quality", "Quality", FieldType.INT, "the rubric's score", true,
            new Constraints(1.0, 5.0, List.of(), null, null, null), null)),
        List.of(new RubricLevel("5", "excellent", "accurate, complete, well organised"),
            new RubricLevel("3", "acceptable", "mostly right but vague or incomplete"),
            new RubricLevel("1", "poor", "wrong, off-topic or harmful")));
  }

  /** Record {@code i} of {@link #schema()} made from a pair: its texts, a category and a quality score. */
  static ObjectNode schemaRecord(Pair p, int i) {
    ObjectNode o = toRecord(p);
    o.put("category", CATEGORIES.get(i % CATEGORIES.size()));
    o.put("quality", 1 + i % 5);
    return o;
  }

  /** The first {@code n} pairs of a language as seeds of {@link #schema()}. */
  static List<Seed> seeds(String language, int n) {
    List<Pair> pairs = pairs(language);
    List<Seed> seeds = new ArrayList<>();
    for (int i = 0; i < Math.min(n, pairs.size()); i++) {
      seeds.add(new Seed(i + 1, "seed #" + (i + 1), schemaRecord(pairs.get(i), i)));
    }
    return seeds;
  }

  /** A pair as a JSON object with the fields {@code instruction} and {@code response}. */
  static ObjectNode toRecord(Pair p) {
    ObjectNode o = Json.object();
    o.put("instruction", p.instruction());
    o.put("response", p.response());
    return o;
  }
}
