package io.datasynth.api;

import io.datasynth.error.InputException;
import io.datasynth.error.Setting;
import io.datasynth.quality.RecordValidator;
import io.datasynth.quality.Validation;
import io.datasynth.recipe.Inputs;
import io.datasynth.seed.Seed;
import io.datasynth.text.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Checks the seeds against the schema: seeds that break it are reported (which seed, which field) and left out of
 * the prompt examples, or, in strict mode, are an error.
 */
final class SeedCheck {
  private SeedCheck() {}

  static Inputs apply(Inputs inputs, boolean strict, Consumer<String> warn) {
    RecordValidator validator = new RecordValidator(inputs.schema());
    List<Seed> kept = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Seed s : inputs.seeds()) {
      Validation v = validator.validate(s.data());
      if (v instanceof Validation.Invalid bad) {
        problems.add(s.id() + ": " + bad.violations().get(0).message());
      } else {
        kept.add(s);
      }
    }
    if (problems.isEmpty()) {
      return inputs;
    }
    Object first = problems.size() > 1 ? Message.of("seeds.first", problems.get(0), problems.size() - 1)
        : problems.get(0);
    if (strict) {
      throw InputException.of(inputs.seedsFile(), Message.of("seeds.strict", problems.size(), inputs.seeds().size(),
          first), Message.of("seeds.strict.fix", Setting.STRICT));
    }
    if (kept.isEmpty()) {
      throw InputException.of(inputs.seedsFile(), Message.of("seeds.all_invalid", first),
          Message.of("seeds.all_invalid.fix"));
    }
    for (String p : problems) {
      warn.accept("seed " + p + " — left out of the prompt examples");
    }
    return inputs.withSeeds(kept);
  }
}
