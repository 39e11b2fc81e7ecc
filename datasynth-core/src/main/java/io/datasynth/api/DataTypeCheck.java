package io.datasynth.api;

import io.datasynth.error.ConfigException;
import io.datasynth.error.Setting;
import io.datasynth.error.SettingValue;
import io.datasynth.prompt.DataType;
import io.datasynth.schema.Schema;
import io.datasynth.text.Message;
import java.util.Optional;

/**
 * Whether a data type given by the user fits the schema's fields: a preference prompt for a schema without
 * {@code chosen} and {@code rejected} asks the model for fields the records then cannot hold. A user who insists,
 * by also keeping records that break the schema (validation off), gets a warning instead.
 */
final class DataTypeCheck {
  private DataTypeCheck() {}

  /**
   * Refuses a given data type that contradicts the schema's fields, unless validation is off.
   *
   * @return the warning when validation is off and the type contradicts the fields, else empty
   * @throws ConfigException naming the type, the fields it needs, the type the fields suggest and how to insist
   */
  static Optional<Message> check(SynthesisConfig config, Schema schema) {
    DataType given = config.dataType();
    if (given == null || given.fits(schema)) {
      return Optional.empty();
    }
    Object[] args = {given.id(), Message.of("data_type.needs." + given.id()), DataType.detect(schema).id(),
        Setting.DATA_TYPE, SettingValue.of(Setting.VALIDATE, false)};
    if (!config.validate()) {
      return Optional.of(Message.of("notice.data_type.contradicts", args));
    }
    throw new ConfigException(Setting.DATA_TYPE, Message.of("error.data_type.contradicts", args));
  }
}
