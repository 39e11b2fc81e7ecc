package io.datasynth.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasynth.error.InputException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
  static final Path FILE = Path.of("t.md");

  @Test
  void aNulCharacterIsRefusedNamingItsLine() {
    assertThatThrownBy(() -> Template.parse("one\n{{seed_examples}}\nthree\u0000", FILE))
        .isInstanceOf(InputException.class).hasMessageStartingWith("t.md:3: the template holds a NUL character");
  }

  @Test
  void anUnknownPlaceholderIsRefusedNamingItsLine() {
    assertThatThrownBy(() -> Template.parse("a\nb {{examples}}", FILE)).hasMessageStartingWith("t.md:2: unknown");
  }

  @Test
  void rendersKnownPlaceholders() {
    assertThat(Template.parse("n={{batch_size}}", FILE).render(Map.of("batch_size", "5"))).isEqualTo("n=5");
  }
}
