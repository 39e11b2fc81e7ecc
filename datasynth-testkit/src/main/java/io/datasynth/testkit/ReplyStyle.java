package io.datasynth.testkit;

/** How the fake provider lays out the records in a reply's text. */
public enum ReplyStyle {
  /** One short prose line, then a {@code ```json} fenced, pretty-printed JSON array. The default. */
  FENCED_ARRAY,
  /** Only the pretty-printed JSON array, no prose and no fence. */
  BARE_ARRAY,
  /** One compact JSON object per line. */
  JSONL,
  /** Prose before and after a {@code ```json} fenced array, as chatty models answer. */
  PROSE_WRAPPED
}
