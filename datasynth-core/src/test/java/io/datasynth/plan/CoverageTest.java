package io.datasynth.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasynth.error.ConfigException;
import io.datasynth.json.Json;
import io.datasynth.schema.Schema;
import io.datasynth.schema.SchemaReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CoverageTest {
  static final Schema SCHEMA = schema("""
      {"fields": [
        {"name": "question", "type": "string"},
        {"name": "intent", "type": "string", "constraints": {"enum": ["查询物流", "退换货", "商品咨询"]}},
        {"name": "urgent", "type": "bool"},
        {"name": "stars", "type": "int", "constraints": {"min": 1, "max": 5}}]}""");

  static Schema schema(String json) {
    try {
      return SchemaReader.fromJson(Json.mapper().readTree(json), null);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  static Plan plan(String... balance) {
    List<Balance> b = new ArrayList<>();
    for (String s : balance) {
      b.add(Balance.parse(s));
    }
    return Plan.resolve(SCHEMA, new PlanSettings(b, List.of(), false), Set.of());
  }

  /** Draws batches and delivers every record whose field the "model" set to {@code leaned} unless the plan fixed it. */
  static Coverage run(Plan plan, int total, long seed) {
    Coverage c = new Coverage(plan, total, seed);
    long delivered = 0;
    for (long batch = 0; delivered < total && batch < 10_000; batch++) {
      Coverage.Draw d = c.next(batch, 5, 1.0);
      c.settle(d);
      for (int i = 0; i < d.size() && delivered < total; i++) {
        Map<String, String> labels = d.combination().labels();
        if (c.wants(labels)) {
          c.delivered(labels);
          delivered++;
        }
      }
    }
    return c;
  }

  @Nested
  class BalancingAnEnum {
    @Test
    void hitsEveryValuesShareExactly() {
      Coverage c = run(plan("intent"), 31, 1);
      assertThat(c.maxDeviation()).isZero();
      assertThat(c.toJson().get("axes").get(0).get("values")).hasSize(3);
    }

    @Test
    void asksForMoreRecordsAtOnceForAValueTheModelRarelyWrites() {
      Coverage c = new Coverage(plan("intent=查询物流:0.5,退换货:0.5"), 4, 1);
      c.delivered(Map.of("intent", "查询物流"));
      c.delivered(Map.of("intent", "查询物流"));
      List<Integer> sizes = new ArrayList<>();
      for (int batch = 0; batch < 5; batch++) {
        Coverage.Draw d = c.next(batch, 10, 1.0);
        assertThat(d.combination().labels()).containsEntry("intent", "退换货");
        sizes.add(d.size());
        c.answered(d, 0);
      }
      // Two records missing; the value's yield is (0 + 5 × 1.0) / (asked + 5): 1, 5/7, 1/2, 5/14, 1/4.
      assertThat(sizes).containsExactly(2, 3, 4, 6, 8);
      Coverage.Draw capped = c.next(5, 10, 1.0);
      assertThat(capped.size()).as("never more than the batch size").isEqualTo(10);
      c.settle(capped);
      assertThat(c.next(6, 20, 1.0).size()).as("a batch given up on teaches nothing: 2 / (5/28)").isEqualTo(12);
    }

    @Test
    void sharesOutTheRemainderByLargestRemainders() {
      Coverage c = new Coverage(plan("intent=查询物流:0.5,退换货:0.3,商品咨询:0.2"), 10, 3);
      Map<String, Long> targets = new HashMap<>();
      c.toJson().get("axes").get(0).get("values").forEach(v -> targets.put(v.get("label").asText(),
          v.get("target").asLong()));
      assertThat(targets).containsEntry("查询物流", 5L).containsEntry("退换货", 3L).containsEntry("商品咨询", 2L);
    }

    @Test
    void drawsTheSameCombinationsForTheSameSeed() {
      Plan p = plan("intent", "urgent");
      List<String> a = new ArrayList<>();
      List<String> b = new ArrayList<>();
      Coverage x = new Coverage(p, 40, 9);
      Coverage y = new Coverage(p, 40, 9);
      for (int i = 0; i < 8; i++) {
        a.add(x.next(i, 5, 1.0).combination().labels().toString());
        b.add(y.next(i, 5, 1.0).combination().labels().toString());
      }
      assertThat(a).isEqualTo(b);
      assertThat(Set.copyOf(a)).as("the draws spread over the combinations").hasSizeGreaterThan(3);
    }

    @Test
    void wantsNoRecordOfAValueThatReachedItsTarget() {
      Coverage c = new Coverage(plan("intent"), 3, 1);
      c.delivered(Map.of("intent", "退换货"));
      assertThat(c.wants(Map.of("intent", "退换货"))).isFalse();
      assertThat(c.wants(Map.of("intent", "查询物流"))).isTrue();
      c.withdrawn(Map.of("intent", "退换货"));
      assertThat(c.wants(Map.of("intent", "退换货"))).isTrue();
    }
  }

  @Nested
  class TheSchemasOtherAxes {
    @Test
    void balancesBooleansAndSmallIntegerRangesValueByValue() {
      Plan p = plan("urgent", "stars");
      assertThat(p.axes().get(0).values()).extracting(AxisValue::label).containsExactly("true", "false");
      assertThat(p.axes().get(1).values()).extracting(AxisValue::label).containsExactly("1", "2", "3", "4", "5");
      assertThat(run(p, 20, 2).maxDeviation()).isZero();
    }

    @Test
    void balanceAllTakesEveryBalanceableField() {
      assertThat(plan("all").axes()).extracting(Axis::name).containsExactly("intent", "urgent", "stars");
    }
  }

  @Nested
  class BadSettings {
    @Test
    void anUnknownFieldIsRefusedNamingTheFieldsThereAre() {
      assertThatThrownBy(() -> plan("mood")).isInstanceOf(ConfigException.class)
          .satisfies(e -> assertThat(((ConfigException) e).detail().args()).contains("mood"));
    }

    @Test
    void aFreeTextFieldCannotBeBalanced() {
      assertThatThrownBy(() -> plan("question")).isInstanceOf(ConfigException.class);
    }

    @Test
    void aWeightThatIsNotANumberAboveZeroIsRefused() {
      assertThatThrownBy(() -> Balance.parse("intent=退换货:0")).isInstanceOf(ConfigException.class);
      assertThatThrownBy(() -> Balance.parse("intent=退换货")).isInstanceOf(ConfigException.class);
      assertThatThrownBy(() -> Balance.parse("=a:1")).isInstanceOf(ConfigException.class);
    }

    @Test
    void aConditionOnAnUnknownAxisIsRefused() {
      Axis child = new Axis("product", Axis.Source.USER, null, List.of(AxisValue.of("x", 1)), "category",
          Map.of());
      assertThatThrownBy(() -> Plan.resolve(SCHEMA, new PlanSettings(List.of(), List.of(child), false), Set.of()))
          .isInstanceOf(ConfigException.class);
    }
  }

  @Nested
  class ConditionalAxes {
    @Test
    void drawAChildValueFromTheListOfTheParentsValue() {
      Axis parent = Axis.of("category", Axis.Source.USER, null, List.of(AxisValue.of("服装", 1),
          AxisValue.of("数码", 1)));
      Axis child = new Axis("product", Axis.Source.USER, null, List.of(), "category", Map.of(
          "服装", List.of(AxisValue.of("T恤", 1), AxisValue.of("外套", 1)),
          "数码", List.of(AxisValue.of("耳机", 1))));
      Plan p = Plan.resolve(SCHEMA, new PlanSettings(List.of(), List.of(child, parent), false), Set.of());
      assertThat(p.axes()).extracting(Axis::name).containsExactly("category", "product");
      Coverage c = new Coverage(p, 20, 4);
      for (int i = 0; i < 10; i++) {
        Map<String, String> labels = c.next(i, 2, 1.0).combination().labels();
        if (labels.get("category").equals("数码")) {
          assertThat(labels.get("product")).isEqualTo("耳机");
        } else {
          assertThat(labels.get("product")).isIn("T恤", "外套");
        }
      }
    }
  }
}
