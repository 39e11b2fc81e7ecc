package io.datasynth.testkit;

/** The outcome of validating a completion request body: a request the fake can answer, or the 4xx to send. */
sealed interface Parsed {
  record Valid(CompletionRequest request) implements Parsed {}

  record Invalid(ApiError error) implements Parsed {}
}
