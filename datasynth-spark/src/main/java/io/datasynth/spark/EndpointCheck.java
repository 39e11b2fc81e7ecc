package io.datasynth.spark;

import io.datasynth.api.SynthesisConfig;
import io.datasynth.model.ModelProfile;
import io.datasynth.model.ModelProfiles;
import io.datasynth.provider.ProviderSettings;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks every endpoint of the fleet on the driver before any task starts, so that a mistyped URL is one clear
 * error (exit code 2) instead of failed tasks. Keys are not checked here: each executor reads its key from its own
 * environment, which the driver may not share.
 */
final class EndpointCheck {
  private EndpointCheck() {}

  static void check(SynthesisConfig config, Fleet fleet) {
    ModelProfile profile = ModelProfiles.of(config.models()).lookup(config.provider(), config.model());
    for (Endpoint e : fleet.endpoints()) {
      String variable = e.keyVariable() != null ? e.keyVariable()
          : config.apiKeyVariable() != null && !config.apiKeyVariable().isBlank() ? config.apiKeyVariable()
          : config.provider().keyVariable();
      // A stand-in key: only the URL is checked, nothing is sent.
      Map<String, String> env = new HashMap<>();
      env.put(variable, "checked-on-the-executors");
      ProviderSettings.resolve(config.provider(), config.model(), e.baseUrl(), variable, env,
          config.requestTimeout(), profile);
    }
  }
}
