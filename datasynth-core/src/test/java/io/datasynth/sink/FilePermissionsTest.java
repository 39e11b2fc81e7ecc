package io.datasynth.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.datasynth.journal.Journal;
import io.datasynth.journal.OutputLock;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files DataSynth writes get the permissions any new file gets under the user's umask (0644 under umask 022), so
 * that teammates and other tools can read them; none is narrowed to its owner.
 */
class FilePermissionsTest {
  @TempDir Path dir;
  Set<PosixFilePermission> umaskDefault;

  @BeforeEach
  void learnTheUmask() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    Path probe = Files.createFile(dir.resolve("probe"));
    umaskDefault = Files.getPosixFilePermissions(probe);
    // The test shows something only where the umask lets others read new files, as it usually does.
    assumeTrue(umaskDefault.contains(PosixFilePermission.OTHERS_READ), "a umask that lets others read");
  }

  @Nested
  class AnAtomicWrite {
    @Test
    void createsItsFileWithTheUmasksPermissions() throws IOException {
      Path out = dir.resolve("synthetic.json");
      AtomicFiles.writeString(out, "{}\n");
      assertThat(Files.getPosixFilePermissions(out)).isEqualTo(umaskDefault);
    }

    @Test
    void keepsThePermissionsOfAFileItReplaces() throws IOException {
      Path out = dir.resolve("stats.json");
      AtomicFiles.writeString(out, "{}\n");
      AtomicFiles.writeString(out, "{\"a\": 1}\n");
      assertThat(Files.getPosixFilePermissions(out)).isEqualTo(umaskDefault);
    }

    @Test
    void writesADatasetReadableByOthers() throws IOException {
      Path out = dir.resolve("data.jsonl");
      DatasetWriter.write(out, OutputFormat.JSONL, io.datasynth.json.Json.object(), io.datasynth.json.Json.object(),
          java.util.List.of(io.datasynth.json.Json.object().put("a", 1)));
      assertThat(Files.getPosixFilePermissions(out)).contains(PosixFilePermission.OTHERS_READ);
    }
  }

  @Nested
  class TheJournalAndTheLock {
    @Test
    void getTheUmasksPermissions() throws IOException {
      Path lockFile = dir.resolve(".out.json.lock");
      Path journalFile = dir.resolve(".out.json.journal");
      try (OutputLock lock = OutputLock.acquire(lockFile, dir.resolve("out.json"), FileGuard.unrestricted());
          Journal journal = Journal.open(journalFile, lock, FileGuard.unrestricted(), e -> { })) {
        assertThat(Files.getPosixFilePermissions(journalFile)).isEqualTo(umaskDefault);
        assertThat(Files.getPosixFilePermissions(lockFile)).isEqualTo(umaskDefault);
      }
    }
  }
}
