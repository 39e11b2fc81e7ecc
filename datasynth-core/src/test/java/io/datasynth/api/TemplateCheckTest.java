package io.datasynth.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasynth.prompt.Template;
import io.datasynth.text.Messages;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TemplateCheckTest {
  static SynthesisConfig with(String template) {
    return SynthesisConfig.builder().model("m").template(template == null ? null
        : Template.parse(template, Path.of("t.txt"))).build();
  }

  @Test
  void warnsOfATemplateThatDoesNotAskForTheRecordsFormat() {
    assertThat(TemplateCheck.check(with("Write {{batch_size}} records like {{seed_examples}}")))
        .hasValueSatisfying(m -> assertThat(Messages.english().render(m)).contains("has no {{output_format}}"));
  }

  @Test
  void isQuietForATemplateThatDoesAndForTheBuiltInOnes() {
    assertThat(TemplateCheck.check(with("Records as {{output_format}}"))).isEmpty();
    assertThat(TemplateCheck.check(with(null))).isEmpty();
  }
}
