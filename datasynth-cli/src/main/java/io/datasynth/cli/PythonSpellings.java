package io.datasynth.cli;

/**
 * The original Python tool's option spellings, {@code --batch_size} for {@code --batch-size}: every option name
 * written with underscores is read with dashes, so scripts written for it keep working. Only names are touched,
 * never values ({@code --template=my_file.txt} keeps its file name), and nothing after {@code --}.
 */
final class PythonSpellings {
  private PythonSpellings() {}

  /** The arguments with underscores in option names turned into dashes. */
  static String[] dashed(String[] args) {
    String[] out = args.clone();
    for (int i = 0; i < out.length; i++) {
      String a = out[i];
      if (a.equals("--")) {
        break;
      }
      if (a.startsWith("--") && i > 0 && takesValue(out[i - 1])) {
        continue;
      }
      if (a.startsWith("--") && a.indexOf('_') > 0) {
        int eq = a.indexOf('=');
        String name = eq < 0 ? a : a.substring(0, eq);
        out[i] = name.replace('_', '-') + (eq < 0 ? "" : a.substring(eq));
      }
    }
    return out;
  }

  /** Whether an argument is an option whose value is the next argument (it could be a text starting --). */
  private static boolean takesValue(String previous) {
    return previous.equals("--post-hook") || previous.equals("--post_hook") || previous.equals("--template");
  }
}
