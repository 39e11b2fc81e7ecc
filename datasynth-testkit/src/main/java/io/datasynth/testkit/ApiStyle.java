package io.datasynth.testkit;

/** The wire format a request to the fake provider used, decided by its path (or headers for shared paths). */
public enum ApiStyle {
  /** The Anthropic Messages API: {@code POST /v1/messages}. */
  ANTHROPIC,
  /** The OpenAI Chat Completions API: {@code POST /v1/chat/completions}. */
  OPENAI
}
