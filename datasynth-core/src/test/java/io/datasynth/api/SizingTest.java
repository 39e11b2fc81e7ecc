package io.datasynth.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.cost.TokenCounter;
import io.datasynth.json.Json;
import io.datasynth.schema.Constraints;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.Schema;
import io.datasynth.seed.Seed;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SizingTest {
  static final Schema SCHEMA = new Schema("p", "", List.of(new Field("text", "text", FieldType.TEXT, "", true,
      Constraints.NONE, null)), List.of());
  static final TokenCounter COUNTER = TokenCounter.of(io.datasynth.model.ModelProfiles.bundled().lookup(io.datasynth.provider.ProviderKind.OPENAI, "gpt-4o"), "gpt-4o");

  static Seed seed(int i, String text) {
    ObjectNode o = Json.object();
    o.put("text", text);
    return new Seed(i, "s" + i, o);
  }

  static List<Seed> seeds(int n, int longAt, String longText) {
    List<Seed> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(seed(i + 1, i == longAt ? longText : "a short seed number " + i));
    }
    return out;
  }

  @Nested
  class AFewSeeds {
    @Test
    void areMeasuredEveryOne() {
      List<Seed> few = seeds(10, 7, "word ".repeat(300));
      assertThat(Sizing.maxTokensPerRecord(SCHEMA, few, COUNTER)).isGreaterThan(300);
    }
  }

  @Nested
  class ManySeeds {
    @Test
    void stillFindTheLongestOneForTheMaximum() {
      List<Seed> many = seeds(50_000, 31_337, "word ".repeat(300));
      List<Seed> chinese = seeds(50_000, 41_000, "机器学习".repeat(150));

      assertThat(Sizing.maxTokensPerRecord(SCHEMA, many, COUNTER)).isGreaterThan(300);
      assertThat(Sizing.maxTokensPerRecord(SCHEMA, chinese, COUNTER)).isGreaterThan(300);
    }

    @Test
    void averageFromAnEvenSampleNearTheTrueAverage() {
      List<Seed> many = seeds(50_000, -1, "");
      double sampled = Sizing.averageTokensPerRecord(SCHEMA, many, COUNTER);
      double exact = Sizing.averageTokensPerRecord(SCHEMA, many.subList(0, Sizing.MEASURED), COUNTER);

      assertThat(sampled).isBetween(exact * 0.9, exact * 1.1);
    }
  }
}
