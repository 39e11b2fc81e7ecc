package io.datasynth.prompt;

import io.datasynth.schema.Schema;

/** DataSynth's own prompt templates, in English and Chinese, written with the same placeholders users can use. */
final class BuiltInTemplates {
  private BuiltInTemplates() {}

  static String system(Language lang) {
    return lang == Language.ZH
        ? "你是一个训练数据生成引擎。你只输出符合要求的 JSON，不输出任何解释。"
        : "You are a training-data generation engine. You reply with the requested JSON only, no commentary.";
  }

  /**
   * The template text; the rubric and guidelines sections appear only when there is something to show. Everything
   * that is the same for every batch comes first, so that providers can cache it as a prefix.
   */
  static String template(Language lang, boolean rubric, boolean guidelines) {
    return template(lang, rubric, guidelines, false, false);
  }

  /**
   * The template text.
   *
   * @param seedBlock whether a fixed block of examples is part of the stable prefix and each batch only says which
   *     of them to lean on (so the whole prefix can be cached), instead of showing its own examples
   * @param structured whether the reply comes as structured output: one JSON object with a {@code records} array
   */
  static String template(Language lang, boolean rubric, boolean guidelines, boolean seedBlock, boolean structured) {
    String t = perBatchTemplate(lang, rubric, guidelines);
    if (structured) {
      t = lang == Language.ZH
          ? t.replace("只输出一个 JSON 对象数组，放在 ```json 代码块中，不要输出其他内容：\n```json\n{{output_format}}\n```",
              "只输出一个 JSON 对象，其 \"records\" 数组中是各条数据，不要输出其他内容：\n```json\n{\"records\": "
              + "{{output_format}}}\n```")
          : t.replace("Reply with only a JSON array of objects in a ```json code block, and nothing else:\n"
              + "```json\n{{output_format}}\n```", "Reply with only one JSON object whose \"records\" array holds the "
              + "records, and nothing else:\n```json\n{\"records\": {{output_format}}}\n```");
    }
    if (seedBlock) {
      t = lang == Language.ZH
          ? t.replace("## 参考样例（{{seed_count}} 条）\n{{seed_examples}}\n\n## 本批任务\n生成 {{batch_size}} 条全新的数据。\n",
              "## 参考样例\n{{seed_block}}\n\n## 本批任务\n本批请重点参考上面的样例 {{lean_on}}。\n生成 {{batch_size}} 条全新的数据。\n")
          : t.replace("## Examples ({{seed_count}})\n{{seed_examples}}\n\n## This batch\nGenerate exactly {{batch_size}} new "
              + "records.\n", "## Examples\n{{seed_block}}\n\n## This batch\nLean on examples {{lean_on}} above.\n"
              + "Generate exactly {{batch_size}} new records.\n");
    }
    return t;
  }

  private static String perBatchTemplate(Language lang, boolean rubric, boolean guidelines) {
    StringBuilder t = new StringBuilder();
    if (lang == Language.ZH) {
      t.append("# 数据合成任务\n\n{{task}}\n\n## 字段定义\n每条数据是一个 JSON 对象，包含以下字段：\n{{schema}}\n\n");
      if (rubric) {
        t.append("## 质量评分标准\n请生成达到最高分的数据：\n{{rubric}}\n\n");
      }
      if (guidelines) {
        t.append("## 标注规范\n{{guidelines}}\n\n");
      }
      t.append("## 要求\n")
          .append("1. 严格遵守每个字段的类型和约束；必填字段不能为空。\n")
          .append("2. 不要照抄或改写参考样例：每条数据都要有自己的主题和表述。\n")
          .append("3. {{diversity}}\n")
          .append("4. 生成的数据之间不能重复。\n\n")
          .append("## 输出格式\n只输出一个 JSON 对象数组，放在 ```json 代码块中，不要输出其他内容：\n")
          .append("```json\n{{output_format}}\n```\n\n")
          .append("## 参考样例（{{seed_count}} 条）\n{{seed_examples}}\n\n")
          .append("## 本批任务\n生成 {{batch_size}} 条全新的数据。\n{{plan}}");
    } else {
      t.append("# Data synthesis task\n\n{{task}}\n\n## Fields\nEvery record is a JSON object with these fields:\n"
          + "{{schema}}\n\n");
      if (rubric) {
        t.append("## Quality rubric\nWrite records that earn the top score:\n{{rubric}}\n\n");
      }
      if (guidelines) {
        t.append("## Annotation guidelines\n{{guidelines}}\n\n");
      }
      t.append("## Requirements\n")
          .append("1. Follow every field's type and constraints exactly; required fields must never be empty.\n")
          .append("2. Do not copy the examples or closely paraphrase them: each record needs its own topic "
              + "and wording.\n")
          .append("3. {{diversity}}\n")
          .append("4. No two records may repeat each other.\n\n")
          .append("## Output format\nReply with only a JSON array of objects in a ```json code block, and "
              + "nothing else:\n")
          .append("```json\n{{output_format}}\n```\n\n")
          .append("## Examples ({{seed_count}})\n{{seed_examples}}\n\n")
          .append("## This batch\nGenerate exactly {{batch_size}} new records.\n{{plan}}");
    }
    return t.toString();
  }

