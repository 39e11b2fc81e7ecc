package io.datasynth.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.parse.ParsedReply;
import io.datasynth.parse.ReplyParser;
import io.datasynth.schema.Constraints;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.Schema;
import io.datasynth.text.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Runs parsing, validation and deduplication on real instruction data (Chinese and English) from
 * {@code ../shared/data/pools}; skipped when that folder is absent, as in a fresh clone.
 */
class SharedDataTest {
  /** Resolved from the module folder, where Maven runs tests: the project root's sibling {@code shared/data}. */
  static final Path POOLS = Path.of("../../shared/data/pools");

  static final Schema SCHEMA = new Schema("pool", "", List.of(Field.of("instruction", FieldType.TEXT),
      new Field("input", "input", FieldType.TEXT, "", false, Constraints.NONE, null),
      Field.of("output", FieldType.TEXT)), List.of());

  static List<ObjectNode> zh;
  static List<ObjectNode> en;

  @BeforeAll
  static void load() throws IOException {
    assumeTrue(Files.isDirectory(POOLS), "no shared data at " + POOLS.toAbsolutePath());
    zh = read(POOLS.resolve("zh_qa.jsonl"));
    en = read(POOLS.resolve("en_instructions.jsonl"));
  }

  private static List<ObjectNode> read(Path file) throws IOException {
    List<ObjectNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        out.add((ObjectNode) Json.mapper().readTree(line));
      }
    }
    return out;
  }

  private static List<ObjectNode> all() {
    List<ObjectNode> out = new ArrayList<>(zh);
    out.addAll(en);
    return out;
  }

  @Nested
  class WhenThePoolsAreDeduplicated {
    @Test
    void keepsEveryDistinctRecordAndFindsEveryRepeatAsExact() {
      Deduplicator dedup = new Deduplicator(SCHEMA, 0.8);
      List<ObjectNode> records = all();
      for (int i = 0; i < records.size(); i++) {
        assertThat(dedup.add(records.get(i), i)).as("record %d", i).isEmpty();
      }
      for (int i = 0; i < records.size(); i += 7) {
        assertThat(dedup.check(records.get(i))).contains(Deduplicator.Match.ofRecord(i, true, 1.0));
      }
      assertThat(dedup.size()).isEqualTo(records.size());
    }

    @Test
    void findsEachLongRecordWithOneCharacterChangedAsANearDuplicateOfItself() {
      Deduplicator dedup = new Deduplicator(SCHEMA, 0.8);
      List<ObjectNode> records = all();
      for (int i = 0; i < records.size(); i++) {
        dedup.add(records.get(i), i);
      }
      int checked = 0;
      for (int i = 0; i < records.size(); i++) {
        String output = records.get(i).get("output").asText();
        if (output.length() < 120) {
          continue;
        }
        ObjectNode edited = records.get(i).deepCopy();
        int at = output.length() / 2;
        edited.put("output", output.substring(0, at) + "※" + output.substring(at + 1));

        assertThat(dedup.check(edited)).as("record %d", i).map(Deduplicator.Match::ordinal).contains((long) i);
        checked++;
      }
      assertThat(checked).isGreaterThan(300);
    }
  }

  @Nested
  class WhenARealReplyIsProcessed {
    @Test
    void acceptsEveryGoodRecordOfAFencedChineseReplyAndDropsRepeatsAndEmptyAnswers() {
      List<ObjectNode> good = zh.stream().filter(r -> !r.path("output").asText().isBlank()).limit(20).toList();
      ObjectNode empty = zh.stream().filter(r -> r.path("output").asText().isBlank()).findFirst().orElseThrow();
      StringBuilder reply = new StringBuilder("好的，以下是 22 条数据：\n```json\n[\n");
      for (ObjectNode r : good) {
        reply.append(Json.compact(r)).append(",\n");
      }
      reply.append(Json.compact(good.get(3))).append(",\n").append(Json.compact(empty)).append("\n]\n```\n希望对您有帮助！");
      ParsedReply parsed = new ReplyParser(SCHEMA.fieldNames()).parse(reply.toString());
      List<Verdict> verdicts = new ArrayList<>();
      try (QualityPath path = QualityPath.of(SCHEMA, true, 0.8, 100)) {
        for (int i = 0; i < parsed.records().size(); i++) {
          verdicts.add(path.admit(parsed.records().get(i), i + 1));
        }
      }

      assertThat(parsed.issues()).isEmpty();
      assertThat(verdicts).hasSize(22);
      assertThat(verdicts.subList(0, 20)).allSatisfy(v -> assertThat(v).isInstanceOf(Verdict.Accepted.class));
      assertThat(verdicts.get(20)).isEqualTo(new Verdict.Rejected(new RejectReason.Duplicate(4, null, true, 1.0)));
      assertThat(verdicts.get(21)).isEqualTo(new Verdict.Rejected(new RejectReason.RuleViolation("output", Rule.EMPTY,
          Message.of("rule.empty", "output"))));
    }
  }
}
