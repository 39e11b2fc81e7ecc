package io.datasynth.text;

import static io.datasynth.text.ChineseErrorsTest.CHINESE;
import static io.datasynth.text.ChineseErrorsTest.englishIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.json.Json;
import io.datasynth.parse.ParseIssue;
import io.datasynth.parse.ReplyParser;
import io.datasynth.quality.RecordValidator;
import io.datasynth.quality.RejectReason;
import io.datasynth.quality.Rule;
import io.datasynth.quality.Validation;
import io.datasynth.quality.Violation;
import io.datasynth.schema.Schema;
import io.datasynth.schema.SchemaReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Why a record was dropped (a rule it broke, a part of a reply that did not parse) is data: a Chinese user reads it
 * in Chinese in the validate output and the summaries, while files keep the English.
 */
class ChineseReasonsTest {
  static final Schema SCHEMA = SchemaReader.fromJson(json("""
      {"fields": [
        {"name": "instruction", "type": "text", "constraints": {"min_length": 2, "max_length": 8, "pattern": "^问"}},
        {"name": "category", "type": "text", "constraints": {"enum": ["写作", "生活建议"]}},
        {"name": "quality", "type": "int", "constraints": {"range": [1, 5]}},
        {"name": "tags", "type": "list", "item_type": "int", "required": false}
      ]}"""), Path.of("schema.json"));

  static JsonNode json(String text) {
    try {
      return Json.mapper().readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  static List<Violation> violations(String record) {
    Validation v = new RecordValidator(SCHEMA).validate(json(record));
    assertThat(v).as(record).isInstanceOf(Validation.Invalid.class);
    return ((Validation.Invalid) v).violations();
  }

  @Nested
  class ARecordThatBreaksTheSchema {
    @Test
    void isToldInChineseForEveryRule() {
      List<Violation> all = new ArrayList<>();
      all.addAll(violations("{\"category\": \"写作\", \"quality\": 3}"));
      all.addAll(violations("{\"instruction\": \" \", \"category\": \"写作\", \"quality\": 3}"));
      all.addAll(violations("{\"instruction\": \"问这是一个很长很长的问题\", \"category\": \"诗歌\", \"quality\": 9}"));
      all.addAll(violations("{\"instruction\": \"答\", \"category\": \"写作\", \"quality\": \"many\", "
          + "\"tags\": [1, \"two\"]}"));
      all.addAll(violations("[1, 2]"));
      assertThat(all).extracting(Violation::rule).contains(Rule.NOT_AN_OBJECT, Rule.MISSING, Rule.EMPTY, Rule.TYPE,
          Rule.RANGE, Rule.ENUM, Rule.LENGTH, Rule.PATTERN);
      for (Violation v : all) {
        String zh = CHINESE.render(RejectReason.RuleViolation.of(v).message(Long::toString));
        assertThat(englishIn(zh)).as(zh).isEmpty();
        assertThat(CHINESE.has(v.detail().key())).as(v.detail().key()).isTrue();
      }
    }

    @Test
    void keepsTheOriginalToolsEnglishForFiles() {
      assertThat(violations("{\"instruction\": \"问题\", \"category\": \"写作\", \"quality\": 9}"))
          .extracting(Violation::message).containsExactly("quality: 9 out of range [1, 5]");
      assertThat(RejectReason.RuleViolation.of(violations("{\"category\": \"写作\", \"quality\": 3}").get(0))
          .english()).isEqualTo("missing required field: instruction");
    }
  }

  @Nested
  class AReplyThatDoesNotParse {
    final ReplyParser parser = new ReplyParser(SCHEMA.fieldNames());

    @Test
    void isToldInChineseForEveryKindOfTrouble() {
      List<ParseIssue> issues = new ArrayList<>();
      for (String reply : new String[] {"", "抱歉，我无法完成这个请求。", "{\"samples\": []}",
          "[{\"instruction\": \"问题\"}, \"字符串\", 3]", "```json\n[{\"instruction\": \"问",
          "{\"instruction\": \"问\" \"category\": }", "[{\"a\": 1}, {\"b\": {\"c\": 1}, {\"d\": 2}]"}) {
        issues.addAll(parser.parse(reply).issues());
      }
      assertThat(issues).extracting(ParseIssue::kind).contains(ParseIssue.Kind.values());
      for (ParseIssue issue : issues) {
        // The JSON parser's own complaint is quoted as it is, as for input files (input.json.invalid).
        Message detail = issue.detail().key().equals("parse.issue.invalid") ? Message.of("parse.issue.invalid",
            issue.detail().args().get(0), issue.detail().args().get(1), "…") : issue.detail();
        String zh = CHINESE.render(new RejectReason.Unparseable(issue.kind(), detail).message(Long::toString));
        assertThat(englishIn(zh)).as(zh).isEmpty();
      }
    }
  }
}
