package io.datasynth.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.schema.Constraints;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.Schema;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordValidatorTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  static Field field(String name, FieldType type) {
    return Field.of(name, type);
  }

  static Field field(String name, FieldType type, Constraints c) {
    return new Field(name, name, type, "", true, c, null);
  }

  static Field optional(String name, FieldType type) {
    return new Field(name, name, type, "", false, Constraints.NONE, null);
  }

  static Field list(String name, FieldType itemType, Integer minItems, Integer maxItems) {
    return new Field(name, name, FieldType.LIST, "", true,
        new Constraints(null, null, null, minItems, maxItems, null), itemType);
  }

  static Constraints range(Double min, Double max) {
    return new Constraints(min, max, null, null, null, null);
  }

  static Constraints allowed(JsonNode... values) {
    return new Constraints(null, null, List.of(values), null, null, null);
  }

  static Constraints length(Integer min, Integer max) {
    return new Constraints(null, null, null, min, max, null);
  }

  static Constraints pattern(String regex) {
    return new Constraints(null, null, null, null, null, regex);
  }

  static RecordValidator validator(Field... fields) {
    return new RecordValidator(new Schema("test", "", List.of(fields), List.of()));
  }

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) Json.mapper().readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  static ObjectNode valid(Validation v) {
    assertThat(v).isInstanceOf(Validation.Valid.class);
    return ((Validation.Valid) v).record();
  }

  static List<Violation> violations(Validation v) {
    assertThat(v).isInstanceOf(Validation.Invalid.class);
    return ((Validation.Invalid) v).violations();
  }

  /** A violation as the English a user reads. */
  record Seen(String field, Rule rule, String message) {}

  static List<Seen> seen(Validation v) {
    return violations(v).stream().map(x -> new Seen(x.field(), x.rule(), x.message())).toList();
  }

  static String message(Validation v) {
    return violations(v).get(0).message();
  }

  @Nested
  class WhenTheCandidateIsNotAnObject {
    private final RecordValidator validator = validator(field("q", FieldType.TEXT));

    @Test
    void rejectsNullAListAndAString() {
      assertThat(seen(validator.validate(null))).singleElement()
          .isEqualTo(new Seen("", Rule.NOT_AN_OBJECT, "record is null, not an object"));
      assertThat(message(validator.validate(NODES.arrayNode()))).isEqualTo("record is a list, not an object");
      assertThat(message(validator.validate(NODES.textNode("x")))).isEqualTo("record is a string, not an object");
    }
  }

  @Nested
  class WhenFieldsAreMissing {
    private final RecordValidator validator =
        validator(field("id", FieldType.INT), field("question", FieldType.TEXT), optional("note", FieldType.TEXT),
            field("metadata", FieldType.OBJECT));

    @Test
    void rejectsAnAbsentRequiredFieldInTheOriginalWords() {
      assertThat(seen(validator.validate(json("{}")))).singleElement()
          .isEqualTo(new Seen("question", Rule.MISSING, "missing required field: question"));
    }

    @Test
    void rejectsANullRequiredField() {
      assertThat(violations(validator.validate(json("{\"question\": null}")))).extracting(Violation::rule)
          .containsExactly(Rule.MISSING);
    }

    @Test
    void neverRequiresIdOrMetadataAndLeavesThemUnchecked() {
      ObjectNode out = valid(validator.validate(json("{\"question\": \"q\", \"id\": \"not-an-int\"}")));

      assertThat(out.get("id").asText()).isEqualTo("not-an-int");
      assertThat(out.has("metadata")).isFalse();
    }

    @Test
    void dropsANullOptionalFieldFromTheOutput() {
      ObjectNode out = valid(validator.validate(json("{\"question\": \"q\", \"note\": null}")));

      assertThat(out.has("note")).isFalse();
    }
  }

  @Nested
  class WhenTextIsChecked {
    private final RecordValidator validator = validator(field("q", FieldType.TEXT), optional("hint", FieldType.TEXT));

    @Test
    void rejectsBlankRequiredTextAsEmpty() {
      assertThat(seen(validator.validate(json("{\"q\": \" \\n\\t \"}")))).singleElement()
          .isEqualTo(new Seen("q", Rule.EMPTY, "q: is empty"));
    }

    @Test
    void keepsBlankOptionalText() {
      assertThat(valid(validator.validate(json("{\"q\": \"x\", \"hint\": \"\"}"))).get("hint").asText()).isEmpty();
    }

    @Test
    void neverTurnsANumberIntoText() {
      assertThat(message(validator.validate(json("{\"q\": 5}")))).isEqualTo("q: expected text, got int");
    }
  }

  @Nested
  class WhenValuesAreCoerced {
    private final RecordValidator validator = validator(field("n", FieldType.INT), optional("x", FieldType.FLOAT),
        optional("b", FieldType.BOOL));

    @ParameterizedTest(name = "{0} becomes {1}")
    @CsvSource(delimiter = '|', value = {"5|5", "5.0|5", "\"5\"|5", "\" 5 \"|5", "\"-7\"|-7", "1e2|100",
        "12345678901|12345678901", "\"12345678901\"|12345678901"})
    void acceptsIntegralNumbersAndNumericTextForAnInt(String given, String expected) {
      JsonNode n = valid(validator.validate(json("{\"n\": " + given + "}"))).get("n");

      assertThat(n.isIntegralNumber()).isTrue();
      assertThat(n.asText()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {"5.5|float", "true|bool", "\"5.5\"|string", "\"five\"|string",
        "\"\"|string", "[5]|list", "{}|object"})
    void rejectsEverythingElseForAnInt(String given, String got) {
      assertThat(seen(validator.validate(json("{\"n\": " + given + "}")))).singleElement()
          .isEqualTo(new Seen("n", Rule.TYPE, "n: expected int, got " + got));
    }

    @Test
    void acceptsAnyNumberAndNumericTextForAFloat() {
      assertThat(valid(validator.validate(json("{\"n\": 1, \"x\": 3}"))).get("x").asInt()).isEqualTo(3);
      assertThat(valid(validator.validate(json("{\"n\": 1, \"x\": \" 2.5 \"}"))).get("x").doubleValue())
          .isEqualTo(2.5);
      assertThat(message(validator.validate(json("{\"n\": 1, \"x\": \"NaN\"}"))))
          .isEqualTo("x: expected float, got string");
      assertThat(message(validator.validate(json("{\"n\": 1, \"x\": false}"))))
          .isEqualTo("x: expected float, got bool");
    }

    @Test
    void acceptsTrueAndFalseInAnyCaseForABool() {
      assertThat(valid(validator.validate(json("{\"n\": 1, \"b\": \" TRUE \"}"))).get("b").isBoolean()).isTrue();
      assertThat(valid(validator.validate(json("{\"n\": 1, \"b\": \"False\"}"))).get("b").booleanValue())
          .isFalse();
      assertThat(message(validator.validate(json("{\"n\": 1, \"b\": \"yes\"}"))))
          .isEqualTo("b: expected bool, got string");
      assertThat(message(validator.validate(json("{\"n\": 1, \"b\": 1}")))).isEqualTo("b: expected bool, got int");
    }
  }

  @Nested
  class WhenListsAndObjectsAreChecked {
    private final RecordValidator validator =
        validator(list("tags", FieldType.INT, 1, 3), optional("meta", FieldType.OBJECT), optional("any", FieldType.LIST));

    @Test
    void coercesEveryItemToTheItemType() {
      assertThat(valid(validator.validate(json("{\"tags\": [1, \"2\", 3.0]}"))).get("tags"))
          .isEqualTo(json("{\"t\": [1, 2, 3]}").get("t"));
    }

    @Test
    void reportsEachBadItemWithItsIndex() {
      assertThat(seen(validator.validate(json("{\"tags\": [1, \"two\", true]}"))))
          .containsExactly(new Seen("tags", Rule.TYPE, "tags[1]: expected int, got string"),
              new Seen("tags", Rule.TYPE, "tags[2]: expected int, got bool"));
    }

    @Test
    void countsListLengthInItems() {
      assertThat(message(validator.validate(json("{\"tags\": []}")))).isEqualTo("tags: length 0 < min_length 1");
      assertThat(message(validator.validate(json("{\"tags\": [1, 2, 3, 4]}"))))
          .isEqualTo("tags: length 4 > max_length 3");
    }

    @Test
    void rejectsAnObjectForAListAndAListForAnObject() {
      assertThat(message(validator.validate(json("{\"tags\": {\"a\": 1}}")))).isEqualTo("tags: expected list, got object");
      assertThat(message(validator.validate(json("{\"tags\": [1], \"meta\": [1]}"))))
          .isEqualTo("meta: expected object, got list");
    }

    @Test
    void acceptsAnyItemsWhenTheListHasNoItemType() {
      assertThat(valid(validator.validate(json("{\"tags\": [1], \"any\": [1, \"a\", null, {}]}"))).get("any"))
          .hasSize(4);
    }
  }

  @Nested
  class WhenConstraintsAreChecked {
    @Test
    void rejectsANumberOutsideTheInclusiveRangeInTheOriginalWords() {
      RecordValidator v = validator(field("quality", FieldType.INT, range(1.0, 5.0)));

      assertThat(seen(v.validate(json("{\"quality\": 10}")))).singleElement()
          .isEqualTo(new Seen("quality", Rule.RANGE, "quality: 10 out of range [1, 5]"));
      assertThat(v.validate(json("{\"quality\": 1}"))).isInstanceOf(Validation.Valid.class);
      assertThat(v.validate(json("{\"quality\": \"5\"}"))).isInstanceOf(Validation.Valid.class);
      assertThat(message(v.validate(json("{\"quality\": 0}")))).isEqualTo("quality: 0 out of range [1, 5]");
    }

    @Test
    void namesTheOneBoundOfAHalfOpenRange() {
      RecordValidator v = validator(field("p", FieldType.FLOAT, range(0.5, null)), field("q", FieldType.FLOAT,
          range(null, 2.5)));

      assertThat(violations(v.validate(json("{\"p\": 0.25, \"q\": 3}")))).extracting(Violation::message)
          .containsExactly("p: 0.25 below minimum 0.5", "q: 3 above maximum 2.5");
    }

    @Test
    void rejectsAValueOutsideTheEnumInTheOriginalWords() {
      RecordValidator v = validator(field("label", FieldType.TEXT, allowed(NODES.textNode("a"), NODES.textNode("b"))));

      assertThat(seen(v.validate(json("{\"label\": \"u\"}")))).singleElement()
          .isEqualTo(new Seen("label", Rule.ENUM, "label: 'u' not in allowed values [a, b]"));
      assertThat(message(v.validate(json("{\"label\": \"A\"}")))).startsWith("label: 'A' not in");
    }

    @Test
    void comparesEnumNumbersByValueAfterCoercion() {
      RecordValidator v = validator(field("n", FieldType.INT, allowed(NODES.numberNode(1), NODES.textNode("2"))));

      assertThat(valid(v.validate(json("{\"n\": \"2\"}"))).get("n").asInt()).isEqualTo(2);
      assertThat(v.validate(json("{\"n\": 1.0}"))).isInstanceOf(Validation.Valid.class);
      assertThat(message(v.validate(json("{\"n\": 3}")))).isEqualTo("n: 3 not in allowed values [1, 2]");
    }

    @Test
    void countsTextLengthInCodePoints() {
      RecordValidator v = validator(field("t", FieldType.TEXT, length(5, 8)));

      assertThat(message(v.validate(json("{\"t\": \"ab\"}")))).isEqualTo("t: length 2 < min_length 5");
      assertThat(message(v.validate(json("{\"t\": \"abcdefghi\"}")))).isEqualTo("t: length 9 > max_length 8");
      assertThat(message(v.validate(json("{\"t\": \"你好世界\"}")))).isEqualTo("t: length 4 < min_length 5");
      assertThat(v.validate(json("{\"t\": \"机器学习很有趣\"}"))).isInstanceOf(Validation.Valid.class);
      assertThat(message(v.validate(json("{\"t\": \"😀😀😀😀\"}")))).isEqualTo("t: length 4 < min_length 5");
    }

    @Test
    void looksForAPatternMatchAnywhereUnlessAnchored() {
      RecordValidator anchored = validator(field("code", FieldType.TEXT, pattern("^\\d+$")));
      RecordValidator loose = validator(field("code", FieldType.TEXT, pattern("\\d")));

      assertThat(seen(anchored.validate(json("{\"code\": \"abc\"}")))).singleElement()
          .isEqualTo(new Seen("code", Rule.PATTERN, "code: 'abc' does not match pattern ^\\d+$"));
      assertThat(anchored.validate(json("{\"code\": \"a1b\"}"))).isInstanceOf(Validation.Invalid.class);
      assertThat(loose.validate(json("{\"code\": \"a1b\"}"))).isInstanceOf(Validation.Valid.class);
    }

    @Test
    void shortensALongValueInAMessage() {
      RecordValidator v = validator(field("code", FieldType.TEXT, pattern("^\\d+$")));

      assertThat(message(v.validate(json("{\"code\": \"" + "x".repeat(500) + "\"}")))).hasSizeLessThan(120)
          .contains("…");
    }

    @Test
    void refusesAnInvalidPatternWhenBuiltAndSaysWhichField() {
      assertThatThrownBy(() -> validator(field("code", FieldType.TEXT, pattern("(unclosed"))))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field 'code'")
          .hasMessageContaining("fix the pattern");
    }
  }

  @Nested
  class WhenTheRecordIsCleaned {
    private final RecordValidator validator = validator(field("a", FieldType.TEXT), field("b", FieldType.INT),
        field("c", FieldType.LIST), field("d", FieldType.TEXT, range(null, null)));

    @Test
    void putsFieldsInSchemaOrderAndDropsExtraKeys() {
      ObjectNode candidate = json("{\"extra\": 1, \"d\": \"x\", \"c\": [{\"k\": 1}], \"b\": \"2\", \"a\": \"y\"}");

      ObjectNode out = valid(validator.validate(candidate));

      assertThat(out.fieldNames()).toIterable().containsExactly("a", "b", "c", "d");
      assertThat(out.get("b").isInt()).isTrue();
    }

    @Test
    void leavesTheCandidateAloneAndSharesNothingWithIt() {
      ObjectNode candidate = json("{\"a\": \"y\", \"b\": \"2\", \"c\": [{\"k\": 1}], \"d\": \"x\"}");
      ObjectNode before = candidate.deepCopy();

      ObjectNode out = valid(validator.validate(candidate));
      ((ObjectNode) out.get("c").get(0)).put("k", 99);

      assertThat(candidate).isEqualTo(before);
    }

    @Test
    void collectsEveryViolationInSchemaOrder() {
      List<Violation> all = violations(validator.validate(json("{\"b\": true, \"c\": \"x\", \"d\": 1}")));

      assertThat(all).extracting(Violation::field).containsExactly("a", "b", "c", "d");
      assertThat(((Validation.Invalid) validator.validate(json("{\"b\": true}"))).first().message())
          .isEqualTo("missing required field: a");
    }

    @Test
    void givesTheSameAnswersFromManyThreads() {
      ObjectNode candidate = json("{\"a\": \"y\", \"b\": \"2\", \"c\": [], \"d\": \"x\"}");
      Validation once = validator.validate(candidate);

      assertThat(IntStream.range(0, 200).parallel().mapToObj(i -> validator.validate(candidate)).toList())
          .allSatisfy(v -> assertThat(v).isEqualTo(once));
    }
  }

  @Nested
  class PreferencePairs {
    final RecordValidator v = validator(Field.of("prompt", FieldType.TEXT), Field.of("chosen", FieldType.TEXT),
        Field.of("rejected", FieldType.TEXT));

    @Test
    void areInvalidWhenChosenIsRejected() {
      assertThat(violations(v.validate(json("{\"prompt\": \"p\", \"chosen\": \"same\", \"rejected\": \"same\"}"))))
          .singleElement().satisfies(x -> assertThat(x.rule()).isEqualTo(Rule.SAME_CHOICE));
    }

    @Test
    void areValidWhenTheAnswersDiffer() {
      valid(v.validate(json("{\"prompt\": \"p\", \"chosen\": \"good\", \"rejected\": \"bad\"}")));
    }
  }
}
