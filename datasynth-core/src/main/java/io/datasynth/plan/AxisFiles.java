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
        throw InputException.at(file, i + 1, 0, "the value '" + v.label() + "' comes twice",
            "keep each value once; give it a weight to make it more frequent");
      }
      values.add(v);
    }
    if (values.isEmpty()) {
      throw InputException.of(file, "holds no values", "write one value per line");
    }
    return values;
  }

  private static AxisValue textLine(Path file, int line, String raw) {
    int tab = raw.lastIndexOf('\t');
    if (tab > 0) {
      Double w = Balance.weight(raw.substring(tab + 1));
      if (w == null) {
        throw InputException.at(file, line, tab + 2, "the weight after the tab is not a number above 0",
            "write the value, a tab and a weight such as 2, or leave the weight out");
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
      throw InputException.at(file, line, 0, "is not valid JSON",
          "write a JSON string or {\"value\": \"…\", \"weight\": 2} on each line");
    }
    try {
      return value(node, "");
    } catch (IllegalArgumentException bad) {
      throw InputException.at(file, line, 0, bad.getMessage(),
          "write a JSON string or {\"value\": \"…\", \"weight\": 2} on each line");
    }
  }

  /** A value written as a string, number, boolean or {@code {"value": …, "weight": n}}. */
  static AxisValue value(JsonNode node, String where) {
    JsonNode v = node;
    double weight = 1;
    if (node.isObject()) {
      v = node.has("value") ? node.get("value") : node.has("label") ? node.get("label") : node.get("name");
      if (node.has("weight")) {
        Double w = node.get("weight").isNumber() ? Balance.weight(node.get("weight").asText()) : null;
        if (w == null) {
          throw new IllegalArgumentException(where + "weight must be a number above 0");
        }
        weight = w;
      }
    }
    if (v == null || !(v.isTextual() || v.isNumber() || v.isBoolean()) || v.asText().isBlank()) {
      throw new IllegalArgumentException(where + "a value must be a non-empty string, a number or a boolean");
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
      throw InputException.of(file, "holds no axes", "write {\"axes\": [{\"name\": \"persona\", \"values\": "
          + "[\"…\", \"…\"]}]}");
    }
    List<Axis> axes = new ArrayList<>();
    Path dir = file.toAbsolutePath().getParent();
    for (int i = 0; i < list.size(); i++) {
      axes.add(axis(file, dir, "axes[" + i + "]", list.get(i)));
    }
    return axes;
  }

  private static Axis axis(Path file, Path dir, String where, JsonNode o) {
    String fix = "see the README's Diversity plans section for the shape of an axis";
    if (!o.isObject()) {
      throw InputException.of(file, where + " is not an object", fix);
    }
    String name = o.path("name").asText("").strip();
    if (name.isEmpty()) {
      throw InputException.of(file, where + " has no \"name\"", fix);
    }
    String at = where + " (" + name + ")";
    try {
      List<AxisValue> values = new ArrayList<>();
      if (o.has("file")) {
        values.addAll(readValues(dir.resolve(o.get("file").asText())));
      }
      if (o.has("values")) {
        values.addAll(values(o.get("values"), at + ".values: "));
      }
      Map<String, List<AxisValue>> by = new LinkedHashMap<>();
      if (o.has("values_by")) {
        if (!o.get("values_by").isObject()) {
          throw new IllegalArgumentException(at + ".values_by must map values of " + o.path("depends_on").asText("")
              + " to lists of values");
        }
        o.get("values_by").fields().forEachRemaining(e -> by.put(e.getKey(),
            values(e.getValue(), at + ".values_by." + e.getKey() + ": ")));
      }
      String dependsOn = o.hasNonNull("depends_on") ? o.get("depends_on").asText().strip() : null;
      if (!by.isEmpty() && dependsOn == null) {
        throw new IllegalArgumentException(at + " has values_by but no depends_on");
      }
      if (values.isEmpty() && by.isEmpty()) {
        throw new IllegalArgumentException(at + " has no values");
      }
      String field = o.hasNonNull("field") ? o.get("field").asText().strip() : null;
      return new Axis(name, Axis.Source.USER, field, values, dependsOn, by);
    } catch (IllegalArgumentException bad) {
      throw InputException.of(file, bad.getMessage(), fix);
    }
  }

  private static List<AxisValue> values(JsonNode list, String where) {
    if (!list.isArray()) {
      throw new IllegalArgumentException(where + "must be a list");
    }
    List<AxisValue> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode n : list) {
      AxisValue v = value(n, where);
      if (!seen.add(v.label())) {
        throw new IllegalArgumentException(where + "the value '" + v.label() + "' comes twice");
      }
      out.add(v);
    }
    return out;
  }
}
