package io.datasynth.testkit;

import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The JSON mapper and writers of the test kit; configured once and never changed, so safe to share. */
final class Jsons {
  static final ObjectMapper MAPPER = JsonMapper.builder().build();
  static final ObjectWriter COMPACT = MAPPER.writer();
  static final ObjectWriter PRETTY =
      MAPPER.writer(
          new DefaultPrettyPrinter(
              Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

  private Jsons() {}
}
