package io.datasynth.api;

import io.datasynth.error.InputException;
import io.datasynth.error.Setting;
import io.datasynth.quality.RecordValidator;
import io.datasynth.quality.Validation;
import io.datasynth.quality.Violation;
import io.datasynth.recipe.Inputs;
import io.datasynth.seed.Seed;
import io.datasynth.text.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Checks the seeds against the schema: seeds that break it are reported (which seed, every field it breaks) and left
 * out of the prompt examples, or, in strict mode, are an error.
 */
final class SeedCheck {
  /** Seeds an error names one by one; the rest are counted. */
  static final int NAMED = 5;

  private SeedCheck() {}

  static Inputs apply(Inputs inputs, boolean strict, Consumer<Message> warn) {
    RecordValidator validator = new RecordValidator(inputs.schema());
    List<Seed> kept = new ArrayList<>();
    List<Message> problems = new ArrayList<>();
    for (Seed s : inputs.seeds()) {
      Validation v = validator.validate(s.data());
      if (v instanceof Validation.Invalid bad) {
        Message all = bad.first().detail();
        for (Violation more : bad.violations().subList(1, bad.violations().size())) {
          all = Message.of("seeds.invalid.also", all, more.detail());
        }
        problems.add(Message.of("seeds.invalid.seed", s.id(), all));
      } else {
        kept.add(s);
      }
    }
    if (problems.isEmpty()) {
      return inputs;
    }
    if (strict || kept.isEmpty()) {
      Message named = Message.of("seeds.invalid.list", list(problems),
          problems.size() > NAMED ? Message.of("seeds.invalid.more", problems.size() - NAMED) : "");
      throw strict
          ? InputException.of(inputs.seedsFile(), Message.of("seeds.invalid.strict", problems.size(),
              inputs.seeds().size(), named), Message.of("seeds.invalid.strict.fix", Setting.STRICT))
          : InputException.of(inputs.seedsFile(), Message.of("seeds.invalid.all", named),
              Message.of("seeds.invalid.all.fix"));
    }
    for (Message p : problems) {
      warn.accept(Message.of("notice.seed.invalid", p));
    }
    return inputs.withSeeds(kept);
  }

  /** The first {@link #NAMED} problems as one message, separated in the reader's language. */
  private static Message list(List<Message> problems) {
    Message m = problems.get(0);
    for (Message p : problems.subList(1, Math.min(NAMED, problems.size()))) {
      m = Message.of("seeds.invalid.and", m, p);
    }
    return m;
  }
}
