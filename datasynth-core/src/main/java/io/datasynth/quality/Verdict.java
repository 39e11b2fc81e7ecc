package io.datasynth.quality;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/** What the quality path decided about one candidate record. */
public sealed interface Verdict {

  /**
   * The record is valid and new, and is now remembered.
   *
   * @param record the cleaned record (the schema's fields in order, values coerced)
   */
  record Accepted(ObjectNode record) implements Verdict {
    public Accepted {
      Objects.requireNonNull(record, "record");
    }
  }

  /** The record is dropped, for this reason. */
  record Rejected(RejectReason reason) implements Verdict {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
