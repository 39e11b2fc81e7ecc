package io.datasynth.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.datasynth.error.ConfigException;
import io.datasynth.error.InputException;
import io.datasynth.error.Setting;
import io.datasynth.json.InputKind;
import io.datasynth.json.Json;
import io.datasynth.json.JsonFiles;
import io.datasynth.text.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the axes users give: {@code --axis NAME=FILE} (plain text, one value a line, or JSON Lines with weights),
 * {@code --axis NAME=a,b:2,c} (values inline, weights after a colon), and {@code --axes FILE} (a JSON file of
 * several axes, conditional ones included). Errors name the file, the line or the entry, and what to write instead.
 */
public final class AxisFiles {
  private AxisFiles() {}

  /**
   * One {@code --axis} option.
   *
   * @param spec {@code NAME=FILE} or {@code NAME=v1,v2:weight,…}
   * @param dir where a relative file name is looked up
   */
  public static Axis parseOption(String spec, Path dir) {
    String s = spec == null ? "" : spec.strip();
    int eq = s.indexOf('=');
    String name = eq < 0 ? "" : s.substring(0, eq).strip();
    String rest = eq < 0 ? "" : s.substring(eq + 1).strip();
    if (name.isEmpty() || rest.isEmpty()) {
      throw new ConfigException(Setting.AXIS, Message.of("error.axis.syntax", s, Setting.AXIS));
    }
    Path file = dir == null ? Path.of(rest) : dir.resolve(rest);
    if (Files.exists(file)) {
      return Axis.of(name, Axis.Source.USER, null, readValues(file));
    }
    if (!rest.contains(",") && looksLikePath(rest)) {
      throw InputException.of(file, Message.of("input.not_found"), Message.of("error.axis.file.fix", name,
          Setting.AXIS));
    }
    List<AxisValue> values = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String part : rest.split(",")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      AxisValue v = inline(p);
      if (!seen.add(v.label())) {
        throw new ConfigException(Setting.AXIS, Message.of("error.axis.repeated", v.label(), name, Setting.AXIS));
      }
      values.add(v);
    }
    if (values.isEmpty()) {
      throw new ConfigException(Setting.AXIS, Message.of("error.axis.syntax", s, Setting.AXIS));
    }
    return Axis.of(name, Axis.Source.USER, null, values);
  }

  private static AxisValue inline(String p) {
    int colon = p.lastIndexOf(':');
    Double w = colon > 0 ? Balance.weight(p.substring(colon + 1)) : null;
    String label = w == null ? p : p.substring(0, colon).strip();
    return new AxisValue(label, TextNode.valueOf(label), null, null, false, w == null ? 1 : w);
  }

  private static boolean looksLikePath(String s) {
    String l = s.toLowerCase(Locale.ROOT);
    return s.contains("/") || s.contains("\\") || l.endsWith(".txt") || l.endsWith(".jsonl") || l.endsWith(".json")
        || l.endsWith(".md") || l.endsWith(".csv");
  }

  /**
   * The values of a file: JSON Lines (a {@code .jsonl} file, or one whose first value line starts with {@code {} or
   * {@code "}) with a string or {@code {"value": …, "weight": n}} per line; otherwise plain text, one value per line,
   * optionally followed by a tab and a weight. Blank lines and lines starting with {@code #} are skipped.
   */
  public static List<AxisValue> readValues(Path file) {
    String text = JsonFiles.readText(file, InputKind.OTHER);
    String[] lines = text.split("\r?\n", -1);
    boolean jsonl = file.getFileName() != null
        && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl");
    if (!jsonl) {
      for (String line : lines) {
        String t = line.strip();
        if (!t.isEmpty() && !t.startsWith("#")) {
          jsonl = t.startsWith("{") || t.startsWith("\"");
          break;
        }
      }
    }
    List<AxisValue> values = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < lines.length; i++) {
      String t = lines[i].strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      AxisValue v = jsonl ? jsonLine(file, i + 1, t) : textLine(file, i + 1, lines[i]);
      if (!seen.add(v.label())) {
        throw InputException.at(file, i + 1, 0, Message.of("axes.value.twice", "", v.label()),
            Message.of("axes.value.twice.fix"));
      }
      values.add(v);
    }
    if (values.isEmpty()) {
      throw InputException.of(file, Message.of("axes.no_values"), Message.of("axes.no_values.fix"));
    }
    return values;
  }

  private static AxisValue textLine(Path file, int line, String raw) {
    int tab = raw.lastIndexOf('\t');
    if (tab > 0) {
      Double w = Balance.weight(raw.substring(tab + 1));
      if (w == null) {
        throw InputException.at(file, line, tab + 2, Message.of("axes.tab_weight"), Message.of("axes.tab_weight.fix"));
      }
      String label = raw.substring(0, tab).strip();
      return new AxisValue(label, TextNode.valueOf(label), null, null, false, w);
    }
    String label = raw.strip();
    return new AxisValue(label, TextNode.valueOf(label), null, null, false, 1);
  }

  private static AxisValue jsonLine(Path file, int line, String t) {
    JsonNode node;
    try {
      node = Json.mapper().readTree(t);
    } catch (java.io.IOException e) {
      throw InputException.at(file, line, 0, Message.of("axes.line.not_json"), Message.of("axes.line.fix"));
    }
    try {
      return value(node, "");
    } catch (BadAxis bad) {
      throw InputException.at(file, line, 0, bad.problem, Message.of("axes.line.fix"));
    }
  }

  /**
   * A value written as a string, number, boolean or {@code {"value": …, "weight": n}}.
   *
   * @param where the entry's path as a {@code axes.where.prefix} message, or "" for a line of its own
   */
  static AxisValue value(JsonNode node, Object where) {
    JsonNode v = node;
    double weight = 1;
    if (node.isObject()) {
      v = node.has("value") ? node.get("value") : node.has("label") ? node.get("label") : node.get("name");
      if (node.has("weight")) {
        Double w = node.get("weight").isNumber() ? Balance.weight(node.get("weight").asText()) : null;
        if (w == null) {
          throw new BadAxis(Message.of("axes.value.weight", where));
        }
        weight = w;
      }
    }
    if (v == null || !(v.isTextual() || v.isNumber() || v.isBoolean()) || v.asText().isBlank()) {
      throw new BadAxis(Message.of("axes.value.kind", where));
    }
    return new AxisValue(v.isTextual() ? v.asText().strip() : v.asText(), v, null, null, false, weight);
  }

  /**
   * A {@code --axes} file: {@code {"axes": [axis, …]}} or a list of axes, each {@code {"name", "values"}} with an
   * optional {@code "field"} (the schema field it fixes), {@code "file"} (values from a file beside this one),
   * {@code "depends_on"} (another axis) and {@code "values_by"} (that axis's value to this one's values).
   */
  public static List<Axis> readAxes(Path file) {
    JsonNode root = JsonFiles.readJson(file, InputKind.OTHER);
    JsonNode list = root.isObject() ? root.get("axes") : root;
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw InputException.of(file, Message.of("axes.none"), Message.of("axes.none.fix"));
    }
    List<Axis> axes = new ArrayList<>();
    Path dir = file.toAbsolutePath().getParent();
    for (int i = 0; i < list.size(); i++) {
      axes.add(axis(file, dir, "axes[" + i + "]", list.get(i)));
    }
    return axes;
  }

  private static Axis axis(Path file, Path dir, String where, JsonNode o) {
    Message fix = Message.of("axes.shape.fix");
    if (!o.isObject()) {
      throw InputException.of(file, Message.of("axes.not_object", where), fix);
    }
    String name = o.path("name").asText("").strip();
    if (name.isEmpty()) {
      throw InputException.of(file, Message.of("axes.no_name", where), fix);
    }
    String at = where + " (" + name + ")";
    try {
      List<AxisValue> values = new ArrayList<>();
      if (o.has("file")) {
        values.addAll(readValues(dir.resolve(o.get("file").asText())));
      }
      if (o.has("values")) {
        values.addAll(values(o.get("values"), Message.of("axes.where.prefix", at + ".values")));
      }
      Map<String, List<AxisValue>> by = new LinkedHashMap<>();
      if (o.has("values_by")) {
        if (!o.get("values_by").isObject()) {
          throw new BadAxis(Message.of("axes.values_by.shape", at, o.path("depends_on").asText("")));
        }
        o.get("values_by").fields().forEachRemaining(e -> by.put(e.getKey(),
            values(e.getValue(), Message.of("axes.where.prefix", at + ".values_by." + e.getKey()))));
      }
      String dependsOn = o.hasNonNull("depends_on") ? o.get("depends_on").asText().strip() : null;
      if (!by.isEmpty() && dependsOn == null) {
        throw new BadAxis(Message.of("axes.values_by.alone", at));
      }
      if (values.isEmpty() && by.isEmpty()) {
        throw new BadAxis(Message.of("axes.entry.no_values", at));
      }
      String field = o.hasNonNull("field") ? o.get("field").asText().strip() : null;
      return new Axis(name, Axis.Source.USER, field, values, dependsOn, by);
    } catch (BadAxis bad) {
      throw InputException.of(file, bad.problem, fix);
    }
  }

  private static List<AxisValue> values(JsonNode list, Message where) {
    if (!list.isArray()) {
      throw new BadAxis(Message.of("axes.values.not_list", where));
    }
    List<AxisValue> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode n : list) {
      AxisValue v = value(n, where);
      if (!seen.add(v.label())) {
        throw new BadAxis(Message.of("axes.value.twice", where, v.label()));
      }
      out.add(v);
    }
    return out;
  }

  /** An entry of an axes file that cannot be used; the file and the fix are added where it is caught. */
  private static final class BadAxis extends RuntimeException {
    private final transient Message problem;

    BadAxis(Message problem) {
      super(problem.key(), null, false, false);
      this.problem = problem;
    }
  }
}
