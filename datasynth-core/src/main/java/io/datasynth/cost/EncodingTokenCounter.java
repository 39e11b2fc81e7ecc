package io.datasynth.cost;

import com.knuddels.jtokkit.api.Encoding;

/** A token counter that counts with one of OpenAI's own encodings, so its counts are exact for that model. */
final class EncodingTokenCounter implements TokenCounter {
  private final LineCounts counts;
  private final io.datasynth.text.Message explanation;

  /** @param key the message key that says which encoding this is */
  EncodingTokenCounter(Encoding encoding, String key) {
    this.counts = new LineCounts(encoding);
    this.explanation = io.datasynth.text.Message.of(key);
  }

  @Override
  public int count(String text) {
    return counts.count(text);
  }

  @Override
  public String description() {
    return io.datasynth.text.Messages.english().render(explanation);
  }

  @Override
  public io.datasynth.text.Message explanation() {
    return explanation;
  }

  @Override
  public String toString() {
    return description();
  }

  @Override
  public boolean exact() {
    return true;
  }
}
