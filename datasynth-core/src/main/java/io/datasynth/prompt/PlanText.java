package io.datasynth.prompt;

import io.datasynth.json.Json;
import io.datasynth.plan.BatchPlan;
import io.datasynth.plan.Combination;
import io.datasynth.plan.Part;
import io.datasynth.schema.Field;
import io.datasynth.schema.Schema;
import io.datasynth.seed.Seed;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The {@code {{plan}}} text of a prompt: the combination its records must have (with the fixed fields as a
 * {@code <fixed>{…}</fixed>} JSON object, machine-readable), or the parts of an interactive prompt in order, and
 * the region of the seed set to move away from. Empty when the batch has no plan.
 */
final class PlanText {
  /** How much of a seed's text is quoted when naming a region to avoid. */
  static final int SNIPPET = 60;

  private PlanText() {}

  /** @param snippet the start of a seed's text, as {@link #snippet} makes it */
  static String render(BatchPlan plan, Language lang, Function<Seed, String> snippet) {
    boolean zh = lang == Language.ZH;
    StringBuilder sb = new StringBuilder();
    List<Part> parts = plan.parts().stream().filter(p -> !p.combination().isEmpty()).toList();
    if (parts.size() == 1) {
      Combination c = parts.get(0).combination();
      sb.append(zh ? "本批设定：" : "This batch's plan: ").append(describe(c, zh))
          .append(zh ? "。本批每条数据都必须符合这些设定。" : ". Every record of this batch must fit it.");
      if (!c.fixedValues().isEmpty()) {
        sb.append("\n<fixed>").append(Json.compact(c.fixedValues())).append("</fixed>");
      }
    } else if (parts.size() > 1) {
      sb.append(zh ? "按顺序生成以下各组数据：" : "Write the records in this order:");
      int from = 1;
      for (Part p : parts) {
        int to = from + p.count() - 1;
        sb.append("\n- ").append(zh ? "第 " + range(from, to) + " 条：" : "records " + range(from, to) + ": ")
            .append(describe(p.combination(), zh));
        from = to + 1;
      }
      sb.append(zh ? "\n每条数据都必须符合它所在的那一组的设定。" : "\nEvery record must fit its group's plan.");
    }
    if (!plan.avoid().isEmpty()) {
      if (!sb.isEmpty()) {
        sb.append('\n');
      }
      sb.append(zh ? "已有的数据大多与下面这些样例相近，请避开它们，换用其他场景、话题和说法："
          : "Records so far mostly resemble the examples below; move away from them: other situations, topics "
              + "and wording.");
      for (Seed s : plan.avoid()) {
        sb.append("\n- ").append(zh ? "「" : "\"").append(snippet.apply(s)).append(zh ? "」" : "\"");
      }
    }
    return sb.toString();
  }

  private static String range(int from, int to) {
    return from == to ? Integer.toString(from) : from + "–" + to;
  }

  private static String describe(Combination c, boolean zh) {
    List<String> items = new ArrayList<>();
    for (Combination.Choice ch : c.choices()) {
      String name = ch.axis().name();
      if (ch.value().isRange()) {
        items.add(zh ? name + " 在 " + ch.value().label() + " 之间" : name + " between " + ch.value().label()
            .replace("–", " and "));
      } else {
        items.add(name + " = " + ch.value().label());
      }
    }
    return String.join(zh ? "；" : "; ", items);
  }

  /** The start of a seed's text fields, on one line. */
  static String snippet(Seed s, Schema schema) {
    StringBuilder sb = new StringBuilder();
    for (Field f : schema.fields()) {
      if (s.data().path(f.name()).isTextual()) {
        if (!sb.isEmpty()) {
          sb.append(" / ");
        }
        sb.append(s.data().get(f.name()).asText());
      }
    }
    String t = io.datasynth.text.Spaces.collapse(sb.toString()).strip();
    if (t.codePointCount(0, t.length()) > SNIPPET) {
      t = t.substring(0, t.offsetByCodePoints(0, SNIPPET)) + "…";
    }
    return t;
  }
}
