package io.datasynth.provider;

import java.util.Locale;
import java.util.Optional;

/** The wire formats DataSynth speaks. */
public enum ProviderKind {
  /** The Anthropic Messages API. */
  ANTHROPIC("anthropic", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "https://api.anthropic.com"),
  /** OpenAI Chat Completions and every server compatible with it (vLLM, Ollama, llama.cpp, DeepSeek, Qwen…). */
  OPENAI("openai", "OPENAI_API_KEY", "OPENAI_BASE_URL", "https://api.openai.com/v1");

  private final String id;
  private final String keyVariable;
  private final String baseUrlVariable;
  private final String defaultBaseUrl;

  ProviderKind(String id, String keyVariable, String baseUrlVariable, String defaultBaseUrl) {
    this.id = id;
    this.keyVariable = keyVariable;
    this.baseUrlVariable = baseUrlVariable;
    this.defaultBaseUrl = defaultBaseUrl;
  }

  public String id() {
    return id;
  }

  /** The environment variable holding the API key. */
  public String keyVariable() {
    return keyVariable;
  }

  /** The environment variable holding the base URL. */
  public String baseUrlVariable() {
    return baseUrlVariable;
  }

  public String defaultBaseUrl() {
    return defaultBaseUrl;
  }

  public static Optional<ProviderKind> parse(String name) {
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "anthropic", "claude" -> Optional.of(ANTHROPIC);
      case "openai", "openai-compatible", "openai_compatible" -> Optional.of(OPENAI);
      default -> Optional.empty();
    };
  }
}
