package io.datasynth.api;

/** What to do with a journal left by an earlier run of the same output. */
public enum ResumeMode {
  /** Resume when a journal with the same configuration exists (the default). */
  AUTO,
  /** Resume, and fail when there is nothing to resume. */
  ALWAYS,
  /** Start over; an earlier journal is moved aside, never deleted. */
  NEVER
}
