package io.datasynth.cost;

import com.knuddels.jtokkit.api.Encoding;

/** A token counter that counts with one of OpenAI's own encodings, so its counts are exact for that model. */
final class EncodingTokenCounter implements TokenCounter {
  private final LineCounts counts;
  private final String description;

  EncodingTokenCounter(Encoding encoding, String description) {
    this.counts = new LineCounts(encoding);
    this.description = description;
  }

  @Override
  public int count(String text) {
    return counts.count(text);
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return description;
  }
}
