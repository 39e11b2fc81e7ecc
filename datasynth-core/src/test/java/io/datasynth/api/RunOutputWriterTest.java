package io.datasynth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.RunFailedException;
import io.datasynth.journal.Journal;
import io.datasynth.journal.JournalEvent;
import io.datasynth.journal.Ledger;
import io.datasynth.journal.OutputLock;
import io.datasynth.json.Json;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.Schema;
import io.datasynth.sink.FileGuard;
import io.datasynth.sink.OutputFiles;
import io.datasynth.sink.OutputFormats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunOutputWriterTest {
  private static final Schema SCHEMA = new Schema("s", "", List.of(Field.of("instruction", FieldType.TEXT)),
      List.of());

  @TempDir
  Path dir;

  private final FileGuard guard = FileGuard.unrestricted();

  private static ObjectNode record(int n) {
    ObjectNode r = Json.object();
    r.put("instruction", "问题 " + n);
    return r;
  }

  /** Writes from a journal of three accepted records, all delivered, when the run counted {@code counted}. */
  private RunOutputWriter.Written writeWhenTheRunCounted(long counted, OutputFiles files) {
    Ledger ledger = new Ledger();
    try (OutputLock lock = OutputLock.acquire(files.lock(), files.output(), guard);
        Journal journal = Journal.open(files.journal(), lock, guard, e -> { })) {
      for (int n = 1; n <= 3; n++) {
        journal.append(new JournalEvent.RecordAccepted(record(n), null));
        ledger.deliver(n);
      }
      RunOutputWriter writer = new RunOutputWriter(files, ((OutputFormats.Lookup.Found) OutputFormats.lookup("jsonl")).format(),
          guard, SCHEMA, 3);
      RunOutputWriter.Plan plan = writer.plan(0, counted, ledger, Map.of());
      return writer.write(Json::object, Json.object(), null, 0, journal, plan, ledger, Map.of(), false);
    }
  }

  @Test
  void writesWhatTheRunCounted() throws Exception {
    OutputFiles files = OutputFiles.of(dir.resolve("out.jsonl"));

    RunOutputWriter.Written written = writeWhenTheRunCounted(3, files);

    assertThat(written.records()).isEqualTo(3);
    assertThat(Files.readAllLines(files.output())).hasSize(3).first().asString().contains("问题 1");
  }

  @Test
  void writesNothingWhenTheJournalHoldsOtherRecordsThanTheRunCounted() {
    OutputFiles files = OutputFiles.of(dir.resolve("out.jsonl"));

    assertThatThrownBy(() -> writeWhenTheRunCounted(2, files)).isInstanceOf(RunFailedException.class)
        .satisfies(e -> assertThat(((RunFailedException) e).detail().key()).isEqualTo("journal.recount"));
    assertThat(files.output()).doesNotExist();
    assertThat(files.journal()).exists();
  }
}
