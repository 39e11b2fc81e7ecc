package io.datasynth.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.json.Json;
import io.datasynth.schema.Constraints;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.RubricLevel;
import io.datasynth.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders a schema for the model: every field with its type, description and constraints, the rubric, the format. */
final class SchemaText {
  private SchemaText() {}

  static String fields(Schema schema, Language lang) {
    StringBuilder sb = new StringBuilder();
    for (Field f : schema.fields()) {
      boolean zh = lang == Language.ZH;
      sb.append("- `").append(f.name()).append("` ");
      sb.append(zh ? "（" : "(").append(typeName(f, lang)).append(zh ? "，" : ", ")
          .append(f.required() ? (zh ? "必填" : "required") : (zh ? "可选" : "optional"))
          .append(zh ? "）" : ")");
      List<String> parts = new ArrayList<>();
      if (!f.displayName().equals(f.name())) {
        parts.add(f.displayName());
      }
      if (!f.description().isBlank()) {
        parts.add(f.description().strip());
      }
      parts.addAll(constraints(f, lang));
      if (!parts.isEmpty()) {
        sb.append(zh ? "：" : ": ").append(String.join(zh ? "；" : "; ", parts));
      }
      sb.append('\n');
    }
    return sb.toString().stripTrailing();
  }

  static String rubric(Schema schema, Language lang) {
    return schema.rubric().stream().map(r -> rubricLine(r, lang)).collect(Collectors.joining("\n"));
  }

  /** A pseudo-JSON skeleton of one record: {"instruction": "<text>", "quality": <int 1–5>}. */
  static String outputFormat(Schema schema) {
    String body = schema.fields().stream()
        .map(f -> "\"" + f.name() + "\": " + placeholder(f))
        .collect(Collectors.joining(", "));
    return "[\n  {" + body + "},\n  ...\n]";
  }

  private static String placeholder(Field f) {
    Constraints c = f.constraints();
    if (!c.allowed().isEmpty()) {
      return c.allowed().stream().map(Json::compact).collect(Collectors.joining(" | ", "<one of ", ">"));
    }
    return switch (f.type()) {
      case TEXT -> "\"<text>\"";
      case INT -> c.hasRange() ? "<int " + range(c) + ">" : "<int>";
      case FLOAT -> c.hasRange() ? "<number " + range(c) + ">" : "<number>";
      case BOOL -> "<true|false>";
      case LIST -> f.itemType() == FieldType.OBJECT && isConversation(f) 
          ? "[{\"role\": \"user\", \"content\": \"<text>\"}, {\"role\": \"assistant\", \"content\": \"<text>\"}]"
          : "[" + (f.itemType() == null ? "..." : "<" + f.itemType().typeName() + ">, ...") + "]";
      case OBJECT -> "{...}";
    };
  }

  private static boolean isConversation(Field f) {
    String n = f.name().toLowerCase(Locale.ROOT);
    return n.startsWith("conversation") || n.equals("messages");
  }

  private static String typeName(Field f, Language lang) {
    boolean zh = lang == Language.ZH;
    String base = switch (f.type()) {
      case TEXT -> zh ? "文本" : "text";
      case INT -> zh ? "整数" : "integer";
      case FLOAT -> zh ? "数字" : "number";
      case BOOL -> zh ? "布尔值" : "boolean";
      case LIST -> zh ? "列表" : "list";
      case OBJECT -> zh ? "对象" : "object";
    };
    if (f.type() == FieldType.LIST && f.itemType() != null) {
      Field item = Field.of("item", f.itemType());
      base += zh ? "，元素为" + typeName(item, lang) : " of " + typeName(item, lang);
    }
    return base;
  }

  private static List<String> constraints(Field f, Language lang) {
    boolean zh = lang == Language.ZH;
    Constraints c = f.constraints();
    List<String> out = new ArrayList<>();
    if (c.min() != null && c.max() != null) {
      out.add(zh ? "取值范围 " + num(c.min()) + "–" + num(c.max()) + "（含）"
          : "from " + num(c.min()) + " to " + num(c.max()) + " inclusive");
    } else if (c.min() != null) {
      out.add(zh ? "不小于 " + num(c.min()) : "at least " + num(c.min()));
    } else if (c.max() != null) {
      out.add(zh ? "不大于 " + num(c.max()) : "at most " + num(c.max()));
    }
    if (!c.allowed().isEmpty()) {
      String values = c.allowed().stream().map(JsonNode::toString).collect(Collectors.joining(", "));
      out.add(zh ? "只能取以下值之一：" + values : "one of: " + values);
    }
    String unit = f.type() == FieldType.LIST ? (zh ? "项" : " items") : (zh ? "个字符" : " characters");
    if (c.minLength() != null && c.maxLength() != null) {
      out.add(zh ? "长度 " + c.minLength() + "–" + c.maxLength() + " " + unit
          : "length " + c.minLength() + "–" + c.maxLength() + unit);
    } else if (c.minLength() != null) {
      out.add(zh ? "长度至少 " + c.minLength() + " " + unit : "at least " + c.minLength() + unit);
    } else if (c.maxLength() != null) {
      out.add(zh ? "长度最多 " + c.maxLength() + " " + unit : "at most " + c.maxLength() + unit);
    }
    if (c.pattern() != null) {
      out.add(zh ? "必须匹配正则表达式 " + c.pattern() : "must match the regular expression " + c.pattern());
    }
    return out;
  }

  private static String rubricLine(RubricLevel r, Language lang) {
    StringBuilder sb = new StringBuilder("- ");
    if (!r.score().isEmpty()) {
      sb.append(r.score());
      if (!r.label().isEmpty()) {
        sb.append(lang == Language.ZH ? "（" + r.label() + "）" : " (" + r.label() + ")");
      }
      sb.append(lang == Language.ZH ? "：" : ": ");
    } else if (!r.label().isEmpty()) {
      sb.append(r.label()).append(lang == Language.ZH ? "：" : ": ");
    }
    return sb.append(r.description()).toString();
  }

  private static String range(Constraints c) {
    return (c.min() == null ? "" : num(c.min())) + "–" + (c.max() == null ? "" : num(c.max()));
  }

  private static String num(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
