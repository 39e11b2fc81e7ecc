package io.datasynth.text;

import java.util.Arrays;

/** The code points of a text, as {@code text.codePoints().toArray()} gives them, without a stream per text. */
public final class CodePoints {
  private CodePoints() {}

  /** The text's code points in order; an unpaired surrogate is its own value, as the JDK's stream gives it. */
  public static int[] of(String text) {
    int n = text.length();
    int[] out = new int[n];
    int k = 0;
    for (int i = 0; i < n; ) {
      int cp = text.codePointAt(i);
      out[k++] = cp;
      i += Character.charCount(cp);
    }
    return k == n ? out : Arrays.copyOf(out, k);
  }
}
