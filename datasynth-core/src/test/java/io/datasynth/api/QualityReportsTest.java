package io.datasynth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.InputException;
import io.datasynth.json.Json;
import io.datasynth.metrics.DatasetMetricsJson;
import io.datasynth.quality.RejectReason;
import io.datasynth.report.QualityReport;
import io.datasynth.schema.Schema;
import io.datasynth.schema.SchemaReader;
import io.datasynth.seed.Seed;
import io.datasynth.text.Messages;
import io.datasynth.text.SettingNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link QualityReports} on dataset files written by hand, with and without what DataSynth keeps beside them. */
class QualityReportsTest {
  @TempDir Path dir;

  static final String SCHEMA = """
      {"project_name": "客服", "fields": [
        {"name": "question", "type": "text"},
        {"name": "intent", "type": "text", "constraints": {"enum": ["退换货", "物流", "发票"]}}]}""";

  final QualityReports reports = QualityReports.builder()
      .clock(() -> Instant.parse("2026-12-01T12:00:00Z")).build();

  Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  Path output() throws IOException {
    return write("synthetic.json", """
        {"metadata": {"generated_at": "2026-12-01T11:00:00Z", "generator": "DataSynth", "model": "claude-sonnet-5-5",
          "provider": "anthropic", "generated_count": 3, "cost_usd": 0.03,
          "tokens": {"input": 1000, "output": 500, "cache_read": 0, "cache_write": 0, "total": 1500},
          "plan": {"axes": [{"name": "intent", "values": ["退换货", "物流", "发票"]}]}},
         "schema": %s,
         "samples": [
          {"id": "SYNTH_0001", "synthetic": true, "data": {"question": "我买的鞋子不合脚可以退吗", "intent": "退换货"},
           "provenance": {"judge_score": 0.5}},
          {"id": "SYNTH_0002", "synthetic": true, "data": {"question": "快递三天了还没到怎么办", "intent": "物流"}},
          {"id": "SYNTH_0003", "synthetic": true, "data": {"question": "发票抬头写错了能改吗", "intent": "发票"}}]}
        """.formatted(SCHEMA));
  }

  @Nested
  class OfADataSynthOutput {
    @Test
    void readsRunFactsRejectsPlanAndJudgeScoresFromWhatLiesBesideTheRecords() throws IOException {
      Path out = output();
      write("synthetic.rejects.jsonl", rejectLine(new RejectReason.Surplus(), "多出来的一条") + "\n"
          + rejectLine(new RejectReason.Duplicate(-1, "seed_1", true, 1.0), "我买的鞋子不合脚可以退吗") + "\n"
          + "not json at all\n");

      QualityReport r = reports.measure(out, null, List.of());

      assertThat(r.metrics().records()).isEqualTo(3);
      assertThat(r.run().model()).isEqualTo("claude-sonnet-5-5");
      assertThat(r.run().costPerRecord()).isEqualTo(0.01);
      assertThat(r.rejects().counts()).containsEntry(RejectReason.Code.SURPLUS, 1L)
          .containsEntry(RejectReason.Code.DUPLICATE, 1L);
      assertThat(r.rejects().rejected()).isEqualTo(1);
      assertThat(r.rejects().unreadable()).isEqualTo(1);
      assertThat(r.plan().axes()).singleElement().satisfies(a -> assertThat(a.name()).isEqualTo("intent"));
      assertThat(r.metrics().fields().get(1).values()).allSatisfy(v -> assertThat(v.target()).isEqualTo(1.0));
      assertThat(r.metrics().judge().judged()).isEqualTo(1);
      assertThat(r.schema().projectName()).isEqualTo("客服");
    }

    @Test
    void aPlainListWithoutMetadataGetsAnInferredSchemaAndNoRunFacts() throws IOException {
      Path list = write("plain.json", """
          [{"question": "你好", "n": 1}, {"question": "再见", "n": 2}]""");

      QualityReport r = reports.measure(list, null, List.of());

      assertThat(r.run()).isNull();
      assertThat(r.rejects()).isNull();
      assertThat(r.plan()).isNull();
      assertThat(r.schema().fieldNames()).contains("question", "n");
      assertThat(r.metrics().records()).isEqualTo(2);
    }

