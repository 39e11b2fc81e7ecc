package io.datasynth.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.InputException;
import io.datasynth.json.Json;
import io.datasynth.schema.Constraints;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.RubricLevel;
import io.datasynth.schema.Schema;
import io.datasynth.seed.Seed;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PromptBuilderTest {
  static Schema schema(String... names) {
    return new Schema("demo", "a demo set", java.util.Arrays.stream(names).map(n -> Field.of(n, FieldType.TEXT))
        .toList(), List.of());
  }

  static List<Seed> seeds(int n, String text) {
    List<Seed> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ObjectNode o = Json.object();
      o.put("instruction", text + " " + i);
      o.put("response", text + " answer " + i);
      out.add(new Seed(i, "seed #" + i, o));
    }
    return out;
  }

  static PromptSettings settings(long seed) {
    return new PromptSettings(null, null, 0.5, 3, seed, null);
  }

  @Nested
  class Detection {
    @Test
    void picksTheTemplateFromTheFieldNames() {
      assertThat(DataType.detect(schema("prompt", "chosen", "rejected"))).isEqualTo(DataType.PREFERENCE);
      assertThat(DataType.detect(schema("conversation"))).isEqualTo(DataType.MULTI_TURN);
      assertThat(DataType.detect(schema("Instruction", "Response"))).isEqualTo(DataType.INSTRUCTION_RESPONSE);
      assertThat(DataType.detect(schema("input", "output"))).isEqualTo(DataType.INSTRUCTION_RESPONSE);
      assertThat(DataType.detect(schema("question", "answer"))).isEqualTo(DataType.INSTRUCTION_RESPONSE);
      assertThat(DataType.detect(schema("title", "body"))).isEqualTo(DataType.GENERIC);
    }

    @Test
    void writesChineseWhenMostSeedsAreChinese() {
      assertThat(Language.detect(seeds(3, "请解释为什么天空是蓝色的"))).isEqualTo(Language.ZH);
      assertThat(Language.detect(seeds(3, "Explain why the sky is blue"))).isEqualTo(Language.EN);
      List<Seed> mixed = new ArrayList<>(seeds(1, "解释一下 HTTP 429 状态码的含义"));
      mixed.addAll(seeds(2, "Explain the meaning of status 429"));
      assertThat(Language.detect(mixed)).isEqualTo(Language.EN);
    }
  }

  @Nested
  class Content {
    @Test
    void showsEveryFieldWithItsConstraintsTheRubricAndTheFormat() {
      Schema s = new Schema("demo", "", List.of(
          new Field("instruction", "指令", FieldType.TEXT, "the task", true, new Constraints(null, null, List.of(),
              5, 200, null), null),
          new Field("quality", "quality", FieldType.INT, "", true, new Constraints(1.0, 5.0, List.of(), null, null,
              null), null),
          new Field("label", "label", FieldType.TEXT, "", false, new Constraints(null, null,
              List.of(Json.mapper().getNodeFactory().textNode("yes"), Json.mapper().getNodeFactory().textNode("no")),
              null, null, "^[a-z]+$"), null)),
          List.of(new RubricLevel("5", "excellent", "accurate and complete")));
      Prompt p = new PromptBuilder(s, seeds(5, "Explain"), "Be kind.", settings(1)).build(0, 7);
      assertThat(p.user()).contains("`instruction` (text, required): 指令; the task; length 5–200 characters",
          "`quality` (integer, required): from 1 to 5 inclusive", "`label` (text, optional)", "one of: \"yes\", \"no\"",
          "must match the regular expression ^[a-z]+$", "5 (excellent): accurate and complete", "Be kind.",
          "Generate exactly 7 new records", "Do not copy the examples", "\"quality\": <int 1–5>", "```json");
      assertThat(p.recordsRequested()).isEqualTo(7);
      assertThat(p.exampleIds()).hasSize(3);
    }

    @Test
    void keepsTheSchemasOwnFieldNamesInTheTask() {
      Prompt p = new PromptBuilder(schema("question", "answer"), seeds(2, "x"), "", settings(1)).build(0, 5);
      assertThat(p.user()).contains("`question`", "`answer`").doesNotContain("`instruction`");
    }

    @Test
    void cutsLongGuidelinesAndSaysSo() {
      String guide = "规".repeat(PromptBuilder.MAX_GUIDELINE_CHARS + 500);
      Prompt p = new PromptBuilder(schema("instruction", "response"), seeds(2, "任务"), guide, settings(1))
          .build(0, 5);
      assertThat(p.user()).contains("已截断").doesNotContain("规".repeat(PromptBuilder.MAX_GUIDELINE_CHARS + 1));
    }

    @Test
    void leavesOutEmptySections() {
      Prompt p = new PromptBuilder(schema("instruction", "response"), seeds(2, "x"), "", settings(1)).build(0, 5);
      assertThat(p.user()).doesNotContain("Quality rubric", "Annotation guidelines");
    }

    @Test
    void followsTheLanguageOverride() {
      PromptSettings en = new PromptSettings(null, Language.EN, 0.5, 3, 1, null);
      assertThat(new PromptBuilder(schema("instruction", "response"), seeds(2, "中文任务"), "", en).build(0, 5).user())
          .contains("Data synthesis task");
    }
  }

  @Nested
  class Sampling {
    @Test
    void theSameSeedGivesTheSamePromptsInAnyOrder() {
      PromptBuilder a = new PromptBuilder(schema("instruction", "response"), seeds(20, "x"), "", settings(9));
      PromptBuilder b = new PromptBuilder(schema("instruction", "response"), seeds(20, "x"), "", settings(9));
      List<String> forward = IntStream.range(0, 10).mapToObj(i -> a.build(i, 5).user()).toList();
      List<String> backward = new ArrayList<>(IntStream.iterate(9, i -> i >= 0, i -> i - 1)
          .mapToObj(i -> b.build(i, 5).user()).toList());
      java.util.Collections.reverse(backward);
      assertThat(forward).isEqualTo(backward);
    }

    @Test
    void everyBatchSharesOneStablePrefixAndOnlyItsOwnPartDiffers() {
      PromptBuilder a = new PromptBuilder(schema("instruction", "response"), seeds(20, "x"), "Be kind.", settings(9));
      Prompt first = a.build(0, 5);
      Prompt other = a.build(7, 3);
      assertThat(other.stable()).isEqualTo(first.stable()).contains("## Fields", "Be kind.", "## Output format")
          .doesNotContain("Example 1", "Generate exactly");
      assertThat(first.perBatch()).startsWith("## Examples (3)").contains("Generate exactly 5 new records");
      assertThat(other.perBatch()).isNotEqualTo(first.perBatch()).contains("Generate exactly 3 new records");
      assertThat(first.user()).isEqualTo(first.stable() + first.perBatch());
    }

    @Test
    void differentBatchesAndSeedsShowDifferentExamples() {
      PromptBuilder a = new PromptBuilder(schema("instruction", "response"), seeds(20, "x"), "", settings(9));
      PromptBuilder c = new PromptBuilder(schema("instruction", "response"), seeds(20, "x"), "", settings(10));
      assertThat(a.build(0, 5).exampleIds()).isNotEqualTo(a.build(1, 5).exampleIds());
      assertThat(a.build(0, 5).exampleIds()).isNotEqualTo(c.build(0, 5).exampleIds());
      assertThat(a.build(0, 5).exampleIds()).doesNotHaveDuplicates();
    }
  }

  @Nested
  class UserTemplates {
    @Test
    void fillsEveryPlaceholder() {
      Template t = Template.parse("S={{schema}}\nR={{rubric}}\nE({{seed_count}})={{seed_examples}}\nN={{batch_size}}",
          Path.of("t.md"));
      PromptSettings s = new PromptSettings(null, null, 0.5, 2, 1, t);
      Prompt p = new PromptBuilder(schema("instruction", "response"), seeds(4, "x"), "", s).build(3, 8);
      assertThat(p.user()).contains("S=- `instruction`", "E(2)=Example 1", "N=8").doesNotContain("{{");
    }

    @Test
    void splitsAUserTemplateAtTheLineOfItsFirstPerBatchPlaceholder() {
      Template t = Template.parse("Fields:\n{{schema}}\nShow {{seed_count}}:\n{{seed_examples}}\nWrite {{batch_size}}.",
          Path.of("t.md"));
      PromptSettings s = new PromptSettings(null, null, 0.5, 2, 1, t);
      PromptBuilder b = new PromptBuilder(schema("instruction", "response"), seeds(4, "x"), "", s);
      Prompt p = b.build(0, 4);
      assertThat(p.stable()).startsWith("Fields:\n- `instruction`").doesNotContain("Show");
      assertThat(p.perBatch()).startsWith("Show 2:\n").endsWith("Write 4.");
      assertThat(b.build(1, 2).stable()).isEqualTo(p.stable());
    }

    @Test
    void aTemplateThatStartsWithTheExamplesHasNoStablePrefix() {
      Template t = Template.parse("{{seed_examples}}\n{{schema}}", Path.of("t.md"));
      Prompt p = new PromptBuilder(schema("instruction", "response"), seeds(4, "x"), "",
          new PromptSettings(null, null, 0.5, 2, 1, t)).build(0, 4);
      assertThat(p.stable()).isEmpty();
      assertThat(p.perBatch()).startsWith("Example 1");
    }

    @Test
    void sendsNoSystemInstructionOfItsOwnInFrontOfAUserTemplate() {
      Template t = Template.parse("Write {{batch_size}} records:\n{{output_format}}", Path.of("t.md"));
      Prompt p = new PromptBuilder(schema("instruction", "response"), seeds(4, "x"), "",
          new PromptSettings(null, null, 0.5, 2, 1, t)).build(0, 4);
      assertThat(p.system()).isEmpty();
      assertThat(p.asSingleMessage()).startsWith("Write 4 records:");
    }

    @Test
    void takesTheSystemInstructionFromTheTemplatesFirstLine() {
      Template t = Template.parse("system: You write support dialogues.\nWrite {{batch_size}} records.",
          Path.of("t.md"));
      Prompt p = new PromptBuilder(schema("instruction", "response"), seeds(4, "x"), "",
          new PromptSettings(null, null, 0.5, 2, 1, t)).build(0, 4);
      assertThat(p.system()).isEqualTo("You write support dialogues.");
      assertThat(p.user()).isEqualTo("Write 4 records.");
    }

    @Test
    void keepsTheBuiltInSystemInstructionWithTheBuiltInTemplate() {
      Prompt p = new PromptBuilder(schema("instruction", "response"), seeds(4, "x"), "", settings(1)).build(0, 4);
      assertThat(p.system()).isNotEmpty();
    }

    @Test
    void namesAnUnknownPlaceholderAndItsLine() {
      assertThatThrownBy(() -> Template.parse("ok\n{{seed_exmaples}}", Path.of("t.md")))
          .isInstanceOf(InputException.class).hasMessageContaining("t.md:2")
          .hasMessageContaining("{{seed_exmaples}}").hasMessageContaining("{{seed_examples}}");
    }
  }

  @Nested
  class RegionToAvoid {
    private Seed seed(int i, String instruction, String response) {
      ObjectNode o = Json.object();
      o.put("instruction", instruction);
      o.put("response", response);
      return new Seed(i, "seed #" + i, o);
    }

    @Test
    void quotesTheStartOfEachCrowdedSeedOnOneLine() {
      Seed longOne = seed(1, "Explain  why\nthe sky is blue", "Because air scatters blue light more than red light, "
          + "which is why the sky looks blue at noon.");
      Seed shortOne = seed(2, "Name a prime", "7");
      List<Seed> all = List.of(longOne, shortOne, seed(3, "Add two numbers", "2 + 2 = 4"));
      PromptBuilder b = new PromptBuilder(schema("instruction", "response"), all, "", settings(1));
      String text = b.build(0, 5, new io.datasynth.plan.BatchPlan(List.of(), null, List.of(longOne, shortOne)))
          .perBatch();
      assertThat(text).contains("Records so far mostly resemble the examples below; move away from them")
          .contains("\n- \"Explain why the sky is blue / Because air scatters blue ligh…\"")
          .contains("\n- \"Name a prime / 7\"");
      // A seed the builder was not given (another object with the same fields) is quoted the same.
      Seed copy = seed(1, longOne.data().get("instruction").asText(), longOne.data().get("response").asText());
      assertThat(b.build(0, 5, new io.datasynth.plan.BatchPlan(List.of(), null, List.of(copy, shortOne))).perBatch())
          .isEqualTo(text);
    }

    @Test
    void quotesChineseSeedsInCornerBrackets() {
      List<Seed> all = List.of(seed(1, "用三句话解释为什么天空是蓝色的", "阳光里混着很多颜色的光。"),
          seed(2, "写一首关于秋天的短诗", "秋风起，落叶黄。"));
      String text = new PromptBuilder(schema("instruction", "response"), all, "", settings(1))
          .build(0, 5, new io.datasynth.plan.BatchPlan(List.of(), null, List.of(all.get(1)))).perBatch();
      assertThat(text).contains("请避开它们").contains("\n- 「写一首关于秋天的短诗 / 秋风起，落叶黄。」");
    }
  }
}
