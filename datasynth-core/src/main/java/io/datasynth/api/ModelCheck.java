package io.datasynth.api;

import io.datasynth.error.ConfigException;
import io.datasynth.error.Setting;
import io.datasynth.model.ModelProfile;
import io.datasynth.model.ModelProfiles;
import io.datasynth.text.Message;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Checks a run's settings against what its model accepts, before any request: a temperature for a model that takes
 * none, one above the model's range, an effort it does not know, an output limit above its maximum.
 */
final class ModelCheck {
  private ModelCheck() {}

  /** The profile of the configured model. */
  static ModelProfile profile(SynthesisConfig config) {
    return ModelProfiles.of(config.models()).lookup(config.provider(), config.model());
  }

  /**
   * Checks the settings and says what the user should know.
   *
   * @return a notice for a model no profile describes, or empty
   * @throws ConfigException naming the setting, the model and what to do instead
   */
  static Optional<Message> check(SynthesisConfig config, ModelProfile profile) {
    String model = config.model();
    if (config.temperature() != null) {
      if (!profile.acceptsTemperature()) {
        throw new ConfigException(Setting.TEMPERATURE, Message.of("error.temperature.unsupported", model,
            profile.family(), Setting.TEMPERATURE, Setting.DIVERSITY));
      }
      if (config.temperature() > profile.temperatureMax()) {
        throw new ConfigException(Setting.TEMPERATURE, Message.of("error.temperature.range",
            config.temperature().toString(), model, profile.temperatureMax().toString(), Setting.TEMPERATURE));
      }
    }
    if (config.reasoningEffort() != null) {
      if (!profile.reasoning().takesEffort()) {
        throw new ConfigException(Setting.REASONING_EFFORT, Message.of("error.effort.unsupported", model,
            profile.family(), Setting.REASONING_EFFORT));
      }
      if (!profile.reasoning().efforts().contains(config.reasoningEffort())) {
        throw new ConfigException(Setting.REASONING_EFFORT, Message.of("error.effort.value",
            config.reasoningEffort(), model, String.join(", ", new TreeSet<>(profile.reasoning().efforts())),
            Setting.REASONING_EFFORT));
      }
    }
    if (config.maxTokens() > profile.maxOutputTokens()) {
      throw new ConfigException(Setting.MAX_TOKENS, Message.of("error.max_tokens.too_large",
          Integer.toString(config.maxTokens()), model, Integer.toString(profile.maxOutputTokens()),
          Setting.MAX_TOKENS));
    }
    if (!profile.known()) {
      return Optional.of(Message.of("notice.model.unknown", model, profile.outputLimit().id(), Setting.MODELS,
          ModelProfiles.RESOURCE.substring(1)));
    }
    return Optional.empty();
  }
}
