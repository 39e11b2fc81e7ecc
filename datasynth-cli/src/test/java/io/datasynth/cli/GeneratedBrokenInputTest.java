package io.datasynth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.datasynth.testkit.FakeProvider;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken inputs too large, too deep or too environment-specific to commit as files: they are made by the test. The
 * same rules hold as for the committed corpus: one error line naming the file and the fix, the right exit code,
 * nothing on stdout that looks like success, no file changed, no request sent.
 */
class GeneratedBrokenInputTest {
  @TempDir Path dir;
  FakeProvider fake;
  Path schema;
  Path seeds;

  @BeforeEach
  void setUp() {
    fake = Fakes.serving(Fakes.INSTRUCTION_ZH);
    Path zh = TestFiles.example("instruction_zh", dir);
    schema = zh.resolve("schema.json");
    seeds = zh.resolve("seeds.json");
  }

  @AfterEach
  void tearDown() throws IOException {
    fake.close();
    // let JUnit clean up files a test made unreadable
    try (var files = Files.walk(dir)) {
      files.forEach(p -> p.toFile().setReadable(true));
    }
    dir.toFile().setWritable(true);
    dir.resolve("ro").toFile().setWritable(true);
  }

  Cli cli() {
    return Fakes.anthropic(Cli.in(dir), fake);
  }

  /** Runs a command that must fail and checks everything the corpus checks; returns the error line. */
  String failsCleanly(int exit, String names, Object... args) {
    var before = TestFiles.snapshot(dir);
    Cli.Result r = cli().run(args);

    assertThat(r.code()).as(r.describe()).isEqualTo(exit);
    assertThat(r.errLines()).as(r.describe()).hasSize(1);
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(r.out()).as(r.describe()).isBlank();
    assertThat(TestFiles.snapshot(dir)).isEqualTo(before);
    assertThat(fake.totalRequests()).isZero();
    String line = r.errLines().get(0);
    assertThat(line).startsWith("error: ").contains(names);
    return line;
  }

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  @Nested
  class Enormous {
    @Test
    void aThirtyMegabyteValueOnOneSeedLineIsRefusedNamingTheFileAndLine() throws IOException {
      Path big = dir.resolve("big.jsonl");
      try (BufferedWriter w = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
        w.write("{\"instruction\": \"用一句话介绍长城。\", \"response\": \"长城是中国古代修建的军事防御工程。\", "
            + "\"category\": \"知识问答\", \"quality\": 5}\n");
        w.write("{\"instruction\": \"写一篇很长的文章\", \"response\": \"");
        String chunk = "长城".repeat(512);
        for (int i = 0; i < 30 * 1024 * 1024 / (chunk.length() * 3); i++) {
          w.write(chunk);
        }
        w.write("\", \"category\": \"写作\", \"quality\": 3}\n");
      }
      assertThat(Files.size(big)).isGreaterThan(30_000_000L);

      String line = failsCleanly(2, big.toString(), "create", schema, big, "-o", dir.resolve("out.json"));
      assertThat(line).contains("big.jsonl:2").contains("too long");
    }

