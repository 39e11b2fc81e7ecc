package io.datasynth.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.json.JsonFiles;
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

  /** A pair as a JSON object with the fields {@code instruction} and {@code response}. */
  static ObjectNode toRecord(Pair p) {
    ObjectNode o = Json.object();
    o.put("instruction", p.instruction());
    o.put("response", p.response());
    return o;
  }
}
