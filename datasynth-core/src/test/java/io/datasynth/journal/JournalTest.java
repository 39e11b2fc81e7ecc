package io.datasynth.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.ConfigException;
import io.datasynth.json.Json;
import io.datasynth.parse.ParseIssue;
import io.datasynth.provider.Usage;
import io.datasynth.quality.RejectReason;
import io.datasynth.quality.Rule;
import io.datasynth.record.Provenance;
import io.datasynth.sink.FileGuard;
import io.datasynth.text.Message;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  @TempDir Path dir;

  static final Provenance PROV = new Provenance(Provenance.Origin.API, "anthropic", "claude-sonnet-5-5", 2, 17, 1,
      List.of("seed_1", "seed_4"), "ab12cd34ef56", Instant.parse("2026-12-01T10:00:00Z"), null);

  static ObjectNode record(int n) {
    ObjectNode r = Json.object();
    r.put("instruction", "问题 " + n + "?");
    r.put("response", "Answer " + n + ".");
    return r;
  }

  static String legacyRecordLine(int n) {
    ObjectNode line = Json.object();
    line.set("record", record(n));
    return Json.compact(line) + "\n";
  }

  static String legacyUsageLine(long input, long output) {
    return "{\"usage\":{\"input\":" + input + ",\"output\":" + output
        + ",\"cache_read\":0,\"cache_write\":0,\"reasoning\":0},\"requests\":1}\n";
  }

  static String line(JournalEvent e) {
    return Json.compact(JournalCodec.encode(e)) + "\n";
  }

  Path journalWith(byte[] bytes) throws IOException {
    Path file = dir.resolve("out.journal.jsonl");
    Files.write(file, bytes);
    return file;
  }

  Path journalWith(String text) throws IOException {
    return journalWith(text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] concat(String text, byte[] tail) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    b.writeBytes(tail);
    return b.toByteArray();
  }

  OutputLock lock() {
    return OutputLock.acquire(dir.resolve(".out.json.lock"), dir.resolve("out.json"), FileGuard.unrestricted());
  }

  /** Opens the journal under its lock and returns what it replayed. */
  List<JournalEvent> replay(Path file) {
    List<JournalEvent> seen = new ArrayList<>();
    try (OutputLock l = lock(); Journal j = Journal.open(file, l, FileGuard.unrestricted(), seen::add)) {
      return seen;
    }
  }

  @Nested
  class Events {
    @Test
    void aGroupIsWrittenAsItsEventsWrittenOneByOne() throws IOException {
      Path file = dir.resolve("out.journal.jsonl");
      ObjectNode odd = record(7);
      odd.put("response", "tab\tquote\" 😀 \u0001 \u2028 end");
      odd.put("n", 1.50);
      List<JournalEvent> group = List.of(new JournalEvent.RecordAccepted(record(1), PROV),
          new JournalEvent.RecordAccepted(odd, PROV), new JournalEvent.ReplyUsage(new Usage(100, 20, 0, 0, 0), 1));
      try (OutputLock l = lock(); Journal j = Journal.open(file, l, FileGuard.unrestricted(), e -> { })) {
        j.append(group);
        j.append(List.of(new JournalEvent.RecordAccepted(record(2), null)));
      }

      // The bytes of writing each event on its own, as the journal did before it wrote a group at once.
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      for (JournalEvent e : List.of(group.get(0), group.get(1), group.get(2),
          new JournalEvent.RecordAccepted(record(2), null))) {
        expected.writeBytes(Json.mapper().writeValueAsBytes(JournalCodec.encode(e)));
        expected.write('\n');
      }
      assertThat(Files.readAllBytes(file)).isEqualTo(expected.toByteArray());
    }

    @Test
    void everyKindSurvivesReopeningAsItWasWritten() {
      Path file = dir.resolve("out.journal.jsonl");
      List<JournalEvent> written = List.of(
          new JournalEvent.RunStarted(2, Instant.parse("2026-12-01T10:00:00Z"), "anthropic", "claude-sonnet-5-5",
              "ab12cd34ef56", 100),
          new JournalEvent.RecordAccepted(record(1), PROV),
          new JournalEvent.RecordRejected(record(2), null, new RejectReason.RuleViolation("response", Rule.LENGTH,
              Message.of("rule.length.long", "response", 900, 800)), PROV),
          new JournalEvent.RecordRejected(record(3), null, new RejectReason.Duplicate(1, null, false, 0.86), PROV),
          new JournalEvent.RecordRejected(record(4), null, new RejectReason.Duplicate(0, "seed_4", true, 1.0), PROV),
          new JournalEvent.RecordRejected(null, "{\"instruction\": \"cut", new RejectReason.Unparseable(
              ParseIssue.Kind.TRUNCATED, Message.of("parse.issue.object_cut", 0, "{\"instruction\": \"cut")), PROV),
          new JournalEvent.RecordRejected(record(5), null, new RejectReason.Surplus(), PROV),
          new JournalEvent.ReplyUsage(new Usage(120, 340, 30, 0, 200), 1),
          new JournalEvent.RunEnded(2, Instant.parse("2026-12-01T10:05:00Z"), Duration.ofSeconds(300), 12, 2, 1,
              Map.of("server error", 1L), java.util.List.of()),
          new JournalEvent.RunEnded(3, Instant.parse("2026-12-01T10:09:00Z"), Duration.ofSeconds(60), 9, 1, 0,
              Map.of(), java.util.List.of(
                  new io.datasynth.engine.EndpointStats("http://10.0.0.7:8000/v1/chat/completions", 2, 6, 5, 0, 1,
                      1, false, Duration.ofMillis(120)),
                  new io.datasynth.engine.EndpointStats("http://10.0.0.8:8000/v1/chat/completions", 1, 3, 3, 0, 0,
                      0, true, Duration.ZERO))));
      try (OutputLock l = lock(); Journal j = Journal.open(file, l, FileGuard.unrestricted(), e -> { })) {
        j.append(written);
      }
      assertThat(replay(file)).isEqualTo(written);
    }

    @Test
    void readsTheLinesOfJournalsWrittenBeforeEventsHadKinds() throws IOException {
      Path file = journalWith(legacyRecordLine(1) + legacyUsageLine(100, 20) + legacyRecordLine(2));
      assertThat(replay(file)).containsExactly(new JournalEvent.RecordAccepted(record(1), null),
          new JournalEvent.ReplyUsage(new Usage(100, 20, 0, 0, 0), 1), new JournalEvent.RecordAccepted(record(2),
              null));
    }

    @Test
    void keepsReasonsAsEnglishTextAndAsMessagesAndReadsThoseOfOlderVersionsThatHoldOnlyText() throws IOException {
      RejectReason invalid = new RejectReason.RuleViolation("quality", Rule.RANGE,
          Message.of("rule.range", "quality", "10", "1", "5"));
      ObjectNode json = JournalCodec.reason(invalid, Long::toString);
      assertThat(json.path("message").asText()).isEqualTo("quality: 10 out of range [1, 5]");
      assertThat(json.path("detail_message").path("key").asText()).isEqualTo("rule.range");
      assertThat(JournalCodec.readReason(json)).isEqualTo(invalid);

      // Written by the version before reasons were messages: the English text is all there is.
      Path file = journalWith("{\"event\":\"rejected\",\"record\":{\"q\":1},\"reason\":{\"code\":\"invalid\","
          + "\"field\":\"quality\",\"rule\":\"range\",\"message\":\"quality: 10 out of range [1, 5]\"}}\n"
          + "{\"event\":\"rejected\",\"fragment\":\"{\\\"a\\\": \",\"reason\":{\"code\":\"truncated\","
          + "\"detail\":\"the reply ends inside a ``` code block\"}}\n");
      assertThat(replay(file)).extracting(e -> ((JournalEvent.RecordRejected) e).reason()).containsExactly(
          new RejectReason.RuleViolation("quality", Rule.RANGE, Message.of("text.verbatim",
              "quality: 10 out of range [1, 5]")),
          new RejectReason.Unparseable(ParseIssue.Kind.TRUNCATED, Message.of("text.verbatim",
              "the reply ends inside a ``` code block")));
    }

    @Test
    void keepsTheEventsOfSeveralWritesInOrderOnceForcedTogether() {
      Path file = dir.resolve("out.journal.jsonl");
      List<JournalEvent> written = List.of(new JournalEvent.RecordAccepted(record(1), PROV),
          new JournalEvent.ReplyUsage(new Usage(120, 340, 0, 0, 0), 1),
          new JournalEvent.RecordAccepted(record(2), PROV), new JournalEvent.ReplyUsage(new Usage(110, 300, 0, 0, 0), 1),
          new JournalEvent.RecordAccepted(record(3), PROV));
      try (OutputLock l = lock(); Journal j = Journal.open(file, l, FileGuard.unrestricted(), e -> { })) {
        j.write(written.subList(0, 2));
        j.write(written.subList(2, 4));
        j.force();
        j.write(written.subList(4, 5));
        j.force();
        j.force();
      }
      assertThat(replay(file)).isEqualTo(written);
    }

    @Test
    void readsBackWhatIsOnDiskWhileOpen() {
      Path file = dir.resolve("out.journal.jsonl");
      try (OutputLock l = lock(); Journal j = Journal.open(file, l, FileGuard.unrestricted(), e -> { })) {
        j.append(new JournalEvent.RecordAccepted(record(1), PROV));
        j.append(new JournalEvent.RecordAccepted(record(2), PROV));
        List<JournalEvent> seen = new ArrayList<>();
        j.events().forEach(seen::add);
        assertThat(seen).hasSize(2);
        j.append(new JournalEvent.RecordAccepted(record(3), PROV));
        assertThat(j.events()).hasSize(3);
      }
    }

    @Test
    void readsLinesLongerThanItsReadChunkWithChineseTextAcrossTheChunkEdges() {
      Path file = dir.resolve("out.journal.jsonl");
      List<JournalEvent> written = new ArrayList<>();
      for (int n = 0; n < 40; n++) {
        ObjectNode r = record(n);
        // 3-byte characters at odd lengths put chunk boundaries inside characters and lines.
        r.put("response", "长城".repeat(1 + n * 997 % 30_000) + n);
        written.add(new JournalEvent.RecordAccepted(r, PROV));
      }
      try (OutputLock l = lock(); Journal j = Journal.open(file, l, FileGuard.unrestricted(), e -> { })) {
        j.append(written);
        List<JournalEvent> read = new ArrayList<>();
        j.events().forEach(read::add);
        assertThat(read).isEqualTo(written);
      }
      assertThat(replay(file)).isEqualTo(written);
    }
  }

  @Nested
  class Locking {
    @Test
    void aSecondRunInTheSameProcessIsRefusedBeforeItOpensTheFileAndTheFirstKeepsItsLock() {
      try (OutputLock first = lock()) {
        assertThatThrownBy(JournalTest.this::lock).isInstanceOf(ConfigException.class)
            .hasMessageContaining("another run").hasMessageContaining("out.json");
        assertThatThrownBy(JournalTest.this::lock).isInstanceOf(ConfigException.class);
      }
      try (OutputLock again = lock()) {
        assertThat(again).isNotNull();
      }
    }

    @Test
    void theLockFileStaysSoThatNobodyLocksAFileOthersCannotSee() {
      Path lockFile = dir.resolve(".out.json.lock");
      try (OutputLock l = lock()) {
        assertThat(lockFile).exists();
      }
      assertThat(lockFile).exists();
    }
  }

  @Nested
  class AfterACrash {
    static final String GOOD = line(new JournalEvent.RecordAccepted(record(1), PROV))
        + line(new JournalEvent.ReplyUsage(new Usage(100, 20, 0, 0, 0), 1))
        + line(new JournalEvent.RecordAccepted(record(2), PROV));

    void assertTornLineDropped(Path file) throws IOException {
      try (OutputLock l = lock(); Journal j = Journal.open(file, l, FileGuard.unrestricted(), e -> { })) {
        assertThat(j.contents().tornLineDropped()).isTrue();
        assertThat(j.contents().events()).isEqualTo(3);
      }
      assertThat(Files.readString(file)).isEqualTo(GOOD);
    }

    @Test
    void aLastLineWithoutItsNewlineIsDropped() throws IOException {
      assertTornLineDropped(journalWith(GOOD + line(new JournalEvent.RecordAccepted(record(3), PROV)).strip()));
    }

    @Test
    void aLastLineWithHalfAnObjectIsDropped() throws IOException {
      String l3 = line(new JournalEvent.RecordAccepted(record(3), PROV));
      assertTornLineDropped(journalWith(GOOD + l3.substring(0, l3.length() / 2)));
    }

    @Test
    void aLastLineWithHalfAnObjectAndANewlineIsDropped() throws IOException {
      String l3 = line(new JournalEvent.RecordAccepted(record(3), PROV));
      assertTornLineDropped(journalWith(GOOD + l3.substring(0, l3.length() / 2) + "\n"));
    }

    @Test
    void binaryGarbageAtTheEndIsDropped() throws IOException {
      assertTornLineDropped(journalWith(concat(GOOD, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x7b, 0x22})));
    }

    @Test
    void aLineWithBytesThatAreNotUtf8IsReadWithThemReplaced() throws IOException {
      String l3 = line(new JournalEvent.RecordAccepted(record(3), PROV));
      int at = l3.indexOf('"', l3.indexOf(':', l3.indexOf("\"instruction\""))) + 1;
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      bytes.writeBytes((GOOD + l3.substring(0, at)).getBytes(StandardCharsets.UTF_8));
      bytes.write(0xff);
      bytes.writeBytes(l3.substring(at).getBytes(StandardCharsets.UTF_8));
      Path file = journalWith(bytes.toByteArray());

      List<JournalEvent> events = replay(file);

      assertThat(events).hasSize(4);
      assertThat(((JournalEvent.RecordAccepted) events.get(3)).record().get("instruction").asText())
          .startsWith("\uFFFD");
    }

    @Test
    void zeroBytesLeftByAPowerLossAreDropped() throws IOException {
      assertTornLineDropped(journalWith(concat(GOOD, new byte[4096])));
    }

    @Test
    void appendsAfterTheDroppedLineStartOnAFreshLine() throws IOException {
      Path file = journalWith(GOOD + "{\"event\": \"accepted\", \"record\": {\"instr");
      try (OutputLock l = lock(); Journal j = Journal.open(file, l, FileGuard.unrestricted(), e -> { })) {
        j.append(new JournalEvent.RecordAccepted(record(3), PROV));
      }
      assertThat(replay(file)).hasSize(4);
    }

    @Test
    void aJournalWithOnlyATornLineIsEmptied() throws IOException {
      Path file = journalWith("{\"event\": \"accepted\", \"record\": {\"a\": \"b");
      try (OutputLock l = lock(); Journal j = Journal.open(file, l, FileGuard.unrestricted(), e -> { })) {
        assertThat(j.contents()).isEqualTo(new Journal.Contents(0, true, 0));
      }
      assertThat(file).isEmptyFile();
    }

    @Test
    void aDamagedLineInTheMiddleDoesNotLoseTheEventsAfterIt() throws IOException {
      String text = legacyRecordLine(1) + "{\"record\": {\"in\u0000\u0000\n" + legacyRecordLine(2)
          + legacyUsageLine(5, 5) + "{\"event\": \"usage\", \"usage\": {\"input\": -3}, \"requests\": 1}\n"
          + legacyRecordLine(3);
      Path file = journalWith(text);
      try (OutputLock l = lock(); Journal j = Journal.open(file, l, FileGuard.unrestricted(), e -> { })) {
        assertThat(j.contents()).isEqualTo(new Journal.Contents(4, false, 2));
      }
      assertThat(Files.readString(file)).isEqualTo(text);
    }
  }

  @Test
  void isNamedAfterTheOutputAndKeepsFormatsApart() {
    assertThat(Journal.pathFor(dir.resolve("synthetic.json")).getFileName()).hasToString("synthetic.journal.jsonl");
    assertThat(Journal.pathFor(dir.resolve("out.jsonl")))
        .isNotEqualTo(Journal.pathFor(dir.resolve("out.json")));
  }
}
