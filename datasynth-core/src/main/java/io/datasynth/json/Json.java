package io.datasynth.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON mappers DataSynth uses everywhere: a strict one for files users write and a lenient one for model
 * replies.
 *
 * <p>Both are configured once and never changed, so sharing them is safe across threads and runs.
 */
public final class Json {
  /** Nesting deeper than this is refused with a clear error instead of a stack overflow. */
  public static final int MAX_NESTING_DEPTH = 200;

  private static final ObjectMapper STRICT = build(false);
  private static final DefaultPrettyPrinter PRETTY = prettyPrinter(new DefaultPrettyPrinter()
      .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

  private static DefaultPrettyPrinter prettyPrinter(DefaultPrettyPrinter p) {
    DefaultIndenter lf = new DefaultIndenter("  ", "\n");
    p.indentArraysWith(lf);
    p.indentObjectsWith(lf);
    return p;
  }
  private static final ObjectMapper LENIENT = build(true);
  /** Reads one value where a parser stands; what follows is the caller's to read. */
  private static final ObjectReader ONE_VALUE = STRICT.reader()
      .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  /** The value where {@code parser} stands, leaving it on the value's last token, for reading a document in parts. */
  public static JsonNode readValue(JsonParser parser) throws IOException {
    return ONE_VALUE.readTree(parser);
  }

  /** The mapper for input files, outputs and wire formats: standard JSON only. */
  public static ObjectMapper mapper() {
    return STRICT;
  }

  /**
   * The mapper for model replies: accepts trailing commas, comments, single quotes and raw control characters
   * inside strings, which models often produce.
   */
  public static ObjectMapper lenient() {
    return LENIENT;
  }

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** What kind of value a node is, as a message ("a list", "一个列表"), for errors. */
  public static io.datasynth.text.Message kindOf(JsonNode node) {
    String k = node == null || node.isMissingNode() ? "missing" : switch (node.getNodeType()) {
      case ARRAY -> "list";
      case OBJECT, POJO -> "object";
      case STRING -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case NULL -> "null";
      default -> "binary";
    };
    return io.datasynth.text.Message.of("json.kind." + k);
  }

  /** Compact one-line JSON of a node. */
  public static String compact(JsonNode node) {
    try {
      return STRICT.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #compact} as UTF-8, written as bytes at once rather than as a string to encode. */
  public static byte[] compactBytes(JsonNode node) {
    try {
      return STRICT.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An upper bound of {@code compact(node).length()}, computed without writing the JSON: a cheap first check of a
   * size limit (every character of a string counted as its longest escape).
   */
  public static long compactLengthBound(JsonNode node) {
    if (node.isTextual()) {
      return 2 + 6L * node.textValue().length();
    }
    if (node.isObject()) {
      long n = 2;
      for (var it = node.fields(); it.hasNext(); ) {
        var e = it.next();
        n += 4 + 6L * e.getKey().length() + compactLengthBound(e.getValue());
      }
      return n;
    }
    if (node.isArray()) {
      long n = 2;
      for (JsonNode item : node) {
        n += 1 + compactLengthBound(item);
      }
      return n;
    }
    if (node.isBigDecimal() || node.isBigInteger()) {
      return 2L + node.asText().length() * 2L;
    }
    return 32; // booleans, null, and numbers that fit a long or a double
  }

  /** The pretty printer of readable outputs: two-space indents, {@code "key": value}. */
  public static DefaultPrettyPrinter prettyPrinter() {
    return new DefaultPrettyPrinter(PRETTY);
  }

  /** Indented JSON of a node, for prompts and readable outputs. */
  public static String pretty(JsonNode node) {
    try {
      return STRICT.writer(PRETTY).writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectMapper build(boolean lenient) {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .configure(JsonReadFeature.ALLOW_TRAILING_COMMA, lenient)
            .configure(JsonReadFeature.ALLOW_JAVA_COMMENTS, lenient)
            .configure(JsonReadFeature.ALLOW_SINGLE_QUOTES, lenient)
            .configure(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, lenient)
            .configure(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS, false)
            .build();
    return JsonMapper.builder(factory)
        .configure(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY, !lenient)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .build();
  }
}
