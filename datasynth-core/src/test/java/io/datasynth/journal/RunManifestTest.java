package io.datasynth.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunManifestTest {
  static List<JsonNode> seeds() {
    List<JsonNode> out = new ArrayList<>();
    String[] texts = {"plain", "中文 指令", "emoji 😀 and \u0007 control", "quote \" backslash \\ slash /", ""};
    for (int i = 0; i < 200; i++) {
      ObjectNode o = Json.object();
      o.put("text", texts[i % texts.length] + " " + i);
      o.put("n", i * 0.5);
      o.putArray("tags").add("a").add(i);
      out.add(o);
    }
    return out;
  }

  @Test
  void hashingSeedsOneByOneGivesTheHashOfTheirConcatenationSoOldManifestsStillMatch() {
    List<JsonNode> seeds = seeds();
    String concatenated = seeds.stream().map(Json::compact).reduce("", String::concat);

    RunManifest streamed = RunManifest.builder().hashJson("seeds", seeds).build();
    RunManifest joined = RunManifest.builder().hash("seeds", concatenated).build();

    assertThat(streamed.settings().get("seeds")).isEqualTo(joined.settings().get("seeds"));
    assertThat(streamed.differences(joined)).isEmpty();
  }

  @Test
  void anyChangeInTheSeedsChangesTheHash() {
    List<JsonNode> seeds = seeds();
    List<JsonNode> changed = new ArrayList<>(seeds);
    changed.set(7, ((ObjectNode) seeds.get(7).deepCopy()).put("text", "changed"));

    assertThat(RunManifest.builder().hashJson("seeds", changed).build().differences(
        RunManifest.builder().hashJson("seeds", seeds).build())).containsExactly("seeds");
  }

  @Test
  void noSeedsHashLikeTheEmptyText() {
    assertThat(RunManifest.builder().hashJson("seeds", List.of()).build().settings().get("seeds"))
        .isEqualTo(RunManifest.builder().hash("seeds", "").build().settings().get("seeds"));
  }
}
