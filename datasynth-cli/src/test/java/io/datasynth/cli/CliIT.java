package io.datasynth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.datasynth.json.JsonFiles;
import io.datasynth.testkit.FakeProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a separate process: the shaded jar and the launcher script, real exit codes from
 * {@code System.exit}, the {@code -v} HTTP log, real standard input, and a disk that fills up. The fake provider runs
 * in this JVM; the child gets a clean environment, so no real key or proxy setting can reach it.
 */
class CliIT {
  static final Path JAR = Path.of("target/datasynth.jar").toAbsolutePath();
  static final Path LAUNCHER = Path.of("../bin/datasynth").toAbsolutePath().normalize();
  static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @TempDir Path dir;

  @BeforeAll
  static void needsTheJar() {
    assumeTrue(Files.isRegularFile(JAR), "build the jar first: ./mvnw -DskipTests package");
  }

  record Run(int code, String out, String err) {
    String describe() {
      return "exit " + code + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
    }
  }

  /** Runs {@code command} in {@code dir} with only {@code env} (plus PATH and JAVA_HOME) in its environment. */
  Run exec(List<String> command, Map<String, String> env, String stdin) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/bin:/bin");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("LANG", "C.UTF-8");
    pb.environment().putAll(env);
    Process p = pb.start();
    CompletableFuture<String> out = drain(p.getInputStream());
    CompletableFuture<String> err = drain(p.getErrorStream());
    try (OutputStream in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished in time").isTrue();
    return new Run(p.exitValue(), out.get(), err.get());
  }

