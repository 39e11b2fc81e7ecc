package io.datasynth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * A record source that numbers copies of a template; see {@link RecordSource#counter}. Besides {@code {n}}, the
 * placeholders {@code {words}} (eight random lowercase words) and {@code {zh}} (twelve random common Chinese
 * characters) make records that differ in content, not only in their number, so they are not near-duplicates.
 */
final class CounterSource implements RecordSource {
  static final String PLACEHOLDER = "{n}";
  static final String WORDS = "{words}";
  static final String ZH = "{zh}";
  private static final String HANZI =
      "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定"
          + "行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些"
          + "然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无"
          + "系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见"
          + "计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济"
          + "阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名"
          + "确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难";

  private final ObjectNode template;
  private final AtomicLong next = new AtomicLong(1);

  CounterSource(ObjectNode template) {
    Objects.requireNonNull(template, "template");
    if (!containsPlaceholder(template, PLACEHOLDER)) {
      throw new IllegalArgumentException(
          "record template " + template + " has no " + PLACEHOLDER + " in any string value; add one (e.g."
              + " \"id-{n}\") so every record is unique");
    }
    this.template = template.deepCopy();
  }

  /** The default source: {@code {"instruction": "Write instruction {n}.", "response": "Response {n}."}}. */
  static CounterSource instructionResponse() {
    ObjectNode template = Jsons.MAPPER.createObjectNode();
    template.put("instruction", "Write instruction {n}.");
    template.put("response", "Response {n}.");
    return new CounterSource(template);
  }

  @Override
  public List<ObjectNode> next(int count, RandomGenerator random) {
    long first = next.getAndAdd(count);
    List<ObjectNode> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      records.add((ObjectNode) substitute(template, Long.toString(first + i), random));
    }
    return records;
  }

  private static JsonNode substitute(JsonNode node, String number, RandomGenerator random) {
    if (node.isTextual()) {
      String t = node.textValue();
      if (!t.contains("{")) {
        return node;
      }
      t = t.replace(PLACEHOLDER, number);
      while (t.contains(WORDS)) {
        t = t.replaceFirst("\\{words}", words(random));
      }
      while (t.contains(ZH)) {
        t = t.replaceFirst("\\{zh}", hanzi(random));
      }
      return TextNode.valueOf(t);
    }
    if (node instanceof ObjectNode object) {
      ObjectNode copy = object.objectNode();
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        copy.set(field.getKey(), substitute(field.getValue(), number, random));
      }
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = array.arrayNode();
      array.forEach(item -> copy.add(substitute(item, number, random)));
      return copy;
    }
    return node.deepCopy();
  }

  private static String words(RandomGenerator random) {
    StringBuilder sb = new StringBuilder();
    for (int w = 0; w < 8; w++) {
      if (w > 0) {
        sb.append(' ');
      }
      int len = 3 + random.nextInt(7);
      for (int c = 0; c < len; c++) {
        sb.append((char) ('a' + random.nextInt(26)));
      }
    }
    return sb.toString();
  }

  private static String hanzi(RandomGenerator random) {
    StringBuilder sb = new StringBuilder();
    for (int c = 0; c < 12; c++) {
      sb.append(HANZI.charAt(random.nextInt(HANZI.length())));
    }
    return sb.toString();
  }

  private static boolean containsPlaceholder(JsonNode node, String placeholder) {
    if (node.isTextual()) {
      return node.textValue().contains(placeholder);
    }
    for (JsonNode child : node) {
      if (containsPlaceholder(child, placeholder)) {
        return true;
      }
    }
    return false;
  }
}
