package io.datasynth.json;

import io.datasynth.text.Message;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a JSON parser's complaint means, in the user's language: Jackson words its syntax errors in English only.
 * A complaint no rule knows is passed on as Jackson wrote it.
 */
final class JsonSyntaxProblems {
  /** Jackson names the character it found as {@code ('X' (code 88))} or {@code ((CTRL-CHAR, code 10))}. */
  private static final String FOUND = "\\((?:'(.)' \\(code [^)]*\\)|\\(CTRL-CHAR, code (\\d+)\\))\\)";

  /**
   * A complaint this class words itself.
   *
   * @param found whether the pattern names the character found ({@link #FOUND}); else its groups are the arguments
   * @param expected the ASCII character JSON wants there, or null
   */
  private record Rule(Pattern pattern, String key, boolean found, String expected) {
    static Rule found(String complaint, String key, String expected) {
      return new Rule(Pattern.compile("^" + complaint.replace("FOUND", FOUND)), key, true, expected);
    }

    static Rule plain(String regex, String key) {
      return new Rule(Pattern.compile(regex), key, false, null);
    }
  }

  private static final List<Rule> RULES = List.of(
      Rule.found("Unexpected character FOUND: was expecting comma to separate Object", "json.problem.comma_object",
          ","),
      Rule.found("Unexpected character FOUND: was expecting comma to separate Array", "json.problem.comma_array",
          ","),
      Rule.found("Unexpected character FOUND: was expecting double-quote to start field", "json.problem.field_name",
          "\""),
      Rule.found("Unexpected character FOUND: was expecting a colon", "json.problem.colon", ":"),
      Rule.found("Unexpected character FOUND: expected a valid value", "json.problem.value", "\""),
      Rule.found("Illegal unquoted character FOUND: has to be escaped", "json.problem.raw_control", null),
      Rule.plain("^Unexpected end-of-input: was expecting closing quote", "json.problem.unclosed_string"),
      Rule.plain("^Unexpected end-of-input(?:: expected close marker for| within/between) (?i:Object)",
          "json.problem.unclosed_object"),
      Rule.plain("^Unexpected end-of-input(?:: expected close marker for| within/between) (?i:Array)",
          "json.problem.unclosed_array"),
      Rule.plain("^Unexpected end-of-input", "json.problem.end"),
      Rule.plain("^Unexpected close marker '(.)': expected '(.)'", "json.problem.close_marker"),
      Rule.plain("^Unrecognized token '([^']*)'", "json.problem.word"));

  /** Full-width punctuation typed where JSON needs its ASCII form, a common slip with a Chinese keyboard. */
  private static final Map<String, String> FULL_WIDTH = Map.of("，", ",", "：", ":", "“", "\"", "”", "\"",
      "‘", "\"", "’", "\"", "【", "[", "】", "]", "｛", "{", "｝", "}");

  private JsonSyntaxProblems() {}

  /** The complaint as a message of its own, or Jackson's words when no rule knows it. */
  static Object of(String complaint) {
    for (Rule rule : RULES) {
      Matcher m = rule.pattern().matcher(complaint);
      if (!m.find()) {
        continue;
      }
      if (!rule.found()) {
        Object[] quoted = new Object[m.groupCount()];
        for (int i = 0; i < quoted.length; i++) {
          quoted[i] = "'" + m.group(i + 1) + "'";
        }
        return Message.of(rule.key(), quoted);
      }
      String found = m.group(1);
      if (found == null) {
        return Message.of(rule.key(), String.format("U+%04X", Integer.parseInt(m.group(2))));
      }
      if (rule.expected() != null && FULL_WIDTH.containsKey(found)) {
        return Message.of("json.problem.full_width", found, FULL_WIDTH.get(found));
      }
      if ("'".equals(found) && "\"".equals(rule.expected())) {
        return Message.of("json.problem.single_quotes");
      }
      return Message.of(rule.key(), "'" + found + "'");
    }
    return complaint;
  }
}
