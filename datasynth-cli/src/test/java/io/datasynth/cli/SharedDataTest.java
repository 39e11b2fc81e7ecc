package io.datasynth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.json.JsonFiles;
import io.datasynth.testkit.FakeProvider;
import io.datasynth.testkit.RecordSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole command-line flow on real instruction data, Chinese (BELLE) and English (Self-Instruct), from
 * {@code ../shared/data/pools}: real seeds, a fake provider answering with real records, then validate and convert.
 * Skipped when that folder is absent, as in a fresh clone.
 */
class SharedDataTest {
  static final Path POOLS = TestFiles.SHARED_DATA.resolve("pools");
  static final String SCHEMA = """
      {"project_name": "%s", "fields": [
        {"name": "instruction", "type": "text", "constraints": {"min_length": 2}},
        {"name": "input", "type": "text", "required": false},
        {"name": "output", "type": "text", "constraints": {"min_length": 1}}]}""";

  @TempDir Path dir;

  @BeforeAll
  static void needsTheSharedData() {
    assumeTrue(Files.isDirectory(POOLS), "no shared data at " + POOLS);
  }

  /** Writes lines [from, to) of a pool file, without fields the schema does not know. */
  Path slice(String pool, int from, int to, String name) throws IOException {
    List<String> lines = Files.readAllLines(POOLS.resolve(pool)).stream().filter(l -> !l.isBlank()).toList();
    StringBuilder sb = new StringBuilder();
    for (String line : lines.subList(from, Math.min(to, lines.size()))) {
      sb.append(line.replaceAll(", \"category\": \"[^\"]*\"", "")).append('\n');
    }
    return TestFiles.write(dir.resolve(name), sb.toString());
  }

  void generatesValidatesAndConverts(String pool, String provider, String promptMarker) throws IOException {
    Path schema = TestFiles.write(dir.resolve("schema.json"), SCHEMA.formatted(pool));
    Path seeds = slice(pool, 0, 12, "seeds.jsonl");
    Path records = slice(pool, 12, 400, "pool.jsonl");

    Cli.Result prepare = Cli.in(dir).run("prepare", "--schema", schema, "--seeds", seeds, "-n", 5);
    assertThat(prepare.code()).as(prepare.describe()).isZero();
    assertThat(prepare.out()).contains(promptMarker);

    Path out = dir.resolve("synthetic.json");
    try (FakeProvider fake = FakeProvider.builder().seed(5).apiKey(Fakes.KEY).countFromPrompt(true)
        .records(RecordSource.fromJsonl(records)).start()) {
      Cli cli = provider.equals("openai") ? Fakes.openAi(Cli.in(dir), fake) : Fakes.anthropic(Cli.in(dir), fake);
      Cli.Result r = cli.run("create", schema, seeds, "-o", out, "-n", 40, "-p", provider, "-q", "--stats");
      assertThat(r.code()).as(r.describe()).isZero();
    }
    List<JsonNode> samples = GenerateCommandTest.samples(out);
    assertThat(samples).hasSize(40);
    assertThat(samples).extracting(s -> s.get("data").toString()).doesNotHaveDuplicates();

    Cli.Result validate = Cli.in(dir).run("validate", out, schema);
    assertThat(validate.code()).as(validate.describe()).isZero();
    Cli.Result convert = Cli.in(dir).run("convert", out, "-o", dir.resolve("synthetic.jsonl"));
    assertThat(convert.code()).as(convert.describe()).isZero();
    assertThat(TestFiles.read(dir.resolve("synthetic.jsonl")).lines()).hasSize(40);
    assertThat(JsonFiles.readJson(dir.resolve("synthetic.stats.json"))).isNotNull();
  }

  @Test
  void chineseQuestionsAndAnswersFromBelleThroughTheAnthropicApi() throws IOException {
    generatesValidatesAndConverts("zh_qa.jsonl", "anthropic", "# 数据合成任务");
  }

  @Test
  void englishInstructionsFromSelfInstructThroughTheOpenAiApi() throws IOException {
    generatesValidatesAndConverts("en_instructions.jsonl", "openai", "# Data synthesis task");
  }

  @Test
  void aPastedReplyOfRealChineseRecordsIsParsedAndDeduplicatedAgainstTheSeeds() throws IOException {
    Path schema = TestFiles.write(dir.resolve("schema.json"), SCHEMA.formatted("zh"));
    Path seeds = slice("zh_qa.jsonl", 0, 10, "seeds.jsonl");
    List<String> reply = Files.readAllLines(slice("zh_qa.jsonl", 8, 15, "reply-records.jsonl"));
    Path replyFile = TestFiles.write(dir.resolve("reply.md"),
        "好的，以下是生成的数据：\n```json\n[" + String.join(",\n", reply) + "]\n```\n");
    Cli.Result r = Cli.in(dir).run("parse", replyFile, "--schema", schema, "--seeds", seeds,
        "-o", dir.resolve("out.json"));

    assertThat(r.code()).as(r.describe()).isZero();
    assertThat(r.out()).contains("✓ Added 5 records").contains("duplicate 2");
  }
}
