package io.datasynth.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes and the temporary files a killed writer leaves behind. */
class AtomicFilesTest {
  /** No process has this id: Linux caps ids at 2^22, other systems are below it as well. */
  static final long DEAD_PID = Integer.MAX_VALUE;

  @TempDir Path dir;

  @Test
  void writesTheWholeFileAndLeavesNoTemporaryFile() throws IOException {
    Path target = dir.resolve("out.json");
    AtomicFiles.writeString(target, "{\"samples\": []}\n");
    assertThat(target).hasContent("{\"samples\": []}");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void removesWhatAKilledWriterOfTheSameTargetLeftBehind() throws IOException {
    Path stale = Files.writeString(dir.resolve(".out.json." + DEAD_PID + ".123.tmp"), "{\"samp");
    Path live = Files.writeString(dir.resolve(".out.json." + ProcessHandle.current().pid() + ".456.tmp"), "{");
    Path otherTarget = Files.writeString(dir.resolve(".other.json." + DEAD_PID + ".789.tmp"), "{");
    Path notOurs = Files.writeString(dir.resolve(".out.json.notes.tmp"), "keep");
    Path longerName = Files.writeString(dir.resolve(".out.json.7." + DEAD_PID + ".1.tmp"), "of out.json.7");

    AtomicFiles.writeString(dir.resolve("out.json"), "{}\n");

    assertThat(stale).doesNotExist();
    assertThat(live).exists();
    assertThat(otherTarget).exists();
    assertThat(notOurs).exists();
    assertThat(longerName).exists();
    assertThat(dir.resolve("out.json")).hasContent("{}");
  }
}
