package io.datasynth.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.json.Json;
import io.datasynth.parse.ParseIssue.Kind;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the corpus of messy model replies in {@code src/test/resources/replies}: each {@code NAME.txt} has a
 * {@code NAME.expected.json} with the counts a careful reader gives, optionally the schema's field names
 * ({@code fields}, default instruction and response) and the first record.
 */
class ReplyCorpusTest {
  private static final List<String> DEFAULT_FIELDS = List.of("instruction", "response");

  static Stream<String> replies() throws IOException, URISyntaxException {
    Path dir = corpus();
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt")).sorted()
          .forEach(n -> names.add(n.substring(0, n.length() - ".txt".length())));
    }
    return names.stream();
  }

  @Test
  void corpusHasAtLeastTwentyFiveRepliesEachWithExpectations() throws Exception {
    List<String> names = replies().toList();
    assertThat(names).hasSizeGreaterThanOrEqualTo(25);
    for (String name : names) {
      assertThat(corpus().resolve(name + ".expected.json")).as(name).exists();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("replies")
  void replyGivesTheCountsACarefulReaderWould(String name) throws Exception {
    Path dir = corpus();
    String reply = Files.readString(dir.resolve(name + ".txt"), StandardCharsets.UTF_8);
    JsonNode expected = Json.mapper().readTree(dir.resolve(name + ".expected.json").toFile());
    List<String> fields = new ArrayList<>(DEFAULT_FIELDS);
    if (expected.has("fields")) {
      fields.clear();
      expected.get("fields").forEach(f -> fields.add(f.asText()));
    }

    ParsedReply parsed = new ReplyParser(fields).parse(reply);

    assertThat(counts(parsed)).as("%s: %s", name, parsed.issues()).isEqualTo(List.of(
        expected.get("records").asInt(), expected.get("malformed").asInt(),
        expected.get("not_an_object").asInt(), expected.get("truncated").asInt(),
        expected.get("no_json").asInt()));
    assertThat(parsed.truncated()).isEqualTo(expected.get("truncated").asInt() > 0);
    if (expected.has("first")) {
      assertThat(parsed.records().get(0)).isEqualTo(expected.get("first"));
    }
  }

  private static List<Integer> counts(ParsedReply p) {
    return List.of(p.records().size(), p.count(Kind.MALFORMED), p.count(Kind.NOT_AN_OBJECT),
        p.count(Kind.TRUNCATED), p.count(Kind.NO_JSON));
  }

  private static Path corpus() throws URISyntaxException {
    return Path.of(ReplyCorpusTest.class.getResource("/replies").toURI());
  }
}
