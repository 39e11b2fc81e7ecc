package io.datasynth.generate;

import io.datasynth.record.Provenance;
import java.time.Instant;
import java.util.List;

/**
 * What every record of one run shares in its provenance: the provider, the model, the run's number and its prompt
 * settings; the request details are filled in per reply.
 */
public record ProvenanceTemplate(String provider, String model, int run, String settings) {

  Provenance of(long batch, int attempt, List<String> examples, Instant at) {
    return of(batch, attempt, examples, at, java.util.Map.of());
  }

  /** The provenance of a batch whose plan asked for {@code plan} (axis to label). */
  Provenance of(long batch, int attempt, List<String> examples, Instant at, java.util.Map<String, String> plan) {
    return new Provenance(Provenance.Origin.API, provider, model, run, batch, attempt, examples, settings, at, null,
        null, plan);
  }
}
