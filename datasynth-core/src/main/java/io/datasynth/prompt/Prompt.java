package io.datasynth.prompt;

import java.util.List;

/**
 * One rendered prompt, its user text in two parts: a stable part that is the same for every batch of a run
 * (task, fields, rubric, guidelines, output format), so providers can cache it, and the part that changes per
 * batch (examples, count, the batch's plan).
 *
 * @param system the system instruction (short and constant)
 * @param stable the user text shared by every batch of the run; may be empty with a user template that starts
 *     with per-batch content
 * @param perBatch the user text of this batch
 * @param recordsRequested how many records it asks for
 * @param exampleIds the ids of the seeds it shows
 */
public record Prompt(String system, String stable, String perBatch, int recordsRequested, List<String> exampleIds) {
  public Prompt {
    exampleIds = List.copyOf(exampleIds);
  }

  /** The whole user text: the stable part followed by this batch's part. */
  public String user() {
    return stable + perBatch;
  }

  /** System and user text as one document, for pasting into a chat window. */
  public String asSingleMessage() {
    return system.isEmpty() ? user() : system + "\n\n" + user();
  }
}
