package io.datasynth.parse;

import io.datasynth.text.Message;
import java.util.Objects;

/**
 * One reason part of a model reply did not become a record.
 *
 * @param kind what went wrong; never null
 * @param detail where and what, as a message each adapter renders in its user's language; never null
 */
public record ParseIssue(Kind kind, Message detail) {

  /** The kinds of trouble a reply can have; each is counted once per object, item or reply. */
  public enum Kind {
    /** An object that looks like JSON but does not parse. */
    MALFORMED,
    /** A list item that is a string, number, boolean, null or list instead of an object. */
    NOT_AN_OBJECT,
    /** The reply was cut off (mid-object, mid-list or inside a code fence); at most one per reply. */
    TRUNCATED,
    /** Nothing in the reply gave a record and nothing else explains why: empty, prose only, or empty JSON. */
    NO_JSON
  }

  public ParseIssue {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }
}