  static String task(DataType type, Schema schema, Language lang) {
    boolean zh = lang == Language.ZH;
    String about = schema.projectName().isBlank() ? "" : (zh ? "「" + schema.projectName() + "」" : "\""
        + schema.projectName() + "\"");
    String desc = schema.description().isBlank() ? "" : (zh ? "数据集说明：" : "About the dataset: ")
        + schema.description().strip();
    String head = switch (type) {
      case INSTRUCTION_RESPONSE -> {
        String[] pair = PromptFields.pair(schema).orElse(new String[] {"instruction", "response"});
        yield zh ? "为数据集" + about + "生成指令-回复数据：每条包含一个真实用户会提出的 `" + pair[0]
                + "`，以及一个准确、完整、高质量的 `" + pair[1] + "`。"
            : "Generate instruction–response records for the dataset " + about + ": each has a `" + pair[0]
                + "` a real user would write and an accurate, complete, high-quality `" + pair[1] + "`.";
      }
      case PREFERENCE -> {
        String p = PromptFields.spelling(schema, "prompt");
        String c = PromptFields.spelling(schema, "chosen");
        String r = PromptFields.spelling(schema, "rejected");
        yield zh ? "为数据集" + about + "生成偏好数据：每条包含一个 `" + p + "`，一个明显更好的回答 `" + c
                + "`，以及一个看似合理但更差（不够准确、不够有帮助或不够安全）的回答 `" + r + "`。"
            : "Generate preference records for the dataset " + about + ": each has a `" + p
                + "`, a clearly better answer `" + c + "`, and a plausible but worse answer `" + r
                + "` (less accurate, less helpful or less safe).";
      }
      case MULTI_TURN -> {
        String conv = PromptFields.firstOf(schema, "conversation", "conversation", "conversations", "messages");
        yield zh ? "为数据集" + about + "生成多轮对话数据：`" + conv
                + "` 是一个消息列表，每条消息为 {\"role\": \"user\" 或 \"assistant\", \"content\": ...}，"
                + "由用户开始，用户和助手交替发言，每段对话 2–6 轮。"
            : "Generate multi-turn conversations for the dataset " + about + ": `" + conv
                + "` is a list of messages {\"role\": \"user\" or \"assistant\", \"content\": ...} that start "
                + "with the user and alternate, 2–6 turns each.";
      }
      case GENERIC -> zh ? "为数据集" + about + "生成新的数据记录。"
          : "Generate new records for the dataset " + about + ".";
    };
    head = head.replace("  ", " ").replace(" :", ":").replace(" .", ".");
    return desc.isEmpty() ? head : head + "\n" + desc;
  }

  static String diversity(double d, Language lang) {
    boolean zh = lang == Language.ZH;
    if (d < 0.3) {
      return zh ? "与参考样例保持相近的主题和风格，只在细节上变化。"
          : "Stay close to the examples in topic and style; vary the details.";
    }
    if (d < 0.7) {
      return zh ? "在主题、表述和难度上适度变化。" : "Vary topics, phrasing and difficulty moderately.";
    }
    return zh ? "尽可能多样：不同的主题、长度、风格和难度。"
        : "Make the records as varied as possible: different topics, lengths, styles and difficulty.";
  }
}
