package io.datasynth.mcp;

import io.datasynth.secret.Redactor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.datasynth.testkit.FakeProvider;
import io.datasynth.testkit.RecordSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No tool reads or writes a file outside the root, whichever file of a run a link is put at. */
class ToolFileSafetyTest {
  static final String KEY = "sk-ant-test-0123456789abcdef";
  static final String OUTSIDE_TEXT = "PRIVATE-first-token and the rest of a file outside the root\n";

  @TempDir Path tmp;
  Path root;
  Path outside;
  Map<String, McpTool> tools;
  ToolRegistry registry;

  @BeforeEach
  void setUp() throws IOException {
    root = Files.createDirectories(tmp.resolve("root"));
    outside = Files.writeString(tmp.resolve("outside.txt"), OUTSIDE_TEXT);
    TestRecipes.copyDemo(root.resolve("客服数据"));
    Files.createDirectories(root.resolve("data"));
    registry = registry(Map.of("ANTHROPIC_API_KEY", KEY, "ANTHROPIC_BASE_URL", "http://127.0.0.1:9"));
    tools = new HashMap<>();
    registry.tools().forEach(t -> tools.put(t.name(), t));
  }

  ToolRegistry registry(Map<String, String> env) {
    PathGuard guard = PathGuard.of(root);
    OutputLocks locks = new OutputLocks();
    Cancellations cancellations = new Cancellations(new JacksonMcpJsonMapper(new ObjectMapper()),
        Set.of(SynthesizeDataTool.NAME));
    List<McpTool> list = List.of(new ParseSynthesisResultTool(guard, locks),
        new SynthesizeDataTool(guard, env, locks, cancellations, SynthesizeDataTool.httpClients(), System::nanoTime),
        new ValidateDataTool(guard));
    return new ToolRegistry(list, Redactor.of(env));
  }

  McpSchema.CallToolResult call(String tool, Map<String, Object> args) {
    return registry.call(tools.get(tool), null, new McpSchema.CallToolRequest(tool, args));
  }

  static String text(McpSchema.CallToolResult r) {
    return ((McpSchema.TextContent) r.content().get(0)).text();
  }

  Map<String, Object> synthesize(String output) {
    return Map.of("analysis_dir", "客服数据", "output_path", output, "count", 3);
  }

  void assertOutsideUntouched() throws IOException {
    assertThat(outside).hasContent(OUTSIDE_TEXT.strip());
  }

  @Nested
  class ARunOfSynthesizeData {
    @Test
    void refusesAJournalThatIsALinkOutsideAndLeavesThatFileAsItWas() throws IOException {
      Files.createSymbolicLink(root.resolve("data/out.journal.jsonl"), outside);
      var r = call(SynthesizeDataTool.NAME, synthesize("data/out.json"));
      assertThat(r.isError()).isTrue();
      assertThat(text(r)).contains("data/out.journal.jsonl").contains("symbolic link");
      assertOutsideUntouched();
      assertThat(root.resolve("data/out.json")).doesNotExist();
    }

    @Test
    void refusesAManifestThatIsALinkWithoutQuotingTheLinkedFile() throws IOException {
      Files.writeString(root.resolve("data/out.journal.jsonl"), "");
      Files.createSymbolicLink(root.resolve("data/out.manifest.json"), outside);
      var r = call(SynthesizeDataTool.NAME, synthesize("data/out.json"));
      assertThat(r.isError()).isTrue();
      assertThat(text(r)).contains("data/out.manifest.json").doesNotContain("PRIVATE");
      assertThat(r.structuredContent().toString()).doesNotContain("PRIVATE");
    }

    @Test
    void refusesLinksAtEveryOtherFileBesideTheOutput() throws IOException {
      for (String name : List.of("out.stats.json", "out.rejects.jsonl", "out.report.html", "out.meta.json")) {
        Path link = Files.createSymbolicLink(root.resolve("data").resolve(name), outside);
        var r = call(SynthesizeDataTool.NAME, synthesize("data/out.jsonl"));
        assertThat(r.isError()).as(name).isTrue();
        assertThat(text(r)).as(name).contains(name);
        Files.delete(link);
      }
      assertOutsideUntouched();
    }

    @Test
    void refusesAnOutputThatIsItselfALinkEvenToAFileInsideTheRoot() throws IOException {
      Path inside = Files.writeString(root.resolve("data/real.json"), "{}");
      Files.createSymbolicLink(root.resolve("data/out.json"), inside);
      var r = call(SynthesizeDataTool.NAME, synthesize("data/out.json"));
      assertThat(r.isError()).isTrue();
      assertThat(text(r)).contains("symbolic link");
      assertThat(inside).hasContent("{}");
    }

