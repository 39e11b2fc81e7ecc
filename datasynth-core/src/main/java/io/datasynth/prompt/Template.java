package io.datasynth.prompt;

import io.datasynth.error.InputException;
import io.datasynth.text.Message;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user's prompt template: text with {@code {{name}}} placeholders, checked against the known names when it is
 * read so that a typo fails before any request is made.
 */
public final class Template {
  /** Every placeholder a template may use. */
  public static final List<String> PLACEHOLDERS = List.of(
      "schema", "rubric", "guidelines", "seed_examples", "seed_count", "batch_size",
      "output_format", "diversity", "task", "project", "description", "data_type", "seed_block", "lean_on", "plan");

  /** The placeholders whose values change from batch to batch; the text before the first is the stable prefix. */
  static final List<String> PER_BATCH = List.of("seed_examples", "seed_count", "batch_size", "lean_on", "plan");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

  /** A first line starting with this gives the system instruction; without one a user's template sends none. */
  public static final String SYSTEM_PREFIX = "system:";

  private final String text;
  private final String system;
  private final java.util.Set<String> names;
  private final Parts whole;
  private final Parts stable;
  private final Parts perBatch;

  private Template(String text) {
    this.text = text;
    int eol = text.indexOf('\n');
    String first = eol < 0 ? text : text.substring(0, eol);
    boolean hasSystem = first.stripLeading().startsWith(SYSTEM_PREFIX);
    this.system = hasSystem ? first.stripLeading().substring(SYSTEM_PREFIX.length()).strip() : "";
    String body = hasSystem ? (eol < 0 ? "" : text.substring(eol + 1)) : text;
    int perBatchStart = perBatchStart(body);
    this.names = PLACEHOLDER.matcher(text).results().map(m -> m.group(1))
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
    this.whole = Parts.of(body);
    this.stable = Parts.of(body.substring(0, perBatchStart));
    this.perBatch = Parts.of(body.substring(perBatchStart));
  }

  /**
   * A text cut at its placeholders once, so that rendering it for every request is concatenation.
   *
   * @param literals the text around the placeholders, one more than {@code names}
   */
  private record Parts(String[] literals, String[] names, int length) {
    static Parts of(String text) {
      java.util.List<String> literals = new java.util.ArrayList<>();
      java.util.List<String> names = new java.util.ArrayList<>();
      Matcher m = PLACEHOLDER.matcher(text);
      int at = 0;
      while (m.find()) {
        literals.add(text.substring(at, m.start()));
        names.add(m.group(1));
        at = m.end();
      }
      literals.add(text.substring(at));
      return new Parts(literals.toArray(String[]::new), names.toArray(String[]::new), text.length());
    }

    String render(Map<String, String> values) {
      StringBuilder sb = new StringBuilder(length + 1024).append(literals[0]);
      for (int i = 0; i < names.length; i++) {
        sb.append(values.getOrDefault(names[i], "")).append(literals[i + 1]);
      }
      return sb.toString();
    }
  }

  /** Where the per-batch part starts: at the line holding the first per-batch placeholder, else at the end. */
  private static int perBatchStart(String text) {
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      if (PER_BATCH.contains(m.group(1))) {
        return text.lastIndexOf('\n', m.start()) + 1;
      }
    }
    return text.length();
  }

  /**
   * Parses a template; {@code source} names it in errors.
   *
   * @throws InputException naming the first unknown placeholder and its line
   */
  public static Template parse(String text, Path source) {
    if (text.isBlank()) {
      throw InputException.of(source, Message.of("template.empty"), Message.of("template.empty.fix"));
    }
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      throw InputException.at(source, line(text, nul), 0, Message.of("template.nul"), Message.of("template.nul.fix"));
    }
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      String name = m.group(1);
      if (!PLACEHOLDERS.contains(name)) {
        throw InputException.at(source, line(text, m.start()), 0, Message.of("template.unknown", "{{" + name + "}}"),
            Message.of("template.unknown.fix", String.join(", ", PLACEHOLDERS.stream().map(p -> "{{" + p + "}}")
                .toList())));
      }
    }
    return new Template(text);
  }

  private static int line(String text, int at) {
    return 1 + (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
  }

  /** Whether the template has a {@code {{name}}} placeholder. */
  boolean uses(String name) {
    return names.contains(name);
  }

  /** The template text as written. */
  public String text() {
    return text;
  }

  /** The system instruction its first line gives ({@code system: …}), or empty when it gives none. */
  public String system() {
    return system;
  }

  /** Whether the template shows the run's fixed block of examples ({@code {{seed_block}}}). */
  boolean usesSeedBlock() {
    return names.contains("seed_block");
  }

  /** Replaces every placeholder with its value; a value missing from the map renders as empty text. */
  public String render(Map<String, String> values) {
    return whole.render(values);
  }

  /** The text up to the first per-batch placeholder's line, rendered: the same for every batch of a run. */
  String renderStable(Map<String, String> values) {
    return stable.render(values);
  }

  /** The rest of the text, rendered with this batch's values. */
  String renderPerBatch(Map<String, String> values) {
    return perBatch.render(values);
  }
}
