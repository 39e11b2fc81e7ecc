package io.datasynth.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.journal.JournalEvent;
import io.datasynth.json.Json;
import io.datasynth.testkit.FakeProvider;
import io.datasynth.testkit.RecordSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job end to end in local mode ({@code local[2]}, a failed task tried up to three times) against a fleet
 * of two fake-provider instances. Outputs are read back with Spark's own readers, not the project's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkJobIT {
  static final String INSTRUCTION_ZH = """
      {"instruction": "问题{n}：{zh}？", "response": "回答{n}：{zh}，{zh}。", "category": "知识问答", "quality": 4}""";

  SparkSession spark;
  @TempDir Path dir;

  @BeforeAll
  void startSpark() {
    spark = SparkSession.builder().master("local[2,3]").appName("datasynth-spark-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
  }

  @AfterAll
  void stopSpark() {
    spark.stop();
  }

  /** A fake serving unique Chinese instruction records; {@code tag} keeps two fakes' records apart. */
  static FakeProvider fake(String tag) {
    return FakeProvider.builder().seed(tag.hashCode()).countFromPrompt(true)
        .records(RecordSource.counter(object(INSTRUCTION_ZH.replace("问题", "问题" + tag))))
        .start();
  }

  static ObjectNode object(String json) {
    try {
      return (ObjectNode) Json.mapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  Path example() throws IOException {
    Path to = Files.createDirectories(dir.resolve("指令"));
    for (String f : List.of("schema.json", "seeds.json")) {
      Files.copy(Path.of("../examples/instruction_zh", f), to.resolve(f));
    }
    return to;
  }

  record Run(int code, String out, String err) {
    String describe() {
      return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  Run run(Object... args) {
    return run(null, args);
  }

  Run run(JournalProbe probe, Object... args) {
    return run(Map.of(), probe, args);
  }

  /** Runs the application in-process; a probe, when given, goes into the job as tests alone can pass it. */
  Run run(Map<String, String> env, JournalProbe probe, Object... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] a = java.util.Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
    int code = SparkMain.run(a, () -> spark, env, new PrintWriter(out, true), new PrintWriter(err, true),
        probe == null ? JournalProbe.NONE : probe);
    return new Run(code, out.toString(), err.toString());
  }

  List<JsonNode> jsonl(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        out.add(Json.mapper().readTree(line));
      }
    }
    return out;
  }

  @Nested
  class OnATwoEndpointFleet {
    @Test
    void writesExactlyNRecordsAsParquetWithNoDuplicatesAndBothEndpointsServing() throws IOException {
      Path ex = example();
      Path out = dir.resolve("输出/合成.parquet");
      try (FakeProvider a = fake("甲"); FakeProvider b = fake("乙")) {
        Run r = run(ex.resolve("schema.json"), ex.resolve("seeds.json"), "-o", out, "-n", 30, "--batch-size", 5,
            "--endpoint", a.anthropicBaseUrl(), "--endpoint", b.anthropicBaseUrl(), "--partitions", 4, "-q");

        assertThat(r.code()).as(r.describe()).isZero();
        Dataset<Row> rows = spark.read().parquet(out.toString());
        assertThat(rows.count()).isEqualTo(30);
        assertThat(rows.dropDuplicates("instruction").count()).isEqualTo(30);
        List<String> instructions = rows.select("instruction").collectAsList().stream()
            .map(row -> row.getString(0)).toList();
        assertThat(instructions).anyMatch(s -> s.startsWith("问题甲")).anyMatch(s -> s.startsWith("问题乙"));
        assertThat(a.totalRequests()).isPositive();
        assertThat(b.totalRequests()).isPositive();
        JsonNode meta = Json.mapper().readTree(Files.readString(dir.resolve("输出/合成.meta.json")));
        assertThat(meta.at("/metadata/generated_count").asInt()).isEqualTo(30);
        assertThat(meta.at("/metadata/spark/partitions").asInt()).isEqualTo(4);
        assertThat(meta.at("/schema/fields")).hasSize(5);
        assertThat(r.out()).contains("30 of 30 records").contains("合成.report.html");
        assertThat(dir.resolve("输出/合成.parquet.journals")).doesNotExist();
        Path html = dir.resolve("输出/合成.report.html");
        assertThat(html).as("the quality report, in the language of the Chinese seeds").exists();
        assertThat(Files.readString(html)).contains("<html").contains("质量");
      }
    }

    @Test
    void writesJsonLinesWithTheMetadataAndProvenanceBesideThem() throws IOException {
      Path ex = example();
      Path out = dir.resolve("out.jsonl");
      try (FakeProvider a = fake("甲"); FakeProvider b = fake("乙")) {
        Run r = run(ex.resolve("schema.json"), ex.resolve("seeds.json"), "-o", out, "-n", 12, "--batch-size", 4,
            "--endpoint", a.anthropicBaseUrl(), "--endpoint", b.anthropicBaseUrl(), "--json", "-q", "--stats");

        assertThat(r.code()).as(r.describe()).isZero();
        List<JsonNode> lines = jsonl(out);
        assertThat(lines).hasSize(12);
        JsonNode stats = Json.mapper().readTree(Files.readString(dir.resolve("out.stats.json")));
        assertThat(stats.get("record_count").asInt()).isEqualTo(12);
        assertThat(stats.at("/fields/quality").isObject()).isTrue();
        assertThat(lines.stream().map(JsonNode::toString).distinct()).hasSize(12);
        assertThat(spark.read().json(out.toString()).count()).isEqualTo(12);
        JsonNode meta = Json.mapper().readTree(Files.readString(dir.resolve("out.meta.json")));
        assertThat(meta.at("/metadata/generated_count").asInt()).isEqualTo(12);
        JsonNode report = Json.mapper().readTree(r.out());
        assertThat(report.at("/spark/partitions").asInt()).isEqualTo(2);
        assertThat(report.at("/spark/endpoints").asInt()).isEqualTo(2);
        assertThat(report.toString()).contains("\"delivered\":12");
        assertThat(report.at("/files/report").asText()).isEqualTo(dir.resolve("out.report.html").toString());
        assertThat(dir.resolve("out.report.html")).exists();
      }
    }
  }

  @Nested
  class WhenPartitionsRepeatEachOther {
    /** Distinct records, none a near duplicate of another; two fakes of one seed serve them in the same order. */
    List<ObjectNode> pool(int n) {
      Random random = new Random(7);
      List<ObjectNode> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        StringBuilder q = new StringBuilder();
        StringBuilder a = new StringBuilder();
        for (int k = 0; k < 14; k++) {
          q.append((char) (0x4E00 + random.nextInt(0x5000)));
          a.append((char) (0x4E00 + random.nextInt(0x5000)));
        }
        ObjectNode o = Json.object();
        o.put("instruction", q + "？");
        o.put("response", a + "。" + a.reverse() + "。");
        o.put("category", "知识问答");
        o.put("quality", 4);
        out.add(o);
      }
      return out;
    }

    @Test
    void removesTheDuplicatesAcrossPartitionsAndTopsUpToExactlyN() throws IOException {
      Path ex = example();
      Path out = dir.resolve("out.jsonl");
      List<ObjectNode> pool = pool(60);
      try (FakeProvider a = FakeProvider.builder().seed(3).countFromPrompt(true).records(RecordSource.pool(pool))
               .start();
           FakeProvider b = FakeProvider.builder().seed(3).countFromPrompt(true).records(RecordSource.pool(pool))
               .start()) {
        Run r = run(ex.resolve("schema.json"), ex.resolve("seeds.json"), "-o", out, "-n", 10, "--batch-size", 5,
            "--concurrency", 1, "--endpoint", a.anthropicBaseUrl(), "--endpoint", b.anthropicBaseUrl(),
            "--partitions", 2, "--json", "-q");

        assertThat(r.code()).as(r.describe()).isZero();
        List<JsonNode> lines = jsonl(out);
        assertThat(lines).hasSize(10);
        assertThat(lines.stream().map(l -> l.get("instruction").asText()).distinct()).hasSize(10);
        JsonNode report = Json.mapper().readTree(r.out());
        assertThat(report.at("/spark/duplicates_across_partitions").asLong()).isPositive();
        assertThat(report.at("/spark/rounds").asInt()).isGreaterThan(1);
      }
    }

    @Test
    void endsWithExitOneNamingTheFailedPartitionAndKeepsWhatItHas() throws IOException {
      Path ex = example();
      Path out = dir.resolve("out.jsonl");
      // One record only, served again and again: each partition's own acceptance collapses on its repeats.
      List<ObjectNode> one = pool(1);
      try (FakeProvider a = FakeProvider.builder().seed(3).countFromPrompt(true).records(RecordSource.pool(one))
               .start();
           FakeProvider b = FakeProvider.builder().seed(3).countFromPrompt(true).records(RecordSource.pool(one))
               .start()) {
        Run r = run(ex.resolve("schema.json"), ex.resolve("seeds.json"), "-o", out, "-n", 6, "--batch-size", 3,
            "--concurrency", 1, "--max-requests", 40, "--endpoint", a.anthropicBaseUrl(), "--endpoint",
            b.anthropicBaseUrl(), "--partitions", 2, "-q");

        assertThat(r.code()).as(r.describe()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: partition ").contains("failed").contains("--diversity");
        // As on one machine, what the job has is written, and the journals are kept for a resume.
        assertThat(jsonl(out)).hasSize(1);
        assertThat(r.out()).contains("Wrote only 1 of 6 records");
        assertThat(dir.resolve("out.jsonl.journals")).isDirectory();
      }
    }
  }

  @Nested
  class WhenATaskIsKilled {
    /** Fails partition 0's first attempt right after its first records were journaled, as a crash would. */
    static final class KillFirstAttempt implements JournalProbe {
      @Override
      public void appended(int partition, int attempt, List<? extends JournalEvent> events) {
        if (partition == 0 && attempt == 0 && events.stream().anyMatch(e -> e instanceof JournalEvent.RecordAccepted)) {
          throw new IllegalStateException("killed by the test after the first journaled records");
        }
      }
    }

    @Test
    void theRetriedTaskResumesItsJournalAndRepaysAtMostItsInFlightRequests() throws IOException {
      Path ex = example();
      int concurrency = 1;
      long clean;
      try (FakeProvider a = fake("甲"); FakeProvider b = fake("乙")) {
        Run r = run(ex.resolve("schema.json"), ex.resolve("seeds.json"), "-o", dir.resolve("clean.jsonl"), "-n",
            20, "--batch-size", 5, "--concurrency", concurrency, "--endpoint", a.anthropicBaseUrl(), "--endpoint",
            b.anthropicBaseUrl(), "--partitions", 2, "-q");
        assertThat(r.code()).as(r.describe()).isZero();
        clean = a.totalRequests() + b.totalRequests();
      }
      try (FakeProvider a = fake("甲"); FakeProvider b = fake("乙")) {
        Path out = dir.resolve("killed.jsonl");
        Run r = run(new KillFirstAttempt(), ex.resolve("schema.json"), ex.resolve("seeds.json"), "-o", out, "-n",
            20, "--batch-size", 5, "--concurrency", concurrency, "--endpoint", a.anthropicBaseUrl(), "--endpoint",
            b.anthropicBaseUrl(), "--partitions", 2, "-q");

        assertThat(r.code()).as(r.describe()).isZero();
        List<JsonNode> lines = jsonl(out);
        assertThat(lines).hasSize(20);
        assertThat(lines.stream().map(JsonNode::toString).distinct()).hasSize(20);
        long paid = a.totalRequests() + b.totalRequests();
        assertThat(paid).as("requests with a killed task, against %d without", clean)
            .isLessThanOrEqualTo(clean + concurrency);
        // Partition 0's records of its killed first attempt carry run 1, those of its retry run 2.
        List<JsonNode> provenance = jsonl(dir.resolve("killed.provenance.jsonl"));
        assertThat(provenance).extracting(p -> p.at("/provenance/run").asInt()).contains(1, 2);
      }
    }
  }

  @Nested
  class WithBadInput {
    @Test
    void refusesAnEndpointThatIsNotAUrlBeforeSendingAnything() throws IOException {
      Path ex = example();
      try (FakeProvider a = fake("甲")) {
        Run r = run(ex.resolve("schema.json"), ex.resolve("seeds.json"), "-o", dir.resolve("o.jsonl"), "-n", 4,
            "--endpoint", a.anthropicBaseUrl(), "--endpoint", "ftp://10.0.0.9/v1", "-q");

        assertThat(r.code()).as(r.describe()).isEqualTo(2);
        assertThat(r.err()).contains("ftp://10.0.0.9/v1").contains("http://");
        assertThat(a.totalRequests()).isZero();
      }
    }

    @Test
    void refusesWhatItCannotDoRatherThanIgnoringIt() throws IOException {
      Path ex = example();
      try (FakeProvider a = fake("甲")) {
        for (String[] option : new String[][] {{"--judge"}, {"--balance", "instruction"}, {"--mode", "batch"}}) {
          List<Object> args = new java.util.ArrayList<>(List.of(ex.resolve("schema.json"), ex.resolve("seeds.json"),
              "-o", dir.resolve("o.jsonl"), "-n", 4, "--endpoint", a.anthropicBaseUrl(), "-q"));
          args.addAll(List.of(option));
          Run r = run(args.toArray());

          assertThat(r.code()).as(r.describe()).isEqualTo(2);
          assertThat(r.err()).contains(option[0]).contains("not supported by a job split across machines");
        }
        assertThat(a.totalRequests()).isZero();
      }
    }

    @Test
    void saysSoInChineseToAChineseUser() throws IOException {
      Path ex = example();
      Path out = Files.writeString(dir.resolve("kept.jsonl"), "{\"instruction\": \"留着\"}\n");
      Run r = run(Map.of("LANG", "zh_CN.UTF-8"), null, ex.resolve("schema.json"), ex.resolve("seeds.json"), "-o",
          out, "-n", 4, "--endpoint", "http://127.0.0.1:9/v1", "-q");

      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(r.err()).startsWith("错误：").contains("已存在").contains("--force");
    }

    @Test
    void refusesToOverwriteAnExistingOutputWithoutForce() throws IOException {
      Path ex = example();
      Path out = Files.writeString(dir.resolve("kept.jsonl"), "{\"instruction\": \"留着\"}\n");
      try (FakeProvider a = fake("甲")) {
        Run r = run(ex.resolve("schema.json"), ex.resolve("seeds.json"), "-o", out, "-n", 4, "--endpoint",
            a.anthropicBaseUrl(), "-q");

        assertThat(r.code()).as(r.describe()).isEqualTo(2);
        assertThat(r.err()).contains("already exists").contains("--force");
        assertThat(Files.readString(out)).contains("留着");
        assertThat(a.totalRequests()).isZero();
      }
    }

    @Test
    void namesTheLineOfABadEndpointsFile() throws IOException {
      Path ex = example();
      Path fleet = Files.writeString(dir.resolve("端点.txt"), "# fleet\nhttp://127.0.0.1:9/v1 2\nnot-a-url\n");
      Run r = run(ex.resolve("schema.json"), ex.resolve("seeds.json"), "-o", dir.resolve("o.jsonl"), "-n", 4,
          "--endpoints", fleet, "-q");

      assertThat(r.code()).as(r.describe()).isEqualTo(2);
      assertThat(r.err()).contains("端点.txt").contains("3").contains("not-a-url");
    }
  }
}
