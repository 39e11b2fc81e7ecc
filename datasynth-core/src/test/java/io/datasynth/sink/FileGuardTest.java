package io.datasynth.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasynth.error.InputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file guard that fences a run's files into one folder, and the one that lets everything through. */
class FileGuardTest {
  static final String SECRET = "outside-secret-content 12345";

  @TempDir Path tmp;
  Path root;
  Path outside;
  FileGuard guard;

  @BeforeEach
  void setUp() throws IOException {
    root = Files.createDirectories(tmp.resolve("root"));
    outside = Files.writeString(tmp.resolve("outside.txt"), SECRET);
    guard = FileGuard.under(root);
  }

  static String read(FileChannel ch) throws IOException {
    ByteBuffer b = ByteBuffer.allocate((int) ch.size());
    while (b.hasRemaining() && ch.read(b) >= 0) {
      // fill
    }
    return new String(b.array(), StandardCharsets.UTF_8);
  }

  @Nested
  class UnderARoot {
    @Test
    void readsAndWritesPlainFilesInsideIt() throws IOException {
      Path f = Files.writeString(Files.createDirectories(root.resolve("数据")).resolve("a.json"), "[]");
      try (FileChannel ch = guard.openForReading(f)) {
        assertThat(read(ch)).isEqualTo("[]");
      }
      try (FileChannel ch = guard.openForWriting(root.resolve("数据/new.jsonl"))) {
        ch.write(ByteBuffer.wrap("x".getBytes(StandardCharsets.UTF_8)));
      }
      assertThat(root.resolve("数据/new.jsonl")).hasContent("x");
      assertThat(guard.readText(f)).isEqualTo("[]");
    }

    @Test
    void refusesAFileThatIsALinkToAFileOutsideAndLeavesThatFileAlone() throws IOException {
      Path link = Files.createSymbolicLink(root.resolve("out.journal.jsonl"), outside);
      assertThatThrownBy(() -> guard.openForWriting(link)).isInstanceOf(InputException.class)
          .hasMessageContaining("symbolic link");
      assertThatThrownBy(() -> guard.openForReading(link)).isInstanceOf(InputException.class)
          .hasMessageNotContaining(SECRET);
      assertThatThrownBy(() -> guard.readText(link)).isInstanceOf(InputException.class)
          .hasMessageNotContaining("outside-secret");
      assertThatThrownBy(() -> guard.forReplacing(link)).isInstanceOf(InputException.class);
      assertThat(outside).hasContent(SECRET);
    }

    @Test
    void refusesALinkEvenWhenItPointsInsideTheRoot() throws IOException {
      Path inside = Files.writeString(root.resolve("real.json"), "{}");
      Path link = Files.createSymbolicLink(root.resolve("alias.json"), inside);
      assertThatThrownBy(() -> guard.openForReading(link)).isInstanceOf(InputException.class);
    }

    @Test
    void refusesAFileInAFolderThatIsALinkOutside() throws IOException {
      Path outDir = Files.createDirectories(tmp.resolve("elsewhere"));
      Files.createSymbolicLink(root.resolve("data"), outDir);
      assertThatThrownBy(() -> guard.openForWriting(root.resolve("data/out.json")))
          .isInstanceOf(InputException.class).hasMessageContaining("outside");
      assertThatThrownBy(() -> guard.folder(root.resolve("data/sub"))).isInstanceOf(InputException.class);
      assertThatThrownBy(() -> guard.forReplacing(root.resolve("data/out.json"))).isInstanceOf(InputException.class);
      try (var files = Files.list(outDir)) {
        assertThat(files).isEmpty();
      }
    }

    @Test
    void refusesPathsThatLeaveTheRootWithDotDot() {
      assertThatThrownBy(() -> guard.openForWriting(root.resolve("../escape.json")))
          .isInstanceOf(InputException.class).hasMessageContaining("outside");
      assertThat(tmp.resolve("escape.json")).doesNotExist();
    }

