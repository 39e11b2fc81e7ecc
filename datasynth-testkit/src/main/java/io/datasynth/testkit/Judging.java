package io.datasynth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Recognises judge requests and scores their records. A request is a judge request when its prompt holds a
 * {@code <records>…</records>} block, or its structured-output schema has a root property {@code scores} that is
 * an array. The records to score are the block's (a JSON array of objects, or one object per line), else every
 * JSON object in the prompt that has an {@code id}; a record's id is its {@code id} (its 1-based position when it
 * has none) and its fields are its {@code data} object when it has one, else the object itself. The rubric's
 * scores are the {@code score} values of the objects in a {@code <rubric>…</rubric>} block.
 */
final class Judging {
  private Judging() {}

  /** One record to score. */
  record Item(String id, JsonNode rawId, ObjectNode record) {}

  /** The records of a judge request, in order; null when the request is not one. */
  static List<Item> items(CompletionRequest request) {
    String block = PromptJson.tagged(request.prompt(), "records");
    if (block == null && !asksForScores(request)) {
      return null;
    }
    List<ObjectNode> objects = block != null ? PromptJson.block(block)
        : PromptJson.objects(request.prompt()).stream().filter(o -> o.has("id")).toList();
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      ObjectNode object = objects.get(i);
      JsonNode id = object.has("id") ? object.get("id") : Jsons.MAPPER.getNodeFactory().numberNode(i + 1);
      ObjectNode fields = object.get("data") instanceof ObjectNode data ? data : object;
      items.add(new Item(id.asText(), id, fields));
    }
    return items;
  }

  /** The scores of the rubric block, distinct, in order; empty when there is none. */
  static List<Double> rubric(String prompt) {
    String block = PromptJson.tagged(prompt, "rubric");
    Set<Double> scores = new LinkedHashSet<>();
    if (block != null) {
      for (ObjectNode level : PromptJson.block(block)) {
        if (level.path("score").isNumber()) {
          scores.add(level.get("score").asDouble());
        }
      }
    }
    return List.copyOf(scores);
  }

  /** The {@code {id, score, rationale}} objects for {@code items}. */
  static List<ObjectNode> score(List<Item> items, List<Double> rubric, JudgeScorer scorer, RandomGenerator random) {
    List<ObjectNode> scores = new ArrayList<>();
    for (Item item : items) {
      JudgeScorer.Judgement judgement = scorer.judge(item.id(), item.record(), rubric, random);
      ObjectNode score = Jsons.MAPPER.createObjectNode();
      score.set("id", item.rawId().deepCopy());
      double value = judgement.score();
      if (value == Math.rint(value)) {
        score.put("score", (long) value);
      } else {
        score.put("score", value);
      }
      score.put("rationale", judgement.rationale());
      scores.add(score);
    }
    return scores;
  }

  private static boolean asksForScores(CompletionRequest request) {
    ResponseFormat format = request.format();
    if (format == null || format.schema() == null) {
      return false;
    }
    JsonNode scores = format.schema().path("properties").path("scores");
    return scores.isObject() && (AnthropicSchemaCheck.typeIs(scores, "array") || scores.has("items"));
  }
}