  Run datasynth(Map<String, String> env, Object... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(JAVA, "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1",
        "-jar", JAR.toString()));
    command.addAll(List.of(Cli.args(args)));
    return exec(command, env, "");
  }

  private static CompletableFuture<String> drain(InputStream s) {
    return CompletableFuture.supplyAsync(() -> {
      try (s) {
        return new String(s.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  @Test
  void theKnowlyrAliasRunsTheSameLauncherAndSpeaksTheLocalesLanguage() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "the launcher is a bash script");
    Path alias = LAUNCHER.resolveSibling("knowlyr-datasynth");
    assertThat(alias).isExecutable();
    Run version = exec(List.of(alias.toString(), "--version"), Map.of(), "");
    assertThat(version.code()).as(version.describe()).isZero();
    assertThat(version.out()).startsWith("datasynth ");

    Path zh = TestFiles.example("instruction_zh", dir);
    Run chinese = exec(List.of(alias.toString(), "validate", "missing.jsonl", zh.resolve("schema.json").toString()),
        Map.of("LANG", "zh_CN.UTF-8"), "");
    assertThat(chinese.code()).as(chinese.describe()).isEqualTo(2);
    assertThat(chinese.err()).contains("错误：").contains("文件不存在");
    Run english = exec(List.of(alias.toString(), "validate", "missing.jsonl", zh.resolve("schema.json").toString()),
        Map.of("LANG", "C.UTF-8"), "");
    assertThat(english.err()).contains("error: ").contains("file not found");
  }

  @Test
  void chineseFolderNamesOpenUnderAChineseLocaleTheMachineMayNotHaveGenerated() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "the launcher is a bash script");
    Path example = TestFiles.example("instruction_zh", dir);
    Path folder = Files.createDirectories(dir.resolve("数据").resolve("示例"));
    Files.copy(example.resolve("schema.json"), folder.resolve("schema.json"));
    Files.copy(example.resolve("seeds.json"), folder.resolve("种子.json"));
    for (String lang : new String[] {"zh_CN.UTF-8", "zh_CN.GB18030", ""}) {
      Run r = exec(List.of(LAUNCHER.toString(), "validate", "数据/示例/种子.json", "数据/示例/schema.json"),
          Map.of("LANG", lang), "");
      assertThat(r.code()).as(lang + ": " + r.describe()).isZero();
      assertThat(r.out()).as(lang).contains("种子.json");
    }
  }

  @Test
  void theLauncherRunsTheJarAndExitCodesReachTheShell() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "the launcher is a bash script");
    Run version = exec(List.of(LAUNCHER.toString(), "--version"), Map.of(), "");
    assertThat(version.code()).as(version.describe()).isZero();
    assertThat(version.out()).startsWith("datasynth ");

    Path zh = TestFiles.example("instruction_zh", dir);
    Run noKey = exec(List.of(LAUNCHER.toString(), "create", zh.resolve("schema.json").toString(),
        zh.resolve("seeds.json").toString(), "-o", "out.json", "-n", "3"), Map.of(), "");
    assertThat(noKey.code()).as(noKey.describe()).isEqualTo(2);
    assertThat(noKey.err()).contains("ANTHROPIC_API_KEY is not set");

    Run badOption = exec(List.of(LAUNCHER.toString(), "estimate", zh.toString(), "-n", "0"), Map.of(), "");
    assertThat(badOption.code()).as(badOption.describe()).isEqualTo(2);
  }

  @Test
  void aCollectorTheUserPicksReplacesTheLaunchersOwn() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "the launcher is a bash script");
    String flags = "-XX:+PrintFlagsFinal";
    Run own = exec(List.of(LAUNCHER.toString(), "--version"), Map.of("DATASYNTH_JAVA_OPTS", flags), "");
    assertThat(own.code()).as(own.describe()).isZero();
    assertThat(own.out()).containsPattern("UseSerialGC +:?= true").containsPattern("MaxInlineSize +:?= 10 ");
    // Two collectors on one command line would stop Java before it starts.
    Run users = exec(List.of(LAUNCHER.toString(), "--version"),
        Map.of("DATASYNTH_JAVA_OPTS", "-XX:+UseParallelGC " + flags + " -XX:MaxInlineSize=35"), "");
    assertThat(users.code()).as(users.describe()).isZero();
    assertThat(users.out()).containsPattern("UseParallelGC +:?= true").containsPattern("UseSerialGC +:?= false")
        .containsPattern("MaxInlineSize +:?= 35 ").contains("datasynth ");
  }

  @Test
  void theLauncherMapsTheBuildsClassDataArchive() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "the launcher is a bash script");
    Path archive = JAR.resolveSibling("datasynth.jsa");
    assertThat(archive).as("made by the package phase").isRegularFile();
    assertThat(Files.getLastModifiedTime(archive)).isGreaterThan(Files.getLastModifiedTime(JAR));
    Run version = exec(List.of(LAUNCHER.toString(), "--version"),
        Map.of("DATASYNTH_JAVA_OPTS", "-Xlog:class+load=info:stdout"), "");
    assertThat(version.code()).as(version.describe()).isZero();
    assertThat(version.out()).containsPattern("io\\.datasynth\\.cli\\.Main source: shared objects file");
  }

  @Test
  void aBrokenClassDataArchiveDoesNotStopARun() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "the launcher is a bash script");
    Path home = dir.resolve("home");
    Path target = Files.createDirectories(home.resolve("datasynth-cli/target"));
    Files.createDirectories(home.resolve("bin"));
    Files.copy(LAUNCHER, home.resolve("bin/datasynth"), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    Files.createSymbolicLink(target.resolve("datasynth.jar"), JAR);
    Path archive = Files.writeString(target.resolve("datasynth.jsa"), "not an archive");
    Files.setLastModifiedTime(archive, java.nio.file.attribute.FileTime.fromMillis(
        Files.getLastModifiedTime(JAR).toMillis() + 60_000));
    Run version = exec(List.of(home.resolve("bin/datasynth").toString(), "--version"), Map.of(), "");
    assertThat(version.code()).as(version.describe()).isZero();
    assertThat(version.out()).startsWith("datasynth ");
    assertThat(version.err()).isEmpty();
  }

  @Test
  void initWritesIntoTheWorkingFolderAndParseReadsRealStandardInput() throws Exception {
    Run init = datasynth(Map.of(), "init");
    assertThat(init.code()).as(init.describe()).isZero();
    assertThat(dir.resolve("datasynth.config.json")).exists();
    assertThat(dir.resolve("schema.json")).exists();
    assertThat(dir.resolve("seeds.json")).exists();

    List<String> parse = new ArrayList<>(List.of(JAVA, "-XX:-UsePerfData", "-jar", JAR.toString(),
        "parse", "-", "--schema", "schema.json", "--seeds", "seeds.json"));
    Run parsed = exec(parse, Map.of(), """
        Sure! Here are two:
        ```json
        [{"instruction": "Do you ship to Canada?", "response": "Yes, we ship to Canada in 5-8 business days.", "category": "shipping", "quality": 5},
         {"instruction": "订单可以改地址吗？", "response": "发货前可以在「我的订单」里修改收货地址。", "category": "orders", "quality": 4}]
        ```
        """);
    assertThat(parsed.code()).as(parsed.describe()).isZero();
    assertThat(JsonFiles.readJson(dir.resolve("synthetic.json")).get("samples")).hasSize(2);
    assertThat(JsonFiles.readJson(dir.resolve("synthetic.json")).get("samples").get(1).get("data")
        .get("instruction").asText()).isEqualTo("订单可以改地址吗？");
  }

  @Test
  void verboseLogsEveryRequestWithTheKeysMaskedAndNoFileOrStreamHoldsAKey() throws Exception {
    String wrong = "sk-ant-WRONG-verbose-5e6f7a8b";
    Path zh = TestFiles.example("instruction_zh", dir);
    try (FakeProvider fake = Fakes.serving(Fakes.INSTRUCTION_ZH)) {
      Map<String, String> env = new HashMap<>(Map.of("ANTHROPIC_BASE_URL", fake.anthropicBaseUrl(),
          "ANTHROPIC_API_KEY", Fakes.KEY, "OPENAI_BASE_URL", fake.openAiBaseUrl(), "OPENAI_API_KEY", Fakes.KEY));
      Run anthropic = datasynth(env, "create", zh.resolve("schema.json"), zh.resolve("seeds.json"),
          "-o", "a.json", "-n", 6, "-v", "--stats");
      Run openAi = datasynth(env, "create", zh.resolve("schema.json"), zh.resolve("seeds.json"),
          "-o", "o.jsonl", "-n", 6, "-v", "--stats", "-p", "openai");
      env.put("ANTHROPIC_API_KEY", wrong);
      Run failed = datasynth(env, "create", zh.resolve("schema.json"), zh.resolve("seeds.json"),
          "-o", "f.json", "-n", 6, "-v", "--stats");

      assertThat(anthropic.code()).as(anthropic.describe()).isZero();
      assertThat(anthropic.err()).contains("→ POST " + fake.anthropicBaseUrl() + "/v1/messages")
          .contains("x-api-key=[redacted]").contains("← 200");
      assertThat(openAi.code()).as(openAi.describe()).isZero();
      assertThat(openAi.err()).contains("/v1/chat/completions").containsIgnoringCase("authorization=[redacted]");
      assertThat(failed.code()).as(failed.describe()).isEqualTo(1);
      assertThat(failed.err()).contains("← 401").contains("x-api-key=[redacted]");
      assertThat(failed.out() + failed.err()).contains("401");
      for (Run r : List.of(anthropic, openAi, failed)) {
        assertThat(r.out() + r.err()).doesNotContain(Fakes.KEY).doesNotContain(wrong)
            .doesNotContain(Fakes.KEY.substring(8)).doesNotContain(wrong.substring(8));
      }
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(f)).as(f.toString()).doesNotContain(Fakes.KEY).doesNotContain(wrong);
      }
    }
  }

  @Test
  void verboseMasksTheKeyByValueWhereAServerEchoesItInHeadersAndBody() throws Exception {
    String key = "sk-ant-api03-Vb7Qm2Zx9Lp4RvT8kW3nB6cD1fG5hJ0aZ";
    Path zh = TestFiles.example("instruction_zh", dir);
    try (LoopbackServer echo = LoopbackServer.echoingTheKey()) {
      Run r = datasynth(Map.of("ANTHROPIC_BASE_URL", echo.origin(), "ANTHROPIC_API_KEY", key), "create",
          zh.resolve("schema.json"), zh.resolve("seeds.json"), "-o", "e.json", "-n", 3, "-v");

      assertThat(r.code()).as(r.describe()).isEqualTo(1);
      assertThat(r.err()).contains("← 401").contains("x-echo-key=[redacted]").contains("x-api-key=[redacted]");
      assertThat(r.out() + r.err()).doesNotContain(key.substring(7)).doesNotContain(key.substring(13))
          .doesNotContain(key.substring(25));
    }
  }

  @Test
  void runningOutOfMemoryIsOneLineSayingHowToGiveJavaMoreNotAStackTrace() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "the launcher is a bash script");
    Path zh = TestFiles.example("instruction_zh", dir);
    StringBuilder lines = new StringBuilder();
    while (lines.length() < 48 << 20) {
      lines.append("{\"instruction\": \"第").append(lines.length()).append("个问题：长城有多长？\", \"response\": \"")
          .append("长城总长度约两万一千公里。".repeat(8)).append("\", \"category\": \"知识问答\", \"quality\": 4}\n");
    }
    TestFiles.write(dir.resolve("data.jsonl"), lines.toString());

    Run jar = exec(List.of(JAVA, "-Xmx24m", "-XX:-UsePerfData", "-jar", JAR.toString(), "validate", "data.jsonl",
        zh.resolve("schema.json").toString()), Map.of(), "");
    Run launcher = exec(List.of(LAUNCHER.toString(), "validate", "data.jsonl", zh.resolve("schema.json").toString()),
        Map.of("DATASYNTH_JAVA_OPTS", "-Xmx24m"), "");

    for (Run r : List.of(jar, launcher)) {
      assertThat(r.code()).as(r.describe()).isEqualTo(1);
      assertThat(r.err().lines().filter(l -> !l.isBlank())).as(r.describe()).singleElement().asString()
          .startsWith("error: DataSynth ran out of memory").contains("-Xmx");
      assertThat(r.err()).as(r.describe()).doesNotContain("\tat ").doesNotContain("Exception in thread");
    }
    assertThat(jar.err()).contains("java -Xmx").contains("-jar datasynth.jar");
    assertThat(launcher.err()).contains("DATASYNTH_JAVA_OPTS=-Xmx2g " + LAUNCHER);
  }

  @Test
  void aFullDiskFailsTheRunWithExitOneAndLeavesTheOldOutputAndNoTemporaryFile() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash for ulimit");
    // The file-size limit stands in for a full disk: writes past it fail with EFBIG as they would with ENOSPC.
    // (Not -o /dev/full: an output that is a device is refused up front, and the atomic write goes to a temporary
    // file beside the target anyway.) The schema's long description makes the output far larger than the
    // journal, so only the output's write fails.
    TestFiles.write(dir.resolve("schema.json"), "{\"project_name\": \"big\", \"description\": \""
        + "说明".repeat(20_000) + "\", \"fields\": [{\"name\": \"instruction\", \"type\": \"text\"},"
        + " {\"name\": \"response\", \"type\": \"text\"}]}");
    TestFiles.write(dir.resolve("seeds.jsonl"), """
        {"instruction": "Name a colour.", "response": "Teal."}
        {"instruction": "Name a fruit.", "response": "A mango."}
        """);
    Path out = TestFiles.write(dir.resolve("out.json"), "the previous output\n");
    try (FakeProvider fake = Fakes.serving("""
        {"instruction": "Task {n}: {words}", "response": "Answer {n}: {words}"}""")) {
      String command = "ulimit -f 24 && exec \"$0\" -XX:-UsePerfData -jar \"$1\" create schema.json seeds.jsonl "
          + "-o out.json -n 5 --force -q";
      Run r = exec(List.of("/bin/bash", "-c", command, JAVA, JAR.toString()),
          Map.of("ANTHROPIC_BASE_URL", fake.anthropicBaseUrl(), "ANTHROPIC_API_KEY", Fakes.KEY), "");

      assertThat(r.code()).as(r.describe()).isEqualTo(1);
      assertThat(r.err().lines().filter(l -> l.startsWith("error: "))).singleElement().asString()
          .contains("could not write").contains("out.json").contains("nothing was overwritten");
      assertThat(r.out()).doesNotContain("✓");
      assertThat(TestFiles.read(out)).isEqualTo("the previous output\n");
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
      }
      assertThat(dir.resolve("out.journal.jsonl")).as("the journal keeps the records for a re-run").exists();
    }
  }
}
