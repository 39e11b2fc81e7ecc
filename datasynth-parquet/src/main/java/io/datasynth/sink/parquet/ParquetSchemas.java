package io.datasynth.sink.parquet;

import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.Schema;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/** The Parquet column types of a DataSynth schema, and the key-value metadata keys. */
final class ParquetSchemas {
  /** Key of the run's metadata (the JSON output's {@code metadata}, as compact JSON). */
  static final String METADATA_KEY = "datasynth.metadata";

  /** Key of the schema (as {@link io.datasynth.schema.SchemaWriter} writes it, as compact JSON). */
  static final String SCHEMA_KEY = "datasynth.schema";

  /** Name of the message type, which few tools show. */
  static final String MESSAGE = "record";

  private ParquetSchemas() {}

  /** One column per field, in the schema's order; required fields are required columns, others optional. */
  static MessageType of(Schema schema) {
    Types.MessageTypeBuilder message = Types.buildMessage();
    for (Field f : schema.fields()) {
      Type.Repetition repetition = f.required() ? Type.Repetition.REQUIRED : Type.Repetition.OPTIONAL;
      if (f.type() == FieldType.LIST) {
        Type element = primitive(f.itemType(), Type.Repetition.OPTIONAL, "element");
        message.addField((f.required() ? Types.requiredList() : Types.optionalList()).setElementType(element)
            .named(f.name()));
      } else {
        message.addField(primitive(f.type(), repetition, f.name()));
      }
    }
    return message.named(MESSAGE);
  }

  /** The primitive column of a scalar type; lists, objects and unknown (null) types are JSON text. */
  private static Type primitive(FieldType type, Type.Repetition repetition, String name) {
    if (type == null) {
      return Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.jsonType()).named(name);
    }
    return switch (type) {
      case TEXT -> Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType())
          .named(name);
      case INT -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
      case FLOAT -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
      case BOOL -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
      case LIST, OBJECT -> Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.jsonType())
          .named(name);
    };
  }
}