    @Test
    void refusesAFileBesideTheOutputThatIsAFolder() throws IOException {
      Files.createDirectories(root.resolve("data/out.journal.jsonl"));
      var r = call(SynthesizeDataTool.NAME, synthesize("data/out.json"));
      assertThat(text(r)).contains("a folder");
    }
  }

  @Nested
  class AFolderSwappedForALinkDuringARun {
    @Test
    void leavesNothingInTheFolderTheLinkLeadsTo() throws IOException {
      Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
      try (FakeProvider fake = FakeProvider.builder().apiKey(KEY).records(RecordSource.counter(
          McpServerIT.fittingTemplate())).recordsPerReply(1).latency(Duration.ofMillis(30), Duration.ZERO).start()) {
        ToolRegistry live = registry(Map.of("ANTHROPIC_API_KEY", KEY, "ANTHROPIC_BASE_URL", fake.anthropicBaseUrl()));
        AtomicBoolean swapped = new AtomicBoolean();
        ToolCall.Progress swap = (done, total, message) -> {
          if (swapped.compareAndSet(false, true)) {
            try {
              Files.move(root.resolve("data"), root.resolve("data-moved"));
              Files.createSymbolicLink(root.resolve("data"), elsewhere);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        };
        McpTool tool = live.tools().stream().filter(t -> t.name().equals(SynthesizeDataTool.NAME)).findFirst()
            .orElseThrow();
        live.run(tool, Map.of("analysis_dir", "客服数据", "output_path", "data/out.json", "count", 5,
            "batch_size", 1, "concurrency", 1), "swap", null, swap);
        assertThat(swapped).isTrue();
        try (var files = Files.list(elsewhere)) {
          assertThat(files).isEmpty();
        }
      }
    }
  }

  @Nested
  class AParseOfAReply {
    @Test
    void refusesAnOutputOrStatsFileThatIsALinkOutside() throws IOException {
      Files.createSymbolicLink(root.resolve("data/out.json"), outside);
      var r = call(ParseSynthesisResultTool.NAME, Map.of("response_text", TestRecipes.SECOND_REPLY,
          "analysis_dir", "客服数据", "output_path", "data/out.json"));
      assertThat(r.isError()).isTrue();
      assertThat(text(r)).doesNotContain("PRIVATE");
      Files.delete(root.resolve("data/out.json"));
      Files.createSymbolicLink(root.resolve("data/out.stats.json"), outside);
      r = call(ParseSynthesisResultTool.NAME, Map.of("response_text", TestRecipes.SECOND_REPLY,
          "analysis_dir", "客服数据", "output_path", "data/out.json"));
      assertThat(r.isError()).isTrue();
      assertThat(text(r)).contains("out.stats.json");
      assertOutsideUntouched();
    }
  }

  @Nested
  class AValidation {
    @Test
    void refusesADatasetThatIsALinkLeadingOutWithoutQuotingIt() throws IOException {
      Files.createSymbolicLink(root.resolve("data/linked.jsonl"), outside);
      var r = call(ValidateDataTool.NAME, Map.of("data_path", "data/linked.jsonl", "schema_path", "客服数据"));
      assertThat(r.isError()).isTrue();
      assertThat(text(r)).contains("outside").doesNotContain("PRIVATE");
    }

    @Test
    void refusesADatasetThatIsAPipeInsteadOfWaitingForAWriter() throws Exception {
      Path fifo = root.resolve("data/pipe.jsonl");
      if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() != 0) {
        return;
      }
      var r = call(ValidateDataTool.NAME, Map.of("data_path", "data/pipe.jsonl", "schema_path", "客服数据"));
      assertThat(r.isError()).isTrue();
      assertThat(text(r)).contains("not a regular file");
    }
  }

  @Nested
  class ConcurrentCalls {
    final OutputLocks locks = new OutputLocks();

    @Test
    void treatJsonAndJsonlOutputsThatShareAJournalAsOneRunsFiles() {
      Path json = root.resolve("data/out.json");
      try (OutputLocks.Held held = locks.acquire(json, 0)) {
        assertThatThrownBy(() -> locks.acquire(root.resolve("data/out.jsonl"), 0))
            .isInstanceOf(ToolArgumentException.class).hasMessageContaining("right now");
        locks.acquire(root.resolve("data/other.json"), 0).close();
      }
      locks.acquire(root.resolve("data/out.jsonl"), 0).close();
    }

    @Test
    void releaseWhatTheyTookWhenALaterFileIsBusy() {
      try (OutputLocks.Held held = locks.acquire(root.resolve("data/out.jsonl"), 0)) {
        assertThatThrownBy(() -> locks.acquire(root.resolve("data/out.json"), 0))
            .isInstanceOf(ToolArgumentException.class);
      }
      locks.acquire(root.resolve("data/out.json"), 0).close();
    }
  }
}
