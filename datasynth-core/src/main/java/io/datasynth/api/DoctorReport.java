package io.datasynth.api;

import io.datasynth.text.Message;
import java.util.List;

/**
 * What {@code doctor} found out about one provider, model and endpoint: one check per topic, each with what was
 * found and, for problems, what to do. Never holds a key.
 *
 * @param provider the wire format checked
 * @param model the model checked
 * @param endpoint where requests went
 * @param checks the checks in the order they were made
 */
public record DoctorReport(String provider, String model, String endpoint, List<Check> checks) {
  public DoctorReport {
    checks = List.copyOf(checks);
  }

  /** How a check came out. */
  public enum Status { OK, WARNING, FAILED }

  /** What a check is about. */
  public enum Topic { KEY, MODEL_PROFILE, PRICE, REQUEST, STREAMING, SAMPLING, STRUCTURED_OUTPUT, RATE_LIMITS,
    PROMPT_CACHE }

  /**
   * One finding.
   *
   * @param detail what was found
   * @param fix what to do; null when there is nothing to do
   */
  public record Check(Topic topic, Status status, Message detail, Message fix) {
    static Check ok(Topic t, Message detail) {
      return new Check(t, Status.OK, detail, null);
    }
  }

  /** Whether a run with these settings would work: nothing failed. */
  public boolean runWouldWork() {
    return checks.stream().noneMatch(c -> c.status() == Status.FAILED);
  }
}
