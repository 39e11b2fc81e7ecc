package io.datasynth.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.schema.Constraints;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.Schema;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class QualityGateTest {
  private static final Schema SCHEMA = new Schema("qa", "", List.of(Field.of("question", FieldType.TEXT),
      new Field("quality", "quality", FieldType.INT, "", true, new Constraints(1.0, 5.0, null, null, null, null),
          null)), List.of());

  private final QualityGate gate = new QualityGate(SCHEMA, 0.8);

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) Json.mapper().readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  @Nested
  class WhenTheCandidateIsGood {
    @Test
    void acceptsTheCleanedRecordAndRemembersIt() {
      Verdict v = gate.admit(json("{\"quality\": \"4\", \"question\": \"Why is the sky blue?\", \"x\": 1}"), 1);

      assertThat(v).isEqualTo(new Verdict.Accepted(json("{\"question\": \"Why is the sky blue?\", \"quality\": 4}")));
      assertThat(gate.deduplicator().size()).isEqualTo(1);
    }
  }

  @Nested
  class WhenTheCandidateIsBad {
    @Test
    void rejectsWithTheFirstViolationAndRemembersNothing() {
      Verdict v = gate.admit(json("{\"quality\": 10}"), 1);

      assertThat(v).isEqualTo(new Verdict.Rejected(Rule.MISSING, "question", "missing required field: question"));
      assertThat(gate.deduplicator().size()).isZero();
    }

    @Test
    void rejectsSomethingThatIsNotAnObject() {
      assertThat(gate.admit(null, 1)).isInstanceOf(Verdict.Rejected.class)
          .extracting(v -> ((Verdict.Rejected) v).rule()).isEqualTo(Rule.NOT_AN_OBJECT);
    }
  }

  @Nested
  class WhenTheCandidateRepeatsAnEarlierOne {
    @Test
    void callsItADuplicateOfTheFirstOrdinal() {
      gate.admit(json("{\"question\": \"Why is the sky blue?\", \"quality\": 4}"), 1);

      Verdict v = gate.admit(json("{\"question\": \" why is the SKY blue? \", \"quality\": 4.0}"), 2);

      assertThat(v).isEqualTo(new Verdict.Duplicate(Deduplicator.Match.ofRecord(1, true, 1.0)));
      assertThat(gate.deduplicator().size()).isEqualTo(1);
    }
  }
}
