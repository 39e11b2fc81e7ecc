package io.datasynth.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.metrics.DatasetMetrics.FieldKind;
import io.datasynth.metrics.DatasetMetrics.FieldMetrics;
import io.datasynth.metrics.DatasetMetrics.ValueShare;
import io.datasynth.quality.RecordText;
import io.datasynth.schema.Constraints;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.Schema;
import io.datasynth.seed.Seed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MetricsCollectorTest {
  static final Field INTENT = new Field("intent", "意图", FieldType.TEXT, "", true, new Constraints(null, null,
      List.of(Json.mapper().getNodeFactory().textNode("退换货"), Json.mapper().getNodeFactory().textNode("物流"),
          Json.mapper().getNodeFactory().textNode("发票")), null, null, null), null);
  static final Schema SCHEMA = new Schema("客服", "", List.of(Field.of("question", FieldType.TEXT), INTENT),
      List.of());

  static ObjectNode record(String question, String intent) {
    ObjectNode o = Json.object();
    o.put("question", question);
    o.put("intent", intent);
    return o;
  }

  static FieldMetrics field(DatasetMetrics m, String name) {
    return m.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }

  static DatasetMetrics measure(List<ObjectNode> records, List<Seed> seeds) {
    try (MetricsCollector c = MetricsCollector.builder(SCHEMA).seeds(seeds).build()) {
      for (int i = 0; i < records.size(); i++) {
        c.add("SYNTH_" + (i + 1), records.get(i), null);
      }
      return c.result();
    }
  }

  static List<Seed> seeds(String... questions) {
    List<Seed> out = new ArrayList<>();
    for (int i = 0; i < questions.length; i++) {
      out.add(new Seed(i, "seed_" + (i + 1), record(questions[i], "退换货")));
    }
    return out;
  }

  @Nested
  class Diversity {
    @Test
    void countsDistinctCharacterUnigramsAndBigramsOfChineseText() {
      DatasetMetrics m = measure(List.of(record("你好你好", "物流"), record("你们好", "物流")), List.of());

      FieldMetrics q = field(m, "question");
      assertThat(q.kind()).isEqualTo(FieldKind.TEXT);
      assertThat(q.records().tokens()).isEqualTo(7);
      // 你 好 们 of 7 characters; 你好 好你 你们 们好 of 5 pairs (no pair crosses two values).
      assertThat(q.records().distinct1()).isCloseTo(3 / 7.0, within(1e-9));
      assertThat(q.records().distinct2()).isCloseTo(4 / 5.0, within(1e-9));
      assertThat(q.records().exact()).isTrue();
    }

    @Test
    void measuresTheSeedsSeparatelyFromTheRecords() {
      DatasetMetrics m = measure(List.of(record("一二三四", "物流")), seeds("重复重复"));

      FieldMetrics q = field(m, "question");
      assertThat(q.records().distinct1()).isEqualTo(1.0);
      assertThat(q.seeds().distinct1()).isCloseTo(2 / 4.0, within(1e-9));
    }

    @Test
    void recordsThatRepeatThemselvesScoreLowerThanVariedOnes() {
      List<ObjectNode> same = new ArrayList<>();
      List<ObjectNode> varied = new ArrayList<>();
      String alphabet = "春夏秋冬东南西北上下左右前后内外金木水火土日月星辰山川河海";
      for (int i = 0; i < 20; i++) {
        same.add(record("请问怎么退货", "退换货"));
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < 6; j++) {
          sb.append(alphabet.charAt((i * 7 + j * 5) % alphabet.length()));
        }
        varied.add(record(sb.toString(), "退换货"));
      }
      double low = field(measure(same, List.of()), "question").records().distinct2();
      double high = field(measure(varied, List.of()), "question").records().distinct2();
      assertThat(low).isLessThan(high);
      assertThat(measure(same, List.of()).selfSimilarity().mean()).isEqualTo(1.0);
    }
  }

  @Nested
  class SelfSimilarity {
    @Test
    void isTheMeanJaccardOverEveryPairOfASmallDataset() {
      List<ObjectNode> records = List.of(record("我想退货可以吗", "退换货"), record("我想退货怎么办", "退换货"),
          record("发票什么时候开", "发票"));
      DatasetMetrics m = measure(records, List.of());

      RecordText text = new RecordText(SCHEMA);
      double sum = 0;
      for (int i = 0; i < 3; i++) {
        for (int j = i + 1; j < 3; j++) {
          sum += GramSet.of(text.of(records.get(i))).jaccard(GramSet.of(text.of(records.get(j))));
        }
      }
      assertThat(m.selfSimilarity().sampled()).isEqualTo(3);
      assertThat(m.selfSimilarity().pairs()).isEqualTo(3);
      assertThat(m.selfSimilarity().mean()).isCloseTo(sum / 3, within(1e-9));
      assertThat(m.selfSimilarity().mostSimilar().get(0).a().id()).isEqualTo("SYNTH_1");
      assertThat(m.selfSimilarity().mostSimilar().get(0).b().id()).isEqualTo("SYNTH_2");
    }

    @Test
    void comparesABoundedSampleOfALargeDataset() {
      List<ObjectNode> records = new ArrayList<>();
      for (int i = 0; i < 3 * SimilaritySample.SIZE; i++) {
        records.add(record("第" + i + "个问题：订单" + (i * 37 % 1000) + "的物流", "物流"));
      }
      DatasetMetrics m = measure(records, List.of());

      assertThat(m.records()).isEqualTo(records.size());
      assertThat(m.selfSimilarity().sampled()).isEqualTo(SimilaritySample.SIZE);
      assertThat(m.selfSimilarity().pairs()).isEqualTo((long) SimilaritySample.SIZE * (SimilaritySample.SIZE - 1) / 2);
      assertThat(m.samples()).hasSize(MetricsCollector.SAMPLES);
    }

    @Test
    void groupsNearIdenticalRecordsIntoAClusterAndGivesTheSameResultForTheSameSeed() {
      List<ObjectNode> records = List.of(record("这件衣服尺码不合适想换大一号", "退换货"),
          record("这件衣服尺码不合适想换小一号", "退换货"), record("快递三天了还没到", "物流"));
      DatasetMetrics m = measure(records, List.of());

      assertThat(m.selfSimilarity().clusters()).hasSize(1);
      assertThat(m.selfSimilarity().clusters().get(0).size()).isEqualTo(2);
      assertThat(measure(records, List.of())).isEqualTo(m);
    }

    @Test
    void hasNoPairsWithOneRecord() {
      DatasetMetrics m = measure(List.of(record("只有一条", "物流")), List.of());
      assertThat(m.selfSimilarity().pairs()).isZero();
      assertThat(m.selfSimilarity().mean()).isZero();
      assertThat(m.selfSimilarity().mostSimilar()).isEmpty();
    }
  }

  @Nested
  class SeedCopyGuard {
    @Test
    void countsEverySeedThatComesBackAsARecord() {
      List<Seed> seeds = seeds("我买的鞋子不合脚可以退吗", "退货运费谁来承担呢", "换货需要多长时间");
      List<ObjectNode> records = List.of(seeds.get(0).data().deepCopy(), record("发票抬头写错了怎么改", "发票"),
          seeds.get(2).data().deepCopy());
      DatasetMetrics m = measure(records, seeds);

      assertThat(m.seedSimilarity().seedCopies()).isEqualTo(2);
      assertThat(m.seedSimilarity().max()).isEqualTo(1.0);
      assertThat(m.seedSimilarity().closest().get(0).copy()).isTrue();
      assertThat(m.seedSimilarity().closest()).filteredOn(DatasetMetrics.SeedMatch::copy)
          .extracting(DatasetMetrics.SeedMatch::seed).containsExactlyInAnyOrder("seed_1", "seed_3");
      assertThat(m.seedSimilarity().histogram().get(9)).isEqualTo(2);
    }

    @Test
    void countsNoCopyWhenRecordsOnlyResembleTheSeeds() {
      List<Seed> seeds = seeds("我买的鞋子不合脚可以退吗");
      DatasetMetrics m = measure(List.of(record("我买的裤子太长了可以退吗", "退换货")), seeds);

      assertThat(m.seedSimilarity().seedCopies()).isZero();
      assertThat(m.seedSimilarity().max()).isBetween(0.0, 0.8);
      assertThat(m.seedSimilarity().mean()).isPositive();
      assertThat(m.seedSimilarity().closest()).singleElement()
          .satisfies(c -> assertThat(c.seed()).isEqualTo("seed_1"));
    }

    @Test
    void catchesACopyThatDiffersOnlyInSpacingAndCase() {
      List<Seed> seeds = seeds("Can I return these shoes?");
      DatasetMetrics m = measure(List.of(record("can  I RETURN these shoes?", "退换货")), seeds);
      assertThat(m.seedSimilarity().seedCopies()).isEqualTo(1);
    }

    @Test
    void givesTheSameResultWithoutLookingWhenARunRuledCopiesOut() {
      List<Seed> seeds = seeds("我买的鞋子不合脚可以退吗", "退货运费谁来承担呢");
      List<ObjectNode> records = List.of(record("我买的裤子太长了可以退吗", "退换货"), record("发票抬头写错了怎么改", "发票"),
          record("退货的运费由谁来承担", "退换货"));
      DatasetMetrics looked = measure(records, seeds);
      DatasetMetrics told;
      try (MetricsCollector c = MetricsCollector.builder(SCHEMA).seeds(seeds).seedCopiesRuledOut(true).build()) {
        for (int i = 0; i < records.size(); i++) {
          c.add("SYNTH_" + (i + 1), records.get(i), null);
        }
        told = c.result();
      }

      assertThat(looked.seedSimilarity().seedCopies()).isZero();
      assertThat(told).isEqualTo(looked);
    }

    @Test
    void isAbsentWithoutSeeds() {
      assertThat(measure(List.of(record("没有种子", "物流")), List.of()).seedSimilarity()).isNull();
    }
  }

  @Nested
  class Distributions {
    @Test
    void countsEnumValuesOfSeedsRecordsAndThePlansTarget() {
      List<ObjectNode> records = List.of(record("甲", "退换货"), record("乙", "退换货"), record("丙", "物流"));
      DatasetMetrics m;
      try (MetricsCollector c = MetricsCollector.builder(SCHEMA).seeds(seeds("丁"))
          .targets(Map.of("intent", Map.of("退换货", 1.0, "物流", 1.0, "发票", 1.0))).build()) {
        for (int i = 0; i < records.size(); i++) {
          c.add("#" + (i + 1), records.get(i), null);
        }
        m = c.result();
      }

      FieldMetrics intent = field(m, "intent");
      assertThat(intent.kind()).isEqualTo(FieldKind.CATEGORICAL);
      assertThat(intent.values()).containsExactly(new ValueShare("退换货", 1, 2, 1.0), new ValueShare("物流", 0, 1, 1.0),
          new ValueShare("发票", 0, 0, 1.0));
    }

    @Test
    void comparesTextLengthsOfSeedsAndRecordsInCharacters() {
      DatasetMetrics m = measure(List.of(record("一二三四五六", "物流"), record("一二", "物流")), seeds("一二三"));

      var lengths = field(m, "question").lengths();
      assertThat(lengths.records().max()).isEqualTo(6);
      assertThat(lengths.records().mean()).isEqualTo(4.0);
      assertThat(lengths.seeds().max()).isEqualTo(3);
    }

    @Test
    void aFreeTextFieldIsNotTreatedAsALabel() {
      List<ObjectNode> records = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        records.add(record("问题" + i, "物流"));
      }
      assertThat(field(measure(records, List.of()), "question").kind()).isEqualTo(FieldKind.TEXT);
    }
  }

  @Nested
  class JudgeScores {
    @Test
    void summarisesTheScoresInTheRecordsProvenance() {
      DatasetMetrics m;
      try (MetricsCollector c = MetricsCollector.builder(SCHEMA).build()) {
        double[] scores = {1, 0.5, 1, 0};
        for (int i = 0; i < scores.length; i++) {
          ObjectNode prov = Json.object();
          prov.put("judge_score", scores[i]);
          c.add("SYNTH_" + (i + 1), record("问题" + i, "物流"), prov);
        }
        c.add("SYNTH_5", record("没评分", "物流"), null);
        m = c.result();
      }

      assertThat(m.judge().judged()).isEqualTo(4);
      assertThat(m.judge().mean()).isEqualTo(0.625);
      assertThat(m.judge().distribution()).containsExactly(Map.entry(0.0, 1L), Map.entry(0.5, 1L),
          Map.entry(1.0, 2L));
      assertThat(m.judge().lowest().get(0).record().id()).isEqualTo("SYNTH_4");
    }

    @Test
    void isAbsentWhenNoRecordWasJudged() {
      assertThat(measure(List.of(record("问题", "物流")), List.of()).judge()).isNull();
    }
  }
}
