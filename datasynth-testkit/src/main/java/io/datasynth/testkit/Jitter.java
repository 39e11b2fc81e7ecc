package io.datasynth.testkit;

/** The distribution of the random part of the fake provider's latency. */
public enum Jitter {
  /** Uniform between zero and the jitter duration. */
  UNIFORM,
  /** Exponential with the jitter duration as its mean, capped at 20 times the mean: a long tail like real APIs. */
  EXPONENTIAL
}