    @Test
    void readsJsonLinesWithTheirMetadataSidecar() throws IOException {
      write("out.jsonl", """
          {"question": "我想退货", "intent": "退换货"}
          {"question": "物流太慢了", "intent": "物流"}
          """);
      write("out.meta.json", """
          {"metadata": {"model": "gpt-5-mini", "generated_count": 2}, "schema": %s}""".formatted(SCHEMA));

      QualityReport r = reports.measure(dir.resolve("out.jsonl"), null, List.of());

      assertThat(r.run().model()).isEqualTo("gpt-5-mini");
      assertThat(r.schema().projectName()).isEqualTo("客服");
    }
  }

  @Nested
  class Seeds {
    @Test
    void countsRecordsThatCopyASeed() throws IOException {
      Schema schema = SchemaReader.fromJson(Json.mapper().readTree(SCHEMA), dir.resolve("schema.json"));
      ObjectNode copied = Json.object().put("question", "快递三天了还没到怎么办").put("intent", "物流");
      QualityReport r = reports.measure(output(), schema, List.of(new Seed(0, "S1", copied)));

      assertThat(r.metrics().seedSimilarity().seedCopies()).isEqualTo(1);
      assertThat(DatasetMetricsJson.of(r.metrics()).path("seed_similarity").path("seed_copies").asLong())
          .isEqualTo(1);
    }
  }

  @Nested
  class WritingThePage {
    @Test
    void writesOneSelfContainedPageInTheChosenLanguage() throws IOException {
      QualityReport r = reports.measure(output(), null, List.of());
      Path html = dir.resolve("synthetic.report.html");

      QualityReport written = reports.write(r, html, new Messages(Locale.CHINESE, SettingNames.KEYS), false);

      assertThat(written.html()).isEqualTo(html);
      String page = Files.readString(html, StandardCharsets.UTF_8);
      assertThat(page).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">", "质量报告",
          "我买的鞋子不合脚可以退吗", "<svg", "Noto Sans CJK SC", "default-src 'none'");
      assertThat(page).doesNotContain("<script", "src=", "href=\"http", "url(", "report.");
    }

    @Test
    void englishPagesHaveEveryTextToo() throws IOException {
      QualityReport r = reports.measure(output(), null, List.of());
      Path html = dir.resolve("en.html");
      reports.write(r, html, Messages.english(), false);
      String page = Files.readString(html, StandardCharsets.UTF_8);
      assertThat(page).contains("Quality report", "Similarity among the records").doesNotContain("report.");
    }

    @Test
    void escapesWhatTheRecordsHold() throws IOException {
      Path out = write("x.json", """
          [{"question": "<script>alert(1)</script> & \\"引号\\""}]""");
      Path html = dir.resolve("x.html");
      reports.write(reports.measure(out, null, List.of()), html, Messages.english(), false);
      assertThat(Files.readString(html)).doesNotContain("<script>").contains("&lt;script&gt;alert(1)");
    }

    @Test
    void refusesToReplaceAnExistingFileUnlessAskedTo() throws IOException {
      QualityReport r = reports.measure(output(), null, List.of());
      Path html = write("kept.html", "mine");

      assertThatThrownBy(() -> reports.write(r, html, Messages.english(), false))
          .isInstanceOf(InputException.class).hasMessageContaining("kept.html").hasMessageContaining("already exists");
      assertThat(Files.readString(html)).isEqualTo("mine");
      reports.write(r, html, Messages.english(), true);
      assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>");
    }
  }

  @Nested
  class BadInput {
    @Test
    void aMissingDatasetIsAnErrorNamingIt() {
      assertThatThrownBy(() -> reports.measure(dir.resolve("nope.json"), null, List.of()))
          .isInstanceOf(InputException.class).hasMessageContaining("nope.json");
    }

    @Test
    void anEmptyListHasNothingToReportOn() throws IOException {
      Path empty = write("empty.json", "[]");
      assertThatThrownBy(() -> reports.measure(empty, null, List.of()))
          .isInstanceOf(InputException.class).hasMessageContaining("empty.json");
    }
  }

  static String rejectLine(RejectReason reason, String question) {
    ObjectNode line = Json.object();
    line.set("reason", io.datasynth.journal.JournalCodec.reason(reason, n -> "SYNTH_" + n));
    line.set("record", Json.object().put("question", question).put("intent", "退换货"));
    return Json.compact(line);
  }
}
