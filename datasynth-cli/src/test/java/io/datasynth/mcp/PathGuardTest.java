package io.datasynth.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathGuardTest {
  @TempDir Path tmp;
  Path root;
  Path outside;
  PathGuard guard;

  @BeforeEach
  void setUp() throws IOException {
    root = Files.createDirectories(tmp.resolve("root"));
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "secret");
    Files.writeString(root.resolve("data.json"), "[]");
    guard = PathGuard.of(root);
  }

  @Nested
  class ExistingPaths {
    @Test
    void resolvesRelativePathsAgainstTheRoot() throws IOException {
      assertThat(guard.existing("data.json", "data_path")).isEqualTo(root.toRealPath().resolve("data.json"));
    }

    @Test
    void acceptsAbsolutePathsInsideTheRoot() throws IOException {
      assertThat(guard.existing(root.resolve("data.json").toString(), "data_path"))
          .isEqualTo(root.toRealPath().resolve("data.json"));
    }

    @Test
    void refusesDotDotOutOfTheRoot() {
      assertThatThrownBy(() -> guard.existing("../outside/secret.txt", "data_path"))
          .isInstanceOf(ToolArgumentException.class)
          .hasMessageContaining("data_path")
          .hasMessageContaining("outside the server root " + guard.root());
    }

    @Test
    void acceptsDotDotThatStaysInside() throws IOException {
      Files.createDirectories(root.resolve("sub"));
      assertThat(guard.existing("sub/../data.json", "data_path")).isEqualTo(root.toRealPath().resolve("data.json"));
    }

    @Test
    void refusesAbsolutePathsElsewhere() {
      assertThatThrownBy(() -> guard.existing(outside.resolve("secret.txt").toString(), "data_path"))
          .isInstanceOf(ToolArgumentException.class).hasMessageContaining("outside the server root");
    }

    @Test
    void refusesAMissingPathOutsideAsOutsideNotMissing() {
      assertThatThrownBy(() -> guard.existing("../outside/nothing.json", "data_path"))
          .hasMessageContaining("outside the server root");
    }

    @Test
    void saysWhenAPathInsideDoesNotExist() {
      assertThatThrownBy(() -> guard.existing("nothing.json", "data_path"))
          .isInstanceOf(ToolArgumentException.class).hasMessageContaining("does not exist");
    }

    @Test
    void refusesASymlinkedFileThatPointsOut() throws IOException {
      Files.createSymbolicLink(root.resolve("link.txt"), outside.resolve("secret.txt"));
      assertThatThrownBy(() -> guard.existing("link.txt", "data_path")).hasMessageContaining("outside");
    }

    @Test
    void refusesFilesUnderASymlinkedFolderThatPointsOut() throws IOException {
      Files.createSymbolicLink(root.resolve("linkdir"), outside);
      assertThatThrownBy(() -> guard.existing("linkdir/secret.txt", "data_path")).hasMessageContaining("outside");
    }

    @Test
    void acceptsSymlinksThatStayInside() throws IOException {
      Files.createSymbolicLink(root.resolve("alias.json"), root.resolve("data.json"));
      assertThat(guard.existing("alias.json", "data_path")).isEqualTo(root.toRealPath().resolve("data.json"));
    }

    @Test
    void acceptsChineseFolderNames() throws IOException {
      Path dir = Files.createDirectories(root.resolve("数据集/04_复刻指南"));
      Files.writeString(dir.resolve("DATA_SCHEMA.json"), "{}");
      assertThat(guard.existing("数据集/04_复刻指南/DATA_SCHEMA.json", "schema_path"))
          .isEqualTo(dir.toRealPath().resolve("DATA_SCHEMA.json"));
    }

    @Test
    void refusesEmptyPaths() {
      assertThatThrownBy(() -> guard.existing("  ", "data_path")).hasMessageContaining("data_path is empty");
    }
  }

  @Nested
  class OutputPaths {
    @Test
    void acceptsANewFileWhoseFoldersDoNotExistYet() throws IOException {
      assertThat(guard.output("新的/输出/synthetic.json", "output_path"))
          .isEqualTo(root.toRealPath().resolve("新的/输出/synthetic.json"));
    }

    @Test
    void acceptsAnExistingFile() throws IOException {
      assertThat(guard.output("data.json", "output_path")).isEqualTo(root.toRealPath().resolve("data.json"));
    }

    @Test
    void refusesANewFileOutsideTheRoot() {
      assertThatThrownBy(() -> guard.output("../outside/new.json", "output_path"))
          .hasMessageContaining("outside the server root");
      assertThatThrownBy(() -> guard.output(outside.resolve("new/x.json").toString(), "output_path"))
          .hasMessageContaining("outside the server root");
    }

    @Test
    void refusesANewFileUnderASymlinkThatPointsOut() throws IOException {
      Files.createSymbolicLink(root.resolve("linkdir"), outside);
      assertThatThrownBy(() -> guard.output("linkdir/new/x.json", "output_path")).hasMessageContaining("outside");
    }

    @Test
    void refusesDotDotThroughASymlinkThatPointsOut() throws IOException {
      Files.createDirectories(outside.resolve("deep"));
      Files.createSymbolicLink(root.resolve("linkdir"), outside.resolve("deep"));
      assertThatThrownBy(() -> guard.output("linkdir/../x.json", "output_path")).hasMessageContaining("outside");
    }

    @Test
    void refusesDotDotAfterAMissingFolder() {
      assertThatThrownBy(() -> guard.output("missing/../../outside/x.json", "output_path"))
          .isInstanceOf(ToolArgumentException.class);
      assertThatThrownBy(() -> guard.output("missing/../x.json", "output_path"))
          .hasMessageContaining("without '.' and '..'");
    }

    @Test
    void refusesAnOutputThatIsALinkEvenADanglingOne() throws IOException {
      Files.createSymbolicLink(root.resolve("dangling.json"), outside.resolve("nothing.json"));
      assertThatThrownBy(() -> guard.output("dangling.json", "output_path"))
          .isInstanceOf(ToolArgumentException.class).hasMessageContaining("is a symbolic link");
    }

    @Test
    void checksDerivedOutputsToo() throws IOException {
      Files.createSymbolicLink(root.resolve("11_合成数据"), outside);
      assertThatThrownBy(() -> guard.derivedOutput(root.resolve("11_合成数据/synthetic.json"), "output_path"))
          .hasMessageContaining("outside");
    }
  }

  @Test
  void displaysPathsRelativeToTheRoot() throws IOException {
    assertThat(guard.display(root.toRealPath().resolve("a/b.json"))).isEqualTo("a/b.json");
    assertThat(guard.display(root.toRealPath())).isEqualTo(".");
  }

  @Test
  void refusesARootThatIsNotAFolder() {
    assertThatThrownBy(() -> PathGuard.of(root.resolve("data.json"))).hasMessageContaining("not a folder");
    assertThatThrownBy(() -> PathGuard.of(root.resolve("nope"))).hasMessageContaining("does not exist");
  }
}
