package io.datasynth.api;

import io.datasynth.error.ConfigException;
import io.datasynth.error.Setting;
import io.datasynth.model.ModelProfiles;
import io.datasynth.provider.ProviderKind;
import io.datasynth.text.Message;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the model belongs to another provider than the one asked for ({@code -m gpt-4o -p anthropic}): the
 * model profiles know it only under the other provider's API. Against the provider's own public API that request
 * can only fail, so it is an error; through a base URL of the user's (a proxy may serve any model in either format)
 * it is a notice.
 */
final class ProviderCheck {
  private ProviderCheck() {}

  /**
   * Checks the model against the provider.
   *
   * @param env where a base URL may be set ({@code ANTHROPIC_BASE_URL}, {@code OPENAI_BASE_URL})
   * @param sending false for an estimate, which sends nothing and so is only told
   * @return a notice when the model looks like another provider's but a base URL of the user's may serve it, or
   *     nothing is sent
   * @throws ConfigException naming the model, the provider it belongs to and the two settings to change
   */
  static Optional<Message> check(SynthesisConfig config, Map<String, String> env, boolean sending) {
    ModelProfiles profiles = ModelProfiles.of(config.models());
    ProviderKind asked = config.provider();
    if (profiles.lookup(asked, config.model()).known()) {
      return Optional.empty();
    }
    for (ProviderKind other : ProviderKind.values()) {
      if (other != asked && profiles.lookup(other, config.model()).known()) {
        String url = env.get(asked.baseUrlVariable());
        boolean ownServer = config.baseUrl() != null || !config.endpoints().isEmpty() || (url != null && !url.isBlank());
        Message m = Message.of(ownServer ? "notice.model.other_provider" : "error.model.other_provider",
            config.model(), other.id(), asked.id(), Setting.PROVIDER, Setting.MODEL);
        if (!ownServer && sending) {
          throw new ConfigException(Setting.PROVIDER, m);
        }
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
