package io.datasynth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordSourceTest {

  private static ObjectNode record(String key, String value) {
    ObjectNode node = FakeClient.MAPPER.createObjectNode();
    node.put(key, value);
    return node;
  }

  @Nested
  class Counter {

    @Test
    void numbersEveryStringHoldingThePlaceholderIncludingNestedOnes() {
      ObjectNode template = record("id", "item-{n}");
      template.putObject("meta").put("label", "#{n} of many");
      template.putArray("tags").add("t{n}").add("fixed");
      template.put("count", 3);

      List<ObjectNode> records = RecordSource.counter(template).next(2, new SplittableRandom(1));

      assertThat(records.get(0).toString())
          .isEqualTo("{\"id\":\"item-1\",\"meta\":{\"label\":\"#1 of many\"},\"tags\":[\"t1\",\"fixed\"],\"count\":3}");
      assertThat(records.get(1).path("id").asText()).isEqualTo("item-2");
      assertThat(template.path("id").asText()).isEqualTo("item-{n}");
    }

    @Test
    void givesUniqueNumbersAcrossThreads() throws Exception {
      RecordSource counter = RecordSource.counter(record("id", "{n}"));
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<List<ObjectNode>>> batches = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          batches.add(pool.submit(() -> counter.next(5, new SplittableRandom(0))));
        }
        Set<String> ids = new HashSet<>();
        for (Future<List<ObjectNode>> batch : batches) {
          batch.get().forEach(r -> ids.add(r.path("id").asText()));
        }
        assertThat(ids).hasSize(1000).contains("1", "1000");
      } finally {
        pool.shutdownNow();
      }
    }

    @Test
    void rejectsATemplateWithoutThePlaceholder() {
      assertThatThrownBy(() -> RecordSource.counter(record("id", "same")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("{n}");
    }
  }

  @Nested
  class Pool {

    private final List<ObjectNode> five =
        List.of(record("k", "a"), record("k", "b"), record("k", "c"), record("k", "d"), record("k", "e"));

    @Test
    void drawsEveryRecordOnceBeforeRepeatingAny() {
      RecordSource pool = RecordSource.pool(five);
      SplittableRandom random = new SplittableRandom(3);

      List<ObjectNode> firstRound = pool.next(5, random);
      List<ObjectNode> secondRound = pool.next(5, random);

      assertThat(firstRound).containsExactlyInAnyOrderElementsOf(five);
      assertThat(secondRound).containsExactlyInAnyOrderElementsOf(five);
    }

    @Test
    void shufflesTheSameWayForTheSameSeed() {
      List<ObjectNode> a = RecordSource.pool(five).next(5, new SplittableRandom(9));
      List<ObjectNode> b = RecordSource.pool(five).next(5, new SplittableRandom(9));

      assertThat(a).isEqualTo(b);
      assertThat(a).isNotEqualTo(five);
    }

    @Test
    void handsOutCopiesSoCallersCannotSpoilThePool() {
      RecordSource pool = RecordSource.pool(List.of(record("k", "a")));

      pool.next(1, new SplittableRandom(1)).get(0).put("k", "changed");

      assertThat(pool.next(1, new SplittableRandom(1)).get(0).path("k").asText()).isEqualTo("a");
    }

    @Test
    void rejectsAnEmptyPool() {
      assertThatThrownBy(() -> RecordSource.pool(Collections.emptyList()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("empty");
    }
  }

  @Nested
  class FromJsonl {

    @Test
    void readsOneObjectPerLineSkippingBlankLines(@TempDir Path dir) throws IOException {
      Path file = dir.resolve("records.jsonl");
      Files.writeString(file, "{\"q\":\"一\"}\n\n{\"q\":\"two\"}\n", StandardCharsets.UTF_8);

      List<ObjectNode> records = RecordSource.fromJsonl(file).next(2, new SplittableRandom(1));

      assertThat(records).extracting(r -> r.path("q").asText()).containsExactlyInAnyOrder("一", "two");
    }

    @Test
    void namesTheLineThatIsNotAnObject(@TempDir Path dir) throws IOException {
      Path file = dir.resolve("records.jsonl");
      Files.writeString(file, "{\"q\":1}\n[1,2]\n");

      assertThatThrownBy(() -> RecordSource.fromJsonl(file))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("line 2")
          .hasMessageContaining("not an object");
    }

    @Test
    void namesTheLineThatIsNotJson(@TempDir Path dir) throws IOException {
      Path file = dir.resolve("records.jsonl");
      Files.writeString(file, "{\"q\":1}\n{oops\n");

      assertThatThrownBy(() -> RecordSource.fromJsonl(file))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("line 2");
    }
  }
}
