package io.datasynth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasynth.error.ConfigException;
import io.datasynth.error.Setting;
import io.datasynth.prompt.DataType;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.Schema;
import io.datasynth.text.Messages;
import io.datasynth.text.SettingNames;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DataTypeCheckTest {
  static Schema schema(String... names) {
    return new Schema("demo", "", Arrays.stream(names).map(n -> Field.of(n, FieldType.TEXT)).toList(), List.of());
  }

  static SynthesisConfig given(DataType t) {
    return SynthesisConfig.builder().dataType(t).build();
  }

  @Nested
  class AGivenTypeThatContradictsTheFields {
    @Test
    void isAnErrorNamingWhatTheTypeNeedsAndWhatTheFieldsSuggest() {
      Schema qa = schema("question", "answer");
      assertThatThrownBy(() -> DataTypeCheck.check(given(DataType.PREFERENCE), qa))
          .isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.setting()).isEqualTo(Setting.DATA_TYPE);
            assertThat(e.getMessage()).contains("preference").contains("chosen").contains("rejected")
                .contains("(instruction_response)").contains("leave out data_type").contains("give validate: false");
            assertThat(new Messages(Locale.CHINESE, SettingNames.KEYS).render(e.detail()))
                .contains("数据类型 preference 需要 prompt、chosen 和 rejected 字段");
          });
    }

    @Test
    void isAWarningWhenTheUserInsistsByKeepingRecordsThatBreakTheSchema() {
      SynthesisConfig insisting = SynthesisConfig.builder().dataType(DataType.PREFERENCE).validate(false).build();
      assertThat(DataTypeCheck.check(insisting, schema("question", "answer")))
          .hasValueSatisfying(m -> assertThat(Messages.english().render(m)).contains("preference")
              .contains("used anyway"));
    }

    @Test
    void coversEveryTypeButGeneric() {
      Schema plain = schema("title", "body");
      for (DataType t : DataType.values()) {
        if (t == DataType.GENERIC) {
          assertThatCode(() -> DataTypeCheck.check(given(t), plain)).doesNotThrowAnyException();
        } else {
          assertThatThrownBy(() -> DataTypeCheck.check(given(t), plain)).as(t.id())
              .isInstanceOf(ConfigException.class).hasMessageNotContaining("data_type.needs");
        }
      }
    }
  }

  @Nested
  class ATypeThatFits {
    @Test
    void passesAsDoesNoTypeAtAll() {
      assertThatCode(() -> DataTypeCheck.check(given(DataType.PREFERENCE), schema("prompt", "chosen", "rejected")))
          .doesNotThrowAnyException();
      assertThatCode(() -> DataTypeCheck.check(given(DataType.MULTI_TURN), schema("messages")))
          .doesNotThrowAnyException();
      assertThatCode(() -> DataTypeCheck.check(given(null), schema("x"))).doesNotThrowAnyException();
    }
  }
}
