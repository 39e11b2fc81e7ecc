package io.datasynth.prompt;

import java.util.List;

/**
 * One rendered prompt.
 *
 * @param system the system instruction (short and constant)
 * @param user the prompt text
 * @param recordsRequested how many records it asks for
 * @param exampleIds the ids of the seeds it shows
 */
public record Prompt(String system, String user, int recordsRequested, List<String> exampleIds) {
  public Prompt {
    exampleIds = List.copyOf(exampleIds);
  }

  /** System and user text as one document, for pasting into a chat window. */
  public String asSingleMessage() {
    return system + "\n\n" + user;
  }
}
