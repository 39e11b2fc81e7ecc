package io.datasynth.prompt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.schema.RubricLevel;
import io.datasynth.schema.Schema;
import java.util.List;
import java.util.Map;

/**
 * Writes the prompts of the rubric judge: the rubric as a {@code <rubric>[{"score": …}, …]</rubric>} JSON list, the
 * fields and the guidelines (the same for every request of a run, so providers can cache them), then the records
 * to score as a {@code <records>[{"id": …, "data": {…}}, …]</records>} JSON list. The judge answers
 * {@code {"scores": [{"id", "score", "rationale"}]}}. A record's own score field is left out of what the judge
 * sees, so that its score is the judge's own. Immutable and thread-safe.
 */
public final class JudgePromptBuilder {
  private final Language language;
  private final String hidden;
  private final String stable;

  /**
   * One record to score.
   *
   * @param id how the judge's answer names it
   * @param data the record
   * @param plan the combination its batch asked for (axis to label); may be empty
   */
  public record Item(String id, ObjectNode data, Map<String, String> plan) {}

  /**
   * @param scale the scores the judge may give, highest first
   * @param hiddenField a field the judge is not shown (the record's own score), or null
   * @param guidelines annotation guidelines; may be empty
   */
  public JudgePromptBuilder(Schema schema, Language language, List<Double> scale, String hiddenField,
      String guidelines) {
    this.language = language;
    this.hidden = hiddenField;
    boolean zh = language == Language.ZH;
    ArrayNode rubric = Json.mapper().createArrayNode();
    boolean ownRubric = false;
    for (RubricLevel r : schema.rubric()) {
      Double score = number(r.score());
      if (score != null) {
        ownRubric = true;
        ObjectNode level = rubric.addObject();
        putScore(level, score);
        level.put("label", r.label());
        level.put("description", r.description());
      }
    }
    if (!ownRubric) {
      for (double s : scale) {
        ObjectNode level = rubric.addObject();
        putScore(level, s);
        level.put("description", s == scale.get(0) ? (zh ? "最好" : "best") : s == scale.get(scale.size() - 1)
            ? (zh ? "最差" : "worst") : "");
      }
    }
    StringBuilder sb = new StringBuilder();
    String project = schema.projectName().isBlank() ? "" : (zh ? "「" + schema.projectName() + "」"
        : " \"" + schema.projectName() + "\"");
    if (zh) {
      sb.append("# 数据质量评审\n\n请按照评分标准和标注规范，逐条评审数据集").append(project).append("中的数据。");
    } else {
      sb.append("# Quality review\n\nScore each record of the dataset").append(project)
          .append(" against the rubric and the annotation guidelines.");
    }
    if (!schema.description().isBlank()) {
      sb.append(zh ? "\n数据集说明：" : "\nAbout the dataset: ").append(schema.description().strip());
    }
    sb.append(zh ? "\n\n## 评分标准\n只能给出以下分数之一：\n" : "\n\n## Rubric\nGive one of these scores:\n")
        .append("<rubric>").append(Json.pretty(rubric)).append("</rubric>\n\n");
    sb.append(zh ? "## 字段定义\n" : "## Fields\n").append(SchemaText.fields(schema, language)).append("\n\n");
    String guide = guidelines == null ? "" : guidelines.strip();
    if (!guide.isEmpty()) {
      if (guide.codePointCount(0, guide.length()) > PromptBuilder.MAX_GUIDELINE_CHARS) {
        guide = guide.substring(0, guide.offsetByCodePoints(0, PromptBuilder.MAX_GUIDELINE_CHARS)) + "…";
      }
      sb.append(zh ? "## 标注规范\n" : "## Annotation guidelines\n").append(guide).append("\n\n");
    }
    if (zh) {
      sb.append("## 回答格式\n对每条数据给出它的 id、一个评分标准中的分数，以及一句话理由（不换行）。只评审数据本身；")
          .append("记录里的计划（plan）是它应当满足的设定，偏离设定也要扣分。只输出一个 JSON 对象，不要输出其他内容：\n")
          .append("{\"scores\": [{\"id\": \"…\", \"score\": <分数>, \"rationale\": \"<一句话理由>\"}]}\n");
    } else {
      sb.append("## Answer format\nFor every record give its id, one score from the rubric and a one-line ")
          .append("rationale. Judge the record itself; a record's plan is what it was asked to be, and missing it ")
          .append("costs points. Reply with only a JSON object and nothing else:\n")
          .append("{\"scores\": [{\"id\": \"…\", \"score\": <score>, \"rationale\": \"<one line>\"}]}\n");
    }
    this.stable = sb.toString();
  }

  /** The system instruction of every judge request. */
  public String system() {
    return language == Language.ZH ? "你是一位严格的训练数据质量评审员。你只输出 JSON，不输出任何解释。"
        : "You are a strict reviewer of training data quality. You reply with JSON only, no commentary.";
  }

  /** The part of every judge request that is the same for the whole run. */
  public String stable() {
    return stable;
  }

  /** The records of one judge request. */
  public String perBatch(List<Item> items) {
    ArrayNode list = Json.mapper().createArrayNode();
    for (Item it : items) {
      ObjectNode o = list.addObject();
      o.put("id", it.id());
      if (!it.plan().isEmpty()) {
        ObjectNode p = o.putObject("plan");
        it.plan().forEach(p::put);
      }
      ObjectNode data = it.data().deepCopy();
      if (hidden != null) {
        data.remove(hidden);
      }
      o.set("data", data);
    }
    boolean zh = language == Language.ZH;
    return (zh ? "\n## 待评审数据（" + items.size() + " 条）\n" : "\n## Records to score (" + items.size() + ")\n")
        + "<records>\n" + Json.pretty(list) + "\n</records>\n";
  }

  /** One judge request as a single message, for pasting into a chat window. */
  public String asSingleMessage(List<Item> items) {
    return system() + "\n\n" + stable + perBatch(items);
  }

  /** The JSON Schema of the judge's answer, for structured outputs: {@code {"scores": [{id, score, rationale}]}}. */
  public static ObjectNode answerSchema() {
    ObjectNode item = Json.object();
    item.put("type", "object");
    ObjectNode props = item.putObject("properties");
    props.putObject("id").put("type", "string");
    props.putObject("score").put("type", "number");
    props.putObject("rationale").put("type", "string");
    item.putArray("required").add("id").add("score").add("rationale");
    item.put("additionalProperties", false);
    ObjectNode root = Json.object();
    root.put("type", "object");
    ObjectNode scores = root.putObject("properties").putObject("scores");
    scores.put("type", "array");
    scores.set("items", item);
    root.putArray("required").add("scores");
    root.put("additionalProperties", false);
    return root;
  }

  private static void putScore(ObjectNode o, double s) {
    if (s == Math.rint(s) && Math.abs(s) < 1e15) {
      o.put("score", (long) s);
    } else {
      o.put("score", s);
    }
  }

  private static Double number(String s) {
    try {
      double d = Double.parseDouble(s.strip());
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
