package io.datasynth.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.ConfigException;
import io.datasynth.json.Json;
import io.datasynth.provider.Usage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's own file format: appends, reopening, and what a crash can leave at its end. */
class JournalTest {
  @TempDir Path dir;

  static ObjectNode record(int n) {
    ObjectNode r = Json.object();
    r.put("instruction", "Question " + n + "?");
    r.put("response", "Answer " + n + ".");
    return r;
  }

  static String recordLine(int n) {
    ObjectNode line = Json.object();
    line.set("record", record(n));
    return Json.compact(line) + "\n";
  }

  static String usageLine(long input, long output) {
    return "{\"usage\":{\"input\":" + input + ",\"output\":" + output
        + ",\"cache_read\":0,\"cache_write\":0,\"reasoning\":0},\"requests\":1}\n";
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

  /** Opens the journal, collecting the records it hands back. */
  static Journal open(Path file, List<ObjectNode> seen) {
    return Journal.open(file, seen::add);
  }

  static List<String> recordsOnDisk(Path file) {
    List<String> out = new ArrayList<>();
    Journal.records(file, Long.MAX_VALUE).forEach(r -> out.add(Json.compact(r)));
    return out;
  }

  @Nested
  class WhenFresh {
    @Test
    void createsAnEmptyJournal() {
      Path file = dir.resolve("sub/out.journal.jsonl");
      try (Journal j = Journal.open(file, r -> { })) {
        assertThat(j.contents()).isEqualTo(new Journal.Contents(0, Usage.ZERO, 0, false, 0));
      }
      assertThat(file).exists().isEmptyFile();
    }

    @Test
    void anEmptyFileHoldsNothingAndIsNotTorn() throws IOException {
      Path file = journalWith("");
      List<ObjectNode> seen = new ArrayList<>();
      try (Journal j = open(file, seen)) {
        assertThat(j.contents()).isEqualTo(new Journal.Contents(0, Usage.ZERO, 0, false, 0));
      }
      assertThat(seen).isEmpty();
      assertThat(file).isEmptyFile();
    }

    @Test
    void isNamedAfterTheOutput() {
      assertThat(Journal.pathFor(Path.of("data/synthetic.json"))).isEqualTo(Path.of("data/synthetic.journal.jsonl"));
      assertThat(Journal.pathFor(Path.of("out"))).isEqualTo(Path.of("out.journal.jsonl"));
    }
  }

  @Nested
  class Appending {
    @Test
    void recordsAndUsageSurviveReopening() {
      Path file = dir.resolve("out.journal.jsonl");
      try (Journal j = Journal.open(file, r -> { })) {
        j.append(List.of(record(1), record(2)), new Usage(100, 50, 0, 0, 0), 1);
        j.append(List.of(), new Usage(90, 10, 5, 0, 0), 1);
        j.append(List.of(record(3)), new Usage(110, 40, 0, 7, 3), 1);
        assertThat(j.records()).isEqualTo(3);
      }
      List<ObjectNode> seen = new ArrayList<>();
      try (Journal j = open(file, seen)) {
        assertThat(j.contents()).isEqualTo(new Journal.Contents(3, new Usage(300, 100, 5, 7, 3), 3, false, 0));
      }
      assertThat(seen).containsExactly(record(1), record(2), record(3));
      assertThat(recordsOnDisk(file)).hasSize(3);
    }

    @Test
    void usageLinesAreSummedAcrossRuns() throws IOException {
      Path file = journalWith(recordLine(1) + usageLine(100, 20) + recordLine(2) + usageLine(200, 30));
      try (Journal j = Journal.open(file, r -> { })) {
        j.append(List.of(record(3)), new Usage(300, 40, 0, 0, 0), 1);
      }
      try (Journal j = Journal.open(file, r -> { })) {
        assertThat(j.usage()).isEqualTo(new Usage(600, 90, 0, 0, 0));
        assertThat(j.requests()).isEqualTo(3);
        assertThat(j.records()).isEqualTo(3);
      }
    }

    @Test
    void readsBackOnlyTheFirstRecordsAskedFor() throws IOException {
      Path file = journalWith(recordLine(1) + usageLine(1, 1) + recordLine(2) + recordLine(3));
      List<ObjectNode> two = new ArrayList<>();
      Journal.records(file, 2).forEach(two::add);
      assertThat(two).containsExactly(record(1), record(2));
    }
  }

  @Nested
  class WhileOpen {
    @Test
    void aSecondWriterIsRefusedAndTheJournalLeftAlone() {
      Path file = dir.resolve("out.journal.jsonl");
      try (Journal j = Journal.open(file, r -> { })) {
        j.append(List.of(record(1)), new Usage(1, 1, 0, 0, 0), 1);
        assertThatThrownBy(() -> Journal.open(file, r -> { }))
            .isInstanceOf(ConfigException.class).hasMessageContaining("another run").hasMessageContaining(file.toString());
        assertThatThrownBy(() -> Journal.requireNotInUse(file)).isInstanceOf(ConfigException.class);
        j.append(List.of(record(2)), new Usage(1, 1, 0, 0, 0), 1);
      }
      assertThat(recordsOnDisk(file)).hasSize(2);
      Journal.requireNotInUse(file);
      try (Journal j = Journal.open(file, r -> { })) {
        assertThat(j.records()).isEqualTo(2);
      }
    }
  }

  @Nested
  class AfterACrash {
    static final String GOOD = recordLine(1) + usageLine(100, 20) + recordLine(2);

    void assertTornLineDropped(Path file) throws IOException {
      List<ObjectNode> seen = new ArrayList<>();
      try (Journal j = open(file, seen)) {
        assertThat(j.contents().tornLineDropped()).isTrue();
        assertThat(j.records()).isEqualTo(2);
        assertThat(j.usage()).isEqualTo(new Usage(100, 20, 0, 0, 0));
        assertThat(j.requests()).isEqualTo(1);
      }
      assertThat(seen).containsExactly(record(1), record(2));
      assertThat(Files.readString(file)).isEqualTo(GOOD);
    }

    @Test
    void aLastLineWithoutItsNewlineIsDropped() throws IOException {
      assertTornLineDropped(journalWith(GOOD + recordLine(3).strip()));
    }

    @Test
    void aLastLineWithHalfAnObjectIsDropped() throws IOException {
      String half = recordLine(3).substring(0, recordLine(3).length() / 2);
      assertTornLineDropped(journalWith(GOOD + half));
    }

    @Test
    void aLastLineWithHalfAnObjectAndANewlineIsDropped() throws IOException {
      String half = recordLine(3).substring(0, recordLine(3).length() / 2);
      assertTornLineDropped(journalWith(GOOD + half + "\n"));
    }

    @Test
    void aHalfWrittenUsageLineIsDropped() throws IOException {
      assertTornLineDropped(journalWith(GOOD + usageLine(7, 7).substring(0, 30)));
    }

    @Test
    void binaryGarbageAtTheEndIsDropped() throws IOException {
      assertTornLineDropped(journalWith(concat(GOOD, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x7b, 0x22})));
    }

    @Test
    void zeroBytesLeftByAPowerLossAreDropped() throws IOException {
      assertTornLineDropped(journalWith(concat(GOOD, new byte[4096])));
    }

    @Test
    void appendsAfterTheDroppedLineStartOnAFreshLine() throws IOException {
      Path file = journalWith(GOOD + "{\"record\": {\"instr");
      try (Journal j = Journal.open(file, r -> { })) {
        j.append(List.of(record(3)), new Usage(1, 1, 0, 0, 0), 1);
      }
      assertThat(recordsOnDisk(file)).hasSize(3);
      try (Journal j = Journal.open(file, r -> { })) {
        assertThat(j.contents().tornLineDropped()).isFalse();
        assertThat(j.records()).isEqualTo(3);
      }
    }

    @Test
    void aJournalWithOnlyATornLineIsEmptied() throws IOException {
      Path file = journalWith("{\"record\": {\"a\": \"b");
      try (Journal j = Journal.open(file, r -> { })) {
        assertThat(j.contents()).isEqualTo(new Journal.Contents(0, Usage.ZERO, 0, true, 0));
      }
      assertThat(file).isEmptyFile();
    }

    @Test
    void aDamagedLineInTheMiddleDoesNotLoseTheRecordsAfterIt() throws IOException {
      String text = recordLine(1) + "{\"record\": {\"in\u0000\u0000\n" + recordLine(2) + usageLine(5, 5)
          + "{\"usage\":{\"input\":-3},\"requests\":1}\n" + recordLine(3);
      Path file = journalWith(text);
      List<ObjectNode> seen = new ArrayList<>();
      try (Journal j = open(file, seen)) {
        assertThat(j.contents()).isEqualTo(new Journal.Contents(3, new Usage(5, 5, 0, 0, 0), 1, false, 2));
      }
      assertThat(seen).containsExactly(record(1), record(2), record(3));
      assertThat(recordsOnDisk(file)).hasSize(3);
      assertThat(Files.readString(file)).isEqualTo(text);
    }
  }
}
