package io.datasynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.json.Json;
import io.datasynth.testkit.FakeProvider;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The broken-input corpus: every file under {@code src/test/resources/broken/} run through the command that reads
 * it, as listed in {@code broken/cases.json} with the exit code and the fragments the message must contain.
 *
 * <p>Every failing case must print exactly one error line on stderr that names the file and says what to do,
 * print nothing on stdout, leave every file in its folder as it was, and send no request (a fake provider with the
 * right key is in the environment, so a case that wrongly got through would show up as requests).
 */
class BrokenInputTest {
  static FakeProvider fake;

  @TempDir Path dir;

  @BeforeAll
  static void startFake() {
    fake = Fakes.serving(Fakes.INSTRUCTION_ZH);
  }

  @AfterAll
  static void stopFake() {
    fake.close();
  }

  /** One entry of cases.json. */
  record Case(String file, List<String> run, int exit, List<String> message, List<String> stdout,
      List<String> stderr, String names) {
    @Override
    public String toString() {
      return file + " → " + run.get(0) + (run.contains("--strict") ? " --strict" : "") + " exits " + exit;
    }
  }

  static Path corpus() {
    try {
      return Path.of(BrokenInputTest.class.getResource("/broken/cases.json").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Arguments> cases() throws Exception {
    JsonNode root = Json.mapper().readTree(Files.readString(corpus().resolve("cases.json")));
    List<Arguments> cases = new ArrayList<>();
    for (JsonNode c : root) {
      cases.add(Arguments.of(new Case(c.get("file").asText(), strings(c.get("run")), c.get("exit").asInt(),
          strings(c.get("message")), strings(c.get("stdout")), strings(c.get("stderr")),
          c.path("names").asText("{file}"))));
    }
    return cases.stream();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      array.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void failsWithOneClearErrorAndTouchesNothing(Case c) {
    Path inputs = dir.resolve("inputs");
    Path zh = TestFiles.example("instruction_zh", inputs);
    Path recipe = TestFiles.example("recipe_demo", inputs);
    Path source = corpus().resolve(c.file());
    Path file = dir.resolve("case").resolve(c.file());
    if (Files.exists(source)) {
      TestFiles.copyTree(source, file);
    }
    Map<String, String> values = Map.of("{file}", file.toString(), "{schema}", zh.resolve("schema.json").toString(),
        "{seeds}", zh.resolve("seeds.json").toString(), "{recipe}", recipe.toString(),
        "{out}", dir.resolve("out.json").toString(), "{dir}", dir.toString());
    List<String> args = c.run().stream().map(a -> {
      for (Map.Entry<String, String> e : values.entrySet()) {
        a = a.replace(e.getKey(), e.getValue());
      }
      return a;
    }).toList();
    String named = values.getOrDefault(c.names(), c.names());

    var before = TestFiles.snapshot(dir);
    fake.reset();
    Cli.Result r = Fakes.anthropic(Cli.in(dir), fake).run(args);

    assertThat(r.code()).as(r.describe()).isEqualTo(c.exit());
    assertThat(r.err()).as(r.describe()).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(TestFiles.snapshot(dir)).as("files after " + args).isEqualTo(before);
    assertThat(fake.totalRequests()).as("requests sent").isZero();
    if (c.exit() == 0) {
      assertThat(r.err()).as(r.describe()).doesNotContain("error:");
      c.stderr().forEach(f -> assertThat(r.err()).as(r.describe()).contains(f));
      c.stdout().forEach(f -> assertThat(r.out()).as(r.describe()).contains(f));
      return;
    }
    assertThat(r.out()).as(r.describe()).isBlank();
    assertThat(r.errLines()).as(r.describe()).hasSize(1);
    assertThat(r.errLines().get(0)).startsWith("error: ").contains(named);
    c.message().forEach(f -> assertThat(r.errLines().get(0)).contains(f));
  }
}
