package io.datasynth.api;

import io.datasynth.json.Json;
import io.datasynth.model.ModelProfile;
import io.datasynth.prompt.PromptBuilder;
import io.datasynth.recipe.Inputs;
import io.datasynth.schema.SchemaWriter;
import io.datasynth.seed.Seed;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fingerprints that tell runs of an output apart. The inputs' (schema and seeds) must match for records to be
 * mixed in one output; the prompt settings' only labels records, since records made under other settings are still
 * valid records of the same schema. Seeds are hashed one by one, so a huge seed file is hashed in linear time.
 */
final class Fingerprints {
  private Fingerprints() {}

  /** SHA-256 of the schema and every seed, as hex. */
  static String inputs(Inputs inputs) {
    MessageDigest md = sha256();
    update(md, Json.compact(SchemaWriter.toJson(inputs.schema())));
    for (Seed s : inputs.seeds()) {
      update(md, Json.compact(s.data()));
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** A short fingerprint of everything that shapes the prompts and the sampling, but not the records' rules. */
  static String promptSettings(SynthesisConfig c, PromptBuilder prompts, Inputs inputs, ModelProfile profile) {
    return promptSettings(c, prompts, inputs, profile, "");
  }

  /** The same, with the prompt layout of the run's cost plan (empty for the default layout). */
  static String promptSettings(SynthesisConfig c, PromptBuilder prompts, Inputs inputs, ModelProfile profile,
      String layout) {
    MessageDigest md = sha256();
    update(md, c.provider().id());
    update(md, c.model());
    update(md, String.valueOf(c.temperature()));
    update(md, String.valueOf(c.reasoningEffort()));
    update(md, Integer.toString(c.batchSize()));
    update(md, prompts.dataType().id());
    update(md, prompts.language().name());
    update(md, Double.toString(c.diversity()));
    update(md, Integer.toString(c.examplesPerPrompt()));
    update(md, Long.toString(c.seed()));
    update(md, c.template() == null ? "" : c.template().text());
    update(md, inputs.guidelines() == null ? "" : inputs.guidelines());
    update(md, profile.family());
    if (!layout.isEmpty()) {
      update(md, layout);
    }
    return HexFormat.of().formatHex(md.digest()).substring(0, 12);
  }

  private static void update(MessageDigest md, String s) {
    md.update(s.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
