package io.datasynth.mcp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rewrites the command-line hints in the library's error messages ("(-n)", "pass --force") into the names of tool
 * arguments, so that a model reading an error knows which argument to change.
 */
final class ToolMessages {
  private static final Map<String, String> HINTS = new LinkedHashMap<>();

  static {
    HINTS.put("pass --force to overwrite it, or choose another output with -o",
        "pass force: true to overwrite it, or choose another output_path");
    HINTS.put("add it with --prices FILE or drop --max-cost", "leave out max_cost or use a model with a known price");
    HINTS.put("; add one with --prices FILE", "");
    HINTS.put("point --base-url at a local OpenAI-compatible server",
        "point base_url at an OpenAI-compatible server on this machine");
    HINTS.put("use interactive mode (datasynth prepare … then datasynth parse …)",
        "use interactive mode (prepare_synthesis, then parse_synthesis_result)");
    HINTS.put("pass --no-resume to start over (the old journal is kept aside)",
        "delete the journal to start over");
    HINTS.put("(-n)", "(count)");
    HINTS.put("(-p)", "(provider)");
    HINTS.put("(-t)", "(temperature)");
    HINTS.put("(--batch-size)", "(batch_size)");
    HINTS.put("(--concurrency)", "(concurrency)");
    HINTS.put("(--max-cost)", "(max_cost)");
    HINTS.put("(--format)", "(format)");
    HINTS.put("(--data-type)", "(data_type)");
    HINTS.put("(--base-url)", "(base_url)");
    HINTS.put("--max-cost", "max_cost");
  }

  private ToolMessages() {}

  /** The message with command-line hints replaced by argument names; null stays null. */
  static String of(String message) {
    if (message == null) {
      return null;
    }
    String m = message;
    for (Map.Entry<String, String> e : HINTS.entrySet()) {
      m = m.replace(e.getKey(), e.getValue());
    }
    return m;
  }
}
