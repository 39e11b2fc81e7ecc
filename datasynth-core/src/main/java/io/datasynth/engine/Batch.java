package io.datasynth.engine;

import io.datasynth.prompt.Prompt;

/** One request's worth of work: a prompt asking for some records, retried until it succeeds or runs out of tries. */
final class Batch {
  final long index;
  final Prompt prompt;
  final int promptTokens;
  int attempt;
  long notBefore;

  Batch(long index, Prompt prompt, int promptTokens) {
    this.index = index;
    this.prompt = prompt;
    this.promptTokens = promptTokens;
  }

  int size() {
    return prompt.recordsRequested();
  }
}
