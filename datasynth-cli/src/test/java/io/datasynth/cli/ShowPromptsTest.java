package io.datasynth.cli;

import static io.datasynth.cli.TestFiles.example;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.json.Json;
import io.datasynth.json.JsonFiles;
import io.datasynth.testkit.FakeProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --dry-run --show-prompts}: the requests a run would send, written as files, keys masked, nothing sent. */
class ShowPromptsTest {
  @TempDir Path dir;

  /** Sends a previewed request as it is written, with the real key put back where the file masks it. */
  private static HttpResponse<String> send(JsonNode file, String key) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(file.get("url").asText()))
        .POST(HttpRequest.BodyPublishers.ofString(Json.compact(file.get("body"))));
    for (Iterator<Map.Entry<String, JsonNode>> it = file.get("headers").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> h = it.next();
      if (!h.getKey().equalsIgnoreCase("content-length")) {
        b.header(h.getKey(), h.getValue().asText().replace("***", key));
      }
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Nested
  class OverEitherWireFormat {
    @Test
    void writesAnAnthropicRequestTheApiAcceptsWithTheKeyMaskedAndSendsNothing() throws Exception {
      Path recipe = example("recipe_demo", dir);
      try (FakeProvider fake = Fakes.serving(Fakes.RECIPE_DEMO)) {
        Cli.Result r = Fakes.anthropic(Cli.in(dir), fake).run("generate", recipe.toString(), "-n", "12",
            "--dry-run", "--show-prompts");

        assertThat(r.code()).as(r.describe()).isZero();
        assertThat(fake.totalRequests()).as("a dry run sends nothing").isZero();
        Path requests = recipe.resolve("11_合成数据/synthetic.requests");
        Path first = requests.resolve("request-001.json");
        assertThat(r.err()).contains("a run would send first to " + requests);
        String text = Files.readString(first);
        assertThat(text).doesNotContain(Fakes.KEY);
        JsonNode file = JsonFiles.readJson(first);
        assertThat(file.at("/headers/x-api-key").asText()).isEqualTo("***");
        assertThat(file.get("url").asText()).isEqualTo(fake.anthropicBaseUrl() + "/v1/messages");
        assertThat(file.at("/body/model").asText()).isEqualTo("claude-sonnet-5-5");
        assertThat(file.at("/body/messages/0/content/1/text").asText()).contains("生成 5 条全新的数据");
        assertThat(recipe.resolve("11_合成数据/synthetic.json")).doesNotExist();
        assertThat(recipe.resolve("11_合成数据/synthetic.journal.jsonl")).doesNotExist();

        HttpResponse<String> sent = send(file, Fakes.KEY);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        assertThat(fake.requests().get(0).maxTokens()).isEqualTo(file.at("/body/max_tokens").asInt());
      }
    }

    @Test
    void writesAnOpenAiRequestWithTheBearerKeyMasked() throws Exception {
      Path recipe = example("recipe_demo", dir);
      try (FakeProvider fake = Fakes.serving(Fakes.RECIPE_DEMO)) {
        Cli.Result r = Fakes.openAi(Cli.in(dir), fake).run("generate", recipe.toString(), "-n", "7", "-p", "openai",
            "--dry-run", "--show-prompts");

        assertThat(r.code()).as(r.describe()).isZero();
        JsonNode file = JsonFiles.readJson(recipe.resolve("11_合成数据/synthetic.requests/request-001.json"));
        assertThat(file.at("/headers/authorization").asText()).isEqualTo("Bearer ***");
        assertThat(file.at("/body/model").asText()).isEqualTo("gpt-5-mini");
        HttpResponse<String> sent = send(file, Fakes.KEY);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
      }
    }
  }

  @Nested
  class WhenSomethingIsOff {
    @Test
    void worksWithoutAKeyAndSaysARunWouldStop() {
      Path zh = example("instruction_zh", dir);
      Path out = dir.resolve("out.jsonl");
      Cli.Result r = Cli.in(dir).run("create", zh.resolve("schema.json").toString(),
          zh.resolve("seeds.json").toString(), "-o", out.toString(), "-n", "5", "--dry-run", "--show-prompts");

      assertThat(r.code()).as(r.describe()).isZero();
      assertThat(r.err()).contains("ANTHROPIC_API_KEY is not set");
      assertThat(dir.resolve("out.requests/request-001.json")).exists();
      assertThat(out).doesNotExist();
    }

    @Test
    void refusesToReplaceEarlierRequestsWithoutForce() throws Exception {
      Path zh = example("instruction_zh", dir);
      Path earlier = Files.createDirectories(dir.resolve("out.requests")).resolve("request-001.json");
      Files.writeString(earlier, "{}");
      String[] args = {"create", zh.resolve("schema.json").toString(), zh.resolve("seeds.json").toString(), "-o",
          dir.resolve("out.json").toString(), "--dry-run", "--show-prompts"};

      Cli.Result refused = Cli.in(dir).run(args);
      assertThat(refused.code()).as(refused.describe()).isEqualTo(ExitCode.USAGE);
      assertThat(refused.err()).contains("out.requests").contains("--force");
      assertThat(Files.readString(earlier)).isEqualTo("{}");

      String[] forced = java.util.Arrays.copyOf(args, args.length + 1);
      forced[args.length] = "--force";
      assertThat(Cli.in(dir).run(forced).code()).isZero();
      assertThat(JsonFiles.readJson(earlier).get("method").asText()).isEqualTo("POST");
    }

    @Test
    void isRefusedWithoutDryRun() {
      Path zh = example("instruction_zh", dir);
      Cli.Result r = Cli.in(dir).run("create", zh.resolve("schema.json").toString(),
          zh.resolve("seeds.json").toString(), "-o", dir.resolve("out.json").toString(), "--show-prompts");

      assertThat(r.code()).isEqualTo(ExitCode.USAGE);
      assertThat(r.err()).contains("--show-prompts only acts with --dry-run");
      assertThat(dir.resolve("out.requests")).doesNotExist();
    }
  }
}