    @Test
    void refusesFoldersAndPipesInsteadOfBlockingOnThem() throws Exception {
      Files.createDirectories(root.resolve("dir.json"));
      assertThatThrownBy(() -> guard.openForReading(root.resolve("dir.json"))).isInstanceOf(InputException.class)
          .hasMessageContaining("folder");
      Path fifo = root.resolve("pipe.jsonl");
      Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
      if (mk.waitFor() == 0) {
        assertThatThrownBy(() -> guard.openForReading(fifo)).isInstanceOf(InputException.class)
            .hasMessageContaining("not a regular file");
        assertThatThrownBy(() -> guard.openForWriting(fifo)).isInstanceOf(InputException.class);
      }
    }

    @Test
    void createsMissingFoldersInsideTheRootAndReturnsTheirRealPath() throws IOException {
      Path made = guard.folder(root.resolve("a/b/c"));
      assertThat(made).isDirectory().isEqualTo(root.toRealPath().resolve("a/b/c"));
    }

    @Test
    void acceptsARootThatIsItselfReachedThroughALink() throws IOException {
      Path alias = Files.createSymbolicLink(tmp.resolve("alias"), root);
      FileGuard viaAlias = FileGuard.under(alias);
      try (FileChannel ch = viaAlias.openForWriting(alias.resolve("x.json"))) {
        assertThat(ch.isOpen()).isTrue();
      }
      assertThat(root.resolve("x.json")).exists();
    }
  }

  @Nested
  class AtomicWrites {
    @Test
    void replaceTheTargetInsideTheRoot() throws IOException {
      AtomicFiles.writeString(root.resolve("out/synthetic.json"), guard, "{}\n");
      assertThat(root.resolve("out/synthetic.json")).hasContent("{}");
    }

    @Test
    void refuseATargetThatIsALinkAndLeaveItsTargetAlone() throws IOException {
      Path link = Files.createSymbolicLink(root.resolve("out.stats.json"), outside);
      assertThatThrownBy(() -> AtomicFiles.writeString(link, guard, "{}")).isInstanceOf(InputException.class);
      assertThat(outside).hasContent(SECRET);
      assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void refuseToRenameIntoAFolderSwappedForALinkWhileWriting() throws IOException {
      Path data = Files.createDirectories(root.resolve("data"));
      Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
      assertThatThrownBy(() -> AtomicFiles.write(data.resolve("out.json"), guard, out -> {
        out.write("{}".getBytes(StandardCharsets.UTF_8));
        Files.move(data, root.resolve("data-moved"));
        Files.createSymbolicLink(data, elsewhere);
      })).isInstanceOf(InputException.class);
      try (var files = Files.list(elsewhere)) {
        assertThat(files).isEmpty();
      }
      assertThat(root.resolve("data-moved/out.json")).doesNotExist();
    }

    @Test
    void followLinksWithTheUnrestrictedGuardAsBefore() throws IOException {
      Path realDir = Files.createDirectories(tmp.resolve("real"));
      Path linked = Files.createSymbolicLink(tmp.resolve("linked"), realDir);
      AtomicFiles.writeString(linked.resolve("out.json"), FileGuard.unrestricted(), "{}\n");
      assertThat(realDir.resolve("out.json")).hasContent("{}");
    }
  }

  @Test
  void datasetFilesAreReadThroughTheGuard() throws IOException {
    Path link = Files.createSymbolicLink(root.resolve("data.jsonl"), outside);
    assertThatThrownBy(() -> DatasetReader.read(link, guard)).isInstanceOf(InputException.class)
        .hasMessageNotContaining("outside-secret");
    Path plain = Files.writeString(root.resolve("plain.jsonl"), "{\"a\":1}\n{\"a\":2}\n");
    assertThat(DatasetReader.read(plain, guard)).hasSize(2);
  }

  @Test
  void outputFilesNameEverySiblingFromTheStem() {
    OutputFiles f = OutputFiles.of(Path.of("data", "合成.json"));
    assertThat(f.all()).containsExactly(Path.of("data", "合成.json"), Path.of("data", "合成.journal.jsonl"),
        Path.of("data", "合成.manifest.json"), Path.of("data", "合成.stats.json"), Path.of("data", "合成.rejects.jsonl"),
        Path.of("data", "合成.report.html"), Path.of("data", "合成.meta.json"));
    assertThat(OutputFiles.of(Path.of("out.jsonl")).journal()).isEqualTo(OutputFiles.of(Path.of("out.json")).journal());
    assertThat(List.of(DatasetStats.pathFor(Path.of("x.json")))).containsExactly(Path.of("x.stats.json"));
  }
}
