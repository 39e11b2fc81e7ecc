package io.datasynth.engine;

import io.datasynth.text.Message;
import java.util.Objects;

/** How a run ended. Messages are data: each adapter renders them in its user's words. */
public sealed interface RunOutcome {

  /** Every requested record was delivered. */
  record Completed() implements RunOutcome {}

  /** The run stopped early on purpose; the records so far are kept and the run can be resumed. */
  record Stopped(Reason reason, Message message) implements RunOutcome {
    public Stopped {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * The run could not go on (provider refused, failures persisted, acceptance collapsed).
   *
   * @param byConfiguration whether a setting is at fault (a base URL that serves no API), not the run: a usage error
   */
  record Failed(Message message, boolean byConfiguration) implements RunOutcome {
    public Failed {
      Objects.requireNonNull(message, "message");
    }

    public Failed(Message message) {
      this(message, false);
    }
  }

  /** Why a run stopped early. */
  enum Reason {
    /** Ctrl-C, an MCP cancellation, or the library's {@link RunControl}. */
    INTERRUPTED,
    /** The next call could take the spend past the cap. */
    BUDGET,
    /** The cap on requests was reached. */
    MAX_REQUESTS,
    /** The provider asked for a longer wait than a run waits. */
    PROVIDER_WAIT
  }
}
