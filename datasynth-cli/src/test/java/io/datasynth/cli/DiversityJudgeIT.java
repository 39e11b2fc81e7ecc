package io.datasynth.cli;

import static io.datasynth.cli.TestFiles.example;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.json.JsonFiles;
import io.datasynth.testkit.FakeProvider;
import io.datasynth.testkit.JudgeScorer;
import io.datasynth.testkit.RecordSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diversity plans and the rubric judge, end to end against the fake provider, on the DataRecipe demo schema. */
class DiversityJudgeIT {
  static final List<String> INTENTS = List.of("查询物流", "退换货", "商品咨询", "售后投诉", "账户问题");
  static final String LEANED = "查询物流";

  @TempDir Path dir;

  /**
   * Unique customer-service records whose intent leans to {@link #LEANED}: it has {@code lean} of them, the other
   * intents share the rest evenly. Each record grades itself 1.
   */
  static RecordSource leaning(double lean) {
    AtomicLong n = new AtomicLong();
    return (count, random) -> {
      List<ObjectNode> out = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        long k = n.incrementAndGet();
        ObjectNode o = Json.object();
        o.put("question", "问题" + k + "：" + words(random) + "？");
        o.put("answer", "回答" + k + "：" + words(random) + "。");
        o.put("intent", random.nextDouble() < lean ? LEANED : INTENTS.get(1 + random.nextInt(INTENTS.size() - 1)));
        o.put("score", 1);
        out.add(o);
      }
      return out;
    };
  }

  private static String words(java.util.random.RandomGenerator random) {
    String chars = "订单快递物流退货换货尺码颜色发票账户密码登录优惠券积分售后投诉客服价格库存";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 14; i++) {
      sb.append(chars.charAt(random.nextInt(chars.length())));
    }
    return sb.toString();
  }

  static Path output(Path recipe) {
    return recipe.resolve("11_合成数据/synthetic.json");
  }

  static List<JsonNode> samples(Path output) {
    List<JsonNode> out = new ArrayList<>();
    JsonFiles.readJson(output).get("samples").forEach(out::add);
    return out;
  }

  static Map<String, Integer> intents(List<JsonNode> samples) {
    Map<String, Integer> counts = new HashMap<>();
    samples.forEach(s -> counts.merge(s.get("data").get("intent").asText(), 1, Integer::sum));
    return counts;
  }

  @Nested
  class BalancingAnEnumField {
    @Test
    void deliversEachValueWithinTwoOfItsShareWhenTheModelIgnoresThePlanAndLeansToOneValue() {
      Path recipe = example("recipe_demo", dir);
      try (FakeProvider fake = FakeProvider.builder().seed(5).countFromPrompt(true).records(leaning(0.5))
          .honourFixedFields(false).requestsPerMinute(100_000).start()) {
        Cli.Result r = Fakes.anthropic(Cli.in(dir), fake).run("generate", recipe, "-n", 30, "--balance", "intent",
            "--batch-size", 10, "--progress", "none");

        assertThat(r.code()).as(r.describe()).isZero();
        List<JsonNode> samples = samples(output(recipe));
        assertThat(samples).hasSize(30);
        Map<String, Integer> counts = intents(samples);
        for (String intent : INTENTS) {
          assertThat(counts.getOrDefault(intent, 0)).as("records of %s in %s", intent, counts).isBetween(4, 8);
        }
        JsonNode summary = JsonFiles.readJson(output(recipe)).get("metadata").get("summary");
        assertThat(summary.get("coverage").get("max_deviation").asLong()).isLessThanOrEqualTo(2);
        assertThat(summary.get("plan").get("axes").get(0).get("name").asText()).isEqualTo("intent");
        assertThat(summary.path("runs").get(0).get("rejected").has("off_plan"))
            .as("records outside their batch's plan are rejected as off_plan: %s", summary).isTrue();
        assertThat(samples.get(0).get("provenance").get("plan").has("intent")).isTrue();
        JsonNode forReport = JsonFiles.readJson(output(recipe)).get("metadata").get("plan");
        assertThat(forReport.get("coverage")).as("one cell per intent for the quality report").hasSize(5);
        forReport.get("coverage").forEach(c -> assertThat(c.get("delivered").asInt()).isEqualTo(
            counts.getOrDefault(c.get("combination").get("intent").asText(), 0)));
      }
    }

    @Test
    void followsTheWeightsGivenWhenTheModelObeysThePlan() {
      Path recipe = example("recipe_demo", dir);
      try (FakeProvider fake = FakeProvider.builder().seed(6).countFromPrompt(true).records(leaning(0.9))
          .requestsPerMinute(100_000).start()) {
        Cli.Result r = Fakes.anthropic(Cli.in(dir), fake).run("generate", recipe, "-n", 20, "--balance",
            "intent=查询物流:0.5,退换货:0.3,商品咨询:0.2", "--progress", "none");

        assertThat(r.code()).as(r.describe()).isZero();
        Map<String, Integer> counts = intents(samples(output(recipe)));
        assertThat(counts.get("查询物流")).isBetween(8, 12);
        assertThat(counts.get("退换货")).isBetween(4, 8);
        assertThat(counts.get("商品咨询")).isBetween(2, 6);
        assertThat(counts.keySet()).as("values left out of the weights are not generated")
            .containsOnly("查询物流", "退换货", "商品咨询");
      }
    }

    @Test
    void statesAUserAxisInEachBatchPromptAndRecordsItInProvenance() {
      Path recipe = example("recipe_demo", dir);
      try (FakeProvider fake = FakeProvider.builder().seed(7).countFromPrompt(true).records(leaning(0.2))
          .requestsPerMinute(100_000).start()) {
        Cli.Result r = Fakes.anthropic(Cli.in(dir), fake).run("generate", recipe, "-n", 12, "--axis",
            "persona=新用户,老用户,商家", "--batch-size", 4, "--progress", "none");

        assertThat(r.code()).as(r.describe()).isZero();
        Map<String, Integer> personas = new HashMap<>();
        samples(output(recipe)).forEach(s -> personas.merge(s.get("provenance").get("plan").get("persona").asText(),
            1, Integer::sum));
        assertThat(personas).containsOnlyKeys("新用户", "老用户", "商家");
      }
    }
  }

  @Nested
  class BadPlanOptions {
    @Test
    void aBalanceWithoutWeightsIsABadUsageNamingTheOption() {
      Path recipe = example("recipe_demo", dir);
      Cli.Result r = Cli.in(dir).run("generate", recipe, "-n", 5, "--balance", "intent=查询物流");
      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(r.err()).contains("--balance").contains("查询物流");
    }

    @Test
    void aBalanceOfAnUnknownFieldNamesTheFieldsThereAre() {
      Path recipe = example("recipe_demo", dir);
      Cli.Result r = Cli.in(dir).run("generate", recipe, "-n", 5, "--balance", "mood");
      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(r.err()).contains("--balance").contains("mood").contains("intent");
    }

    @Test
    void aWeightOfAValueTheFieldDoesNotHaveIsRefused() {
      Path recipe = example("recipe_demo", dir);
      Cli.Result r = Cli.in(dir).run("generate", recipe, "-n", 5, "--balance", "intent=催单:1");
      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(r.err()).contains("--balance").contains("催单").contains("退换货");
    }

    @Test
    void anAxisWithoutValuesIsABadUsageNamingTheOption() {
      Path recipe = example("recipe_demo", dir);
      Cli.Result r = Cli.in(dir).run("generate", recipe, "-n", 5, "--axis", "persona");
      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(r.err()).contains("--axis").contains("persona");
    }

    @Test
    void anAxisFileThatIsMissingIsNamed() {
      Path recipe = example("recipe_demo", dir);
      Cli.Result r = Cli.in(dir).run("generate", recipe, "-n", 5, "--axis", "persona=personas.txt");
      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(r.err()).contains("personas.txt");
    }

    @Test
    void anAxesFileWithABadEntryNamesTheFileAndTheEntry() throws IOException {
      Path recipe = example("recipe_demo", dir);
      Files.writeString(dir.resolve("axes.json"), "{\"axes\": [{\"name\": \"persona\", \"values\": [\"a\"]}, "
          + "{\"values\": [\"x\"]}]}", StandardCharsets.UTF_8);
      Cli.Result r = Cli.in(dir).run("generate", recipe, "-n", 5, "--axes", dir.resolve("axes.json"));
      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(r.err()).contains("axes.json").contains("axes[1]");
    }

    @Test
    void aMinimumScoreOffTheRubricsScaleIsRefused() {
      Path recipe = example("recipe_demo", dir);
      Cli.Result r = Cli.in(dir).run("generate", recipe, "-n", 5, "--judge", "--min-score", "3");
      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(r.err()).contains("--min-score").contains("0 to 1");
    }

    @Test
    void aMinimumScoreWithoutTheJudgeIsRefused() {
      Path recipe = example("recipe_demo", dir);
      Cli.Result r = Cli.in(dir).run("generate", recipe, "-n", 5, "--min-score", "0.5");
      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(r.err()).contains("--judge");
    }
  }

  @Nested
  class TheRubricJudge {
    @Test
    void deliversExactlyNRecordsAllAtTheMinimumAndReportsItsCostApart() {
      Path recipe = example("recipe_demo", dir);
      try (FakeProvider fake = FakeProvider.builder().seed(8).countFromPrompt(true).records(leaning(0.2))
          .judge(JudgeScorer.seeded(1, 0.5, 0)).requestsPerMinute(100_000).start()) {
        Cli.Result r = Fakes.anthropic(Cli.in(dir), fake).run("generate", recipe, "-n", 20, "--judge",
            "--min-score", "0.5", "--judge-batch-size", 5, "--progress", "none");

        assertThat(r.code()).as(r.describe()).isZero();
        List<JsonNode> samples = samples(output(recipe));
        assertThat(samples).hasSize(20);
        for (JsonNode s : samples) {
          assertThat(s.get("provenance").get("judge_score").asDouble()).as("%s", s).isGreaterThanOrEqualTo(0.5);
          assertThat(s.get("provenance").get("judge_rationale").asText()).isNotBlank();
        }
        JsonNode judge = JsonFiles.readJson(output(recipe)).get("metadata").get("summary").get("judge");
        assertThat(judge.get("requests").asLong()).isPositive();
        assertThat(judge.get("cost_usd").asDouble()).isPositive();
        assertThat(judge.get("tokens").get("total").asLong()).isPositive();
        assertThat(judge.get("low_score").asLong()).as("the seeded judge gives 0 to about a third").isPositive();
        assertThat(judge.get("judged").asLong()).isEqualTo(20 + judge.get("low_score").asLong());
        assertThat(judge.get("self_score").get("field").asText()).isEqualTo("score");
        assertThat(judge.get("self_score").get("generous").asLong())
            .as("records grading themselves 1 where the judge said 0 or 0.5").isPositive();
        List<String> rejects = lines(recipe.resolve("11_合成数据/synthetic.rejects.jsonl"));
        assertThat(rejects).anyMatch(l -> l.contains("\"low_score\"") && l.contains("Seeded score 0"));
        assertThat(r.out() + r.err()).containsIgnoringCase("judge");
      }
    }

    @Test
    void inBatchModeAJudgeModelOfItsOwnIsAskedOnlineAndPricedApart() {
      Path recipe = example("recipe_demo", dir);
      try (FakeProvider fake = FakeProvider.builder().seed(8).countFromPrompt(true).records(leaning(0.2))
          .judge(JudgeScorer.seeded(1, 0.5, 0)).requestsPerMinute(100_000).start()) {
        Cli.Result r = Fakes.anthropic(Cli.in(dir), fake).run("generate", recipe, "-n", 12, "--mode", "batch",
            "--judge", "--judge-model", "claude-haiku-4-5", "--judge-batch-size", 4, "--progress", "none");

        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(samples(output(recipe))).hasSize(12);
        assertThat(fake.batchesCreated()).as("generation went into batches").isPositive();
        List<io.datasynth.testkit.RecordedRequest> judged = fake.requests().stream()
            .filter(q -> "claude-haiku-4-5".equals(q.model())).toList();
        assertThat(judged).as("the judge model's requests, each sent online on its own").isNotEmpty()
            .allSatisfy(q -> assertThat(q.path()).isEqualTo("/v1/messages"))
            .anySatisfy(q -> assertThat(q.scoresSent()).isPositive());
        JsonNode summary = JsonFiles.readJson(output(recipe)).get("metadata").get("summary");
        JsonNode judge = summary.get("judge");
        assertThat(judge.get("model").asText()).isEqualTo("claude-haiku-4-5");
        assertThat(judge.get("requests").asLong()).isPositive();
        assertThat(judge.get("cost_usd").asDouble()).isPositive().isLessThan(summary.get("cost_usd").asDouble());
      }
    }

    @Test
    void aKilledRunResumedJudgesNoRecordTwice() throws IOException {
      CrashResumeIT.writeInputs(dir);
      Files.writeString(dir.resolve("schema.json"), """
          {"project_name": "qa", "fields": [
            {"name": "instruction", "type": "text", "constraints": {"min_length": 5}},
            {"name": "response", "type": "text"}],
           "scoring_rubric": [{"score": 1, "label": "good", "description": "right"},
                              {"score": 0, "label": "bad", "description": "wrong"}]}""", StandardCharsets.UTF_8);
      Path journal = dir.resolve("out.journal.jsonl");
      ConcurrentLinkedQueue<String> asked = new ConcurrentLinkedQueue<>();
      JudgeScorer seeded = JudgeScorer.seeded(1, 1, 0);
      JudgeScorer recording = (id, record, rubric, random) -> {
        asked.add(record.get("instruction").asText());
        return seeded.judge(id, record, rubric, random);
      };
      try (FakeProvider fake = FakeProvider.builder().seed(23).countFromPrompt(true)
          .records(CrashResumeIT.uniqueRecords()).judge(recording).requestsPerMinute(100_000)
          .latency(Duration.ofMillis(60), Duration.ofMillis(120)).start()) {
        Map<String, String> env = Map.of("ANTHROPIC_BASE_URL", fake.anthropicBaseUrl());
        int n = 60;
        List<String> args = CrashResumeIT.create("out.json", n, "--judge", "--judge-batch-size", "4",
            "--batch-size", "5");
        ChildProcess first = ChildProcess.start(dir, env, args, "judged-then-killed");
        first.awaitWhileAlive(() -> judgedInstructions(journal).size() >= 8);
        assertThat(first.isAlive()).as(first.output()).isTrue();
        first.kill();
        ChildProcess.await("the fake finished the killed run's requests", () -> fake.inFlight() == 0);
        Set<String> judgedBefore = judgedInstructions(journal);
        assertThat(judgedBefore).hasSizeGreaterThanOrEqualTo(8);
        asked.clear();

        ChildProcess second = ChildProcess.start(dir, env, args, "resumed");
        assertThat(second.waitFor()).as(second.output()).isZero();

        assertThat(asked).as("records judged before the kill are not judged again").doesNotContainAnyElementsOf(
            judgedBefore);
        assertThat(new HashSet<>(asked)).as("nor any record twice").hasSameSizeAs(asked);
        List<JsonNode> samples = new ArrayList<>();
        CrashResumeIT.readTree(dir.resolve("out.json")).get("samples").forEach(samples::add);
        assertThat(samples).hasSize(n);
        samples.forEach(s -> assertThat(s.get("provenance").get("judge_score").asDouble()).isEqualTo(1.0));
      }
    }
  }

  @Nested
  class InteractiveMode {
    @Test
    void prepareAsksForTheRecordsInGroupsByThePlansCombinations() {
      Path recipe = example("recipe_demo", dir);
      Cli.Result r = Cli.in(dir).run("prepare", recipe, "-n", 10, "--balance", "intent");
      assertThat(r.code()).as(r.describe()).isZero();
      for (String intent : INTENTS) {
        assertThat(r.out()).contains("intent = " + intent);
      }
      assertThat(r.out()).contains("第 1–2 条");
    }

    @Test
    void parseWithTheSamePlanRejectsARecordOutsideItsGroup() throws IOException {
      Path recipe = example("recipe_demo", dir);
      Cli.Result prompt = Cli.in(dir).run("prepare", recipe, "-n", 2, "--balance", "intent=退换货:1");
      assertThat(prompt.out()).contains("intent = 退换货").contains("<fixed>{\"intent\":\"退换货\"}</fixed>");
      assertThat(prompt.err()).contains("--balance 'intent=退换货:1'").contains("-n 2");
      Files.writeString(dir.resolve("reply.md"), """
          [{"question": "快递三天没动怎么办？", "answer": "您好，我帮您联系快递核实。", "intent": "查询物流", "score": 1},
           {"question": "衣服小了能换吗？", "answer": "可以，请在订单页申请换货。", "intent": "退换货", "score": 1}]
          """, StandardCharsets.UTF_8);
      Cli.Result r = Cli.in(dir).run("parse", dir.resolve("reply.md"), recipe, "-n", 2, "--balance",
          "intent=退换货:1");
      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).contains("off_plan 1").contains("退换货");
      List<JsonNode> samples = samples(output(recipe));
      assertThat(samples).hasSize(1);
      assertThat(samples.get(0).get("provenance").get("plan").get("intent").asText()).isEqualTo("退换货");
    }

    @Test
    void prepareJudgeThenParseJudgedScoresTheParsedRecordsAndRejectsTheLowOnes() throws IOException {
      Path recipe = example("recipe_demo", dir);
      Files.writeString(dir.resolve("reply.md"), """
          ```json
          [{"question": "快递三天没动怎么办？", "answer": "您好，我帮您联系快递核实。", "intent": "查询物流", "score": 1},
           {"question": "衣服小了能换吗？", "answer": "天气不错。", "intent": "退换货", "score": 1}]
          ```""", StandardCharsets.UTF_8);
      assertThat(Cli.in(dir).run("parse", dir.resolve("reply.md"), recipe).code()).isZero();

      Cli.Result prompt = Cli.in(dir).run("prepare", recipe, "--judge");
      assertThat(prompt.code()).as(prompt.describe()).isZero();
      assertThat(prompt.out()).contains("<records>").contains("\"r1\"").contains("\"r2\"").contains("完全符合");
      assertThat(prompt.err()).contains("parse --judged");

      Files.writeString(dir.resolve("scores.md"), "{\"scores\": [{\"id\": \"r1\", \"score\": 1, \"rationale\": "
          + "\"给出了下一步\"}, {\"id\": \"r2\", \"score\": 0, \"rationale\": \"答非所问\"}]}", StandardCharsets.UTF_8);
      Cli.Result judged = Cli.in(dir).run("parse", "--judged", dir.resolve("scores.md"), recipe);
      assertThat(judged.code()).as(judged.describe()).isZero();
      assertThat(judged.out()).contains("1 passed, 1 below the minimum");
      List<JsonNode> samples = samples(output(recipe));
      assertThat(samples).hasSize(1);
      assertThat(samples.get(0).get("provenance").get("judge_score").asDouble()).isEqualTo(1.0);
      assertThat(lines(recipe.resolve("11_合成数据/synthetic.rejects.jsonl")))
          .anyMatch(l -> l.contains("low_score") && l.contains("答非所问"));
      JsonNode judge = JsonFiles.readJson(output(recipe)).get("metadata").get("summary").get("judge");
      assertThat(judge.get("low_score").asLong()).isEqualTo(1);
      assertThat(judge.get("self_score").get("generous").asLong()).isEqualTo(1);

      Cli.Result again = Cli.in(dir).run("prepare", recipe, "--judge");
      assertThat(again.code()).as("every record is judged now").isEqualTo(2);
      assertThat(again.err()).contains("without a judge score");
    }

    @Test
    void parseJudgedOfAnAnswerWithoutScoresSaysWhatToPaste() throws IOException {
      Path recipe = example("recipe_demo", dir);
      Files.writeString(dir.resolve("scores.md"), "I liked them all.", StandardCharsets.UTF_8);
      Cli.Result r = Cli.in(dir).run("parse", "--judged", dir.resolve("scores.md"), recipe);
      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(r.err()).contains("prepare --judge");
    }
  }

  /** The instructions of the records the journal holds a judgement of. */
  static Set<String> judgedInstructions(Path journal) {
    Map<Long, String> byOrdinal = new HashMap<>();
    Set<String> judged = new HashSet<>();
    long ordinal = 0;
    for (String line : lines(journal)) {
      JsonNode e;
      try {
        e = Json.mapper().readTree(line);
      } catch (IOException | RuntimeException torn) {
        continue;
      }
      String kind = e.path("event").asText();
      boolean candidate = kind.equals("accepted") || kind.equals("rejected")
          && "surplus".equals(e.path("reason").path("code").asText()) && e.path("record").isObject();
      if (candidate) {
        byOrdinal.put(++ordinal, e.get("record").path("instruction").asText());
      } else if (kind.equals("judged") && byOrdinal.containsKey(e.path("ordinal").asLong())) {
        judged.add(byOrdinal.get(e.path("ordinal").asLong()));
      }
    }
    return judged;
  }

  static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
