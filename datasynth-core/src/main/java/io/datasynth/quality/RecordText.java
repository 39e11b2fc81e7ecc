package io.datasynth.quality;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.schema.Schema;

/**
 * The text of a record as near-duplicate detection compares it: the normalised text of the schema's text fields and
 * of the strings inside its list and object fields, in schema order, one field per line. Measures of similarity
 * use it so that they agree with what {@link Deduplicator} decides. Not thread-safe.
 */
public final class RecordText {
  private final RecordKeys keys;

  public RecordText(Schema schema) {
    this.keys = new RecordKeys(schema);
  }

  /** The record's comparable text; empty when it has none. */
  public String of(ObjectNode record) {
    return keys.nearText(record);
  }

  /** Text as deduplication sees it: NFKC, format characters removed, whitespace collapsed, trimmed, lower case. */
  public static String normalize(String text) {
    return RecordKeys.normalize(text);
  }

  /** Texts with fewer code points than this are only ever compared exactly. */
  public static int minCodePointsForNearMatch() {
    return MinHash.MIN_CODE_POINTS;
  }
}