    @Test
    void aThirtyMegabyteMinifiedSeedFileOnOneLineIsAccepted() throws IOException {
      Path big = dir.resolve("minified.json");
      try (BufferedWriter w = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
        w.write("[");
        for (int i = 0; i < 150_000; i++) {
          w.write((i > 0 ? "," : "") + "{\"instruction\":\"第" + i + "个问题：长城有多长？请简要回答并说明理由。\","
              + "\"response\":\"长城总长度约两万一千公里，这是国家文物局二零一二年公布的测量结果。\","
              + "\"category\":\"知识问答\",\"quality\":4}");
        }
        w.write("]");
      }
      assertThat(Files.size(big)).isGreaterThan(30_000_000L);

      Cli.Result r = cli().run("prepare", "--schema", schema, "--seeds", big, "-n", 5);
      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.out()).contains("长城总长度");
    }
  }

  @Nested
  class Deep {
    @Test
    void fiveThousandNestedListsInSeedsAreRefusedWithoutAStackOverflow() {
      Path deep = TestFiles.write(dir.resolve("deep.json"), "[".repeat(5000) + "]".repeat(5000));
      String line = failsCleanly(2, deep.toString(), "prepare", "--schema", schema, "--seeds", deep);
      assertThat(line).contains("deep.json: JSON nested deeper than 200 levels").contains("flatten");
    }

    @Test
    void fiveThousandNestedObjectsInASchemaAreRefused() {
      Path deep = TestFiles.write(dir.resolve("deep-schema.json"),
          "{\"a\":".repeat(5000) + "1" + "}".repeat(5000));
      String line = failsCleanly(2, deep.toString(), "create", deep, seeds, "-o", dir.resolve("out.json"));
      assertThat(line).contains("nested");
    }
  }

  @Nested
  @Timeout(120) // reading a FIFO the ordinary way waits for a writer forever
  class InputsThatArePipes {
    Path fifo() throws Exception {
      assumeTrue(Files.isExecutable(Path.of("/usr/bin/mkfifo")), "no mkfifo");
      Path fifo = dir.resolve("in.pipe");
      assertThat(new ProcessBuilder("/usr/bin/mkfifo", fifo.toString()).start().waitFor()).isZero();
      return fifo;
    }

    @Test
    void areRefusedWithoutWaitingWhereverAFileIsRead() throws Exception {
      Path fifo = fifo();
      Path out = dir.resolve("out.json");
      Path reply = TestFiles.write(dir.resolve("reply.md"), "[]");
      for (Object[] run : new Object[][] {
          {"create", fifo, seeds, "-o", out},
          {"create", schema, fifo, "-o", out},
          {"create", schema, seeds, "-o", out, "--config", fifo},
          {"create", schema, seeds, "-o", out, "--template", fifo},
          {"prepare", "--schema", schema, "--seeds", seeds, "--guidelines", fifo},
          {"estimate", "--schema", schema, "--seeds", seeds, "--prices", fifo},
          {"validate", fifo, schema},
          {"parse", fifo, "--schema", schema, "-o", out},
          {"parse", reply, "--schema", fifo, "-o", out},
          {"convert", fifo, "-o", out}}) {
        String line = failsCleanly(2, fifo.toString(), run);
        assertThat(line).as(String.join(" ", Cli.args(run))).contains("is not a regular file");
      }
    }
  }

  @Nested
  class LargeButFine {
    @Test
    @Timeout(600) // reading it used to take minutes; a hang fails here instead
    void aTwoHundredMegabyteSeedFileIsReadAndUsed() throws IOException {
      Path big = dir.resolve("big.jsonl");
      try (BufferedWriter w = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
        long written = 0;
        for (int i = 0; written < 200L * 1024 * 1024; i++) {
          String line = "{\"instruction\": \"第" + i + "个问题：长城有多长？请简要回答并说明理由，不超过一百字。\", "
              + "\"response\": \"长城总长度约两万一千公里，这是国家文物局二零一二年公布的测量结果，包括墙体、壕堑和"
              + "单体建筑。\", \"category\": \"知识问答\", \"quality\": " + (1 + i % 5) + "}\n";
          w.write(line);
          written += line.getBytes(StandardCharsets.UTF_8).length;
        }
      }
      assertThat(Files.size(big)).isGreaterThan(200L * 1024 * 1024);

      Cli.Result prepared = cli().run("prepare", "--schema", schema, "--seeds", big, "-n", 5);
      Cli.Result estimated = cli().run("estimate", "--schema", schema, "--seeds", big, "-n", 100);

      assertThat(prepared.code()).as(prepared.describe()).isZero();
      assertThat(prepared.out()).contains("长城总长度");
      assertThat(estimated.code()).as(estimated.describe()).isZero();
      assertThat(estimated.out()).contains("batches");
    }
  }

  @Nested
  class OutputsThatAreNotFiles {
    Path fifo() throws Exception {
      assumeTrue(Files.isExecutable(Path.of("/usr/bin/mkfifo")), "no mkfifo");
      Path fifo = dir.resolve("pipe.json");
      assertThat(new ProcessBuilder("/usr/bin/mkfifo", fifo.toString()).start().waitFor()).isZero();
      return fifo;
    }

    @Test
    void aPipeAsTheOutputOfARunIsRefusedEvenWithForce() throws Exception {
      Path fifo = fifo();
      String line = failsCleanly(2, fifo.toString(), "create", schema, seeds, "-o", fifo, "--force");
      assertThat(line).contains("is not a regular file").contains("give the path of a file");
      assertThat(Files.isRegularFile(fifo)).isFalse();
    }

    @Test
    void aPipeAsTheOutputOfPrepareParseAndConvertIsRefused() throws Exception {
      Path fifo = fifo();
      Path reply = TestFiles.write(dir.resolve("reply.md"), "```json\n[{\"instruction\": \"如何煮鸡蛋？\", "
          + "\"response\": \"冷水下锅，水开后再煮八分钟，捞出过凉水即可。\", \"category\": \"生活建议\", "
          + "\"quality\": 4}]\n```\n");
      failsCleanly(2, fifo.toString(), "prepare", "--schema", schema, "--seeds", seeds, "-o", fifo, "--force");
      failsCleanly(2, fifo.toString(), "parse", reply, "--schema", schema, "--seeds", seeds, "-o", fifo);
      failsCleanly(2, fifo.toString(), "convert", seeds, "-o", fifo, "--force");
      assertThat(Files.isRegularFile(fifo)).isFalse();
    }
  }

  @Nested
  class Permissions {
    @Test
    void anUnreadableSeedFileIsAUsageErrorSayingHowToFixIt() throws IOException {
      assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
      Files.setPosixFilePermissions(seeds, PosixFilePermissions.fromString("---------"));
      assumeFalse(Files.isReadable(seeds), "running as root: every file is readable");

      String line = failsCleanly(2, seeds.toString(), "create", schema, seeds, "-o", dir.resolve("out.json"));
      assertThat(line).contains("permission denied").contains("chmod");
    }

    @Test
    void aReadOnlyOutputFolderIsRefusedAndNothingIsWritten() throws IOException {
      assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
      Path ro = Files.createDirectories(dir.resolve("ro"));
      Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
      assumeFalse(Files.isWritable(ro), "running as root: every folder is writable");

      String line = failsCleanly(2, ro.toString(), "prepare", "--schema", schema, "--seeds", seeds,
          "-o", ro.resolve("prompt.md"));
      assertThat(line).contains("not writable");
    }

    @Test
    void aReadOnlyOutputFolderFailsAGenerateRunBeforeAnyRequest() throws IOException {
      assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
      Path ro = Files.createDirectories(dir.resolve("ro"));
      Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
      assumeFalse(Files.isWritable(ro), "running as root: every folder is writable");

      String line = failsCleanly(2, ro.toString(), "create", schema, seeds, "-o", ro.resolve("out.json"));
      assertThat(line).contains("not writable");
    }
  }
}
