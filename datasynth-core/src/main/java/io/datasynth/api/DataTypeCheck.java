package io.datasynth.api;

import io.datasynth.error.ConfigException;
import io.datasynth.error.Setting;
import io.datasynth.prompt.DataType;
import io.datasynth.schema.Schema;
import io.datasynth.text.Message;

/**
 * Whether a data type given by the user fits the schema's fields: a preference prompt for a schema without
 * {@code chosen} and {@code rejected} asks the model for fields the records then cannot hold.
 */
final class DataTypeCheck {
  private DataTypeCheck() {}

  /**
   * Refuses a given data type that contradicts the schema's fields.
   *
   * @throws ConfigException naming the type, the fields it needs and the type the fields suggest
   */
  static void check(SynthesisConfig config, Schema schema) {
    DataType given = config.dataType();
    if (given != null && !given.fits(schema)) {
      throw new ConfigException(Setting.DATA_TYPE, Message.of("error.data_type.contradicts", given.id(),
          Message.of("data_type.needs." + given.id()), DataType.detect(schema).id(), Setting.DATA_TYPE));
    }
  }
}
