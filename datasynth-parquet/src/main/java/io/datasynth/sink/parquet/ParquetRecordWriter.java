package io.datasynth.sink.parquet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.InputException;
import io.datasynth.json.Json;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.Schema;
import io.datasynth.sink.DatasetHeader;
import io.datasynth.sink.RecordWriter;
import io.datasynth.error.Command;
import io.datasynth.text.Message;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/** One Parquet file being written from JSON records, typed by the schema. Not thread-safe. */
final class ParquetRecordWriter implements RecordWriter {
  /** Rows are buffered per row group before they are written, so this bounds the memory a file needs. */
  private static final int ROW_GROUP_BYTES = 32 << 20;

  private static final int PAGE_BYTES = 1 << 20;

  private final ParquetWriter<Row> writer;

  /** A record with its position, for error messages. */
  private record Row(ObjectNode record, long number) {}

  ParquetRecordWriter(OutputStream out, DatasetHeader header) throws IOException {
    Schema schema = header.typedSchema().orElseThrow();
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put(ParquetSchemas.METADATA_KEY, Json.compact(header.metadata()));
    extra.put(ParquetSchemas.SCHEMA_KEY, Json.compact(header.schema()));
    this.writer = new Builder(new StreamOutputFile(out), new Support(schema, extra))
        .withConf(new PlainParquetConfiguration())
        .withCodecFactory(new Codecs())
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withRowGroupSize((long) ROW_GROUP_BYTES)
        .withPageSize(PAGE_BYTES)
        .withDictionaryEncoding(true)
        .build();
  }

  @Override
  public void write(ObjectNode record, long number) throws IOException {
    writer.write(new Row(record, number));
  }

  @Override
  public void finish() throws IOException {
    writer.close();
  }

  private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
    private final Support support;

    Builder(OutputFile file, Support support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Row> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
      return support;
    }

    @Override
    protected WriteSupport<Row> getWriteSupport(ParquetConfiguration conf) {
      return support;
    }
  }

  /** Turns one JSON record into one Parquet row. */
  private static final class Support extends WriteSupport<Row> {
    private final List<Field> fields;
    private final MessageType type;
    private final Map<String, String> extra;
    private RecordConsumer consumer;

    Support(Schema schema, Map<String, String> extra) {
      this.fields = schema.fields();
      this.type = ParquetSchemas.of(schema);
      this.extra = extra;
    }

    @Override
    public WriteContext init(org.apache.hadoop.conf.Configuration conf) {
      return new WriteContext(type, extra);
    }

    @Override
    public WriteContext init(ParquetConfiguration conf) {
      return new WriteContext(type, extra);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      consumer = recordConsumer;
    }

    @Override
    public void write(Row row) {
      checkKeys(row);
      consumer.startMessage();
      for (int i = 0; i < fields.size(); i++) {
        Field f = fields.get(i);
        JsonNode v = row.record().get(f.name());
        if (v == null || v.isNull()) {
          if (f.required()) {
            throw unfit(row, f, Message.of("parquet.required"), Message.of("parquet.required.fix",
                Command.VALIDATE));
          }
          continue;
        }
        consumer.startField(f.name(), i);
        if (f.type() == FieldType.LIST) {
          writeList(row, f, v);
        } else {
          writeValue(row, f, f.type(), v);
        }
        consumer.endField(f.name(), i);
      }
      consumer.endMessage();
    }

    private void writeList(Row row, Field f, JsonNode v) {
      if (!v.isArray()) {
        throw unfit(row, f, Message.of("parquet.not_list", Json.kindOf(v)), null);
      }
      consumer.startGroup();
      if (!v.isEmpty()) {
        consumer.startField("list", 0);
        for (JsonNode item : v) {
          consumer.startGroup();
          if (!item.isNull()) {
            consumer.startField("element", 0);
            writeValue(row, f, f.itemType(), item);
            consumer.endField("element", 0);
          }
          consumer.endGroup();
        }
        consumer.endField("list", 0);
      }
      consumer.endGroup();
    }

    /** Writes a scalar of {@code type}, or JSON text for lists, objects and untyped (null) list items. */
    private void writeValue(Row row, Field f, FieldType type, JsonNode v) {
      if (type == null || type == FieldType.LIST || type == FieldType.OBJECT) {
        consumer.addBinary(Binary.fromString(Json.compact(v)));
        return;
      }
      switch (type) {
        case TEXT -> {
          if (v.isContainerNode()) {
            throw unfit(row, f, Message.of("parquet.not_text", Json.kindOf(v)), null);
          }
          consumer.addBinary(Binary.fromString(v.asText()));
        }
        case INT -> consumer.addLong(integer(row, f, v));
        case FLOAT -> consumer.addDouble(number(row, f, v).doubleValue());
        case BOOL -> {
          if (v.isBoolean()) {
            consumer.addBoolean(v.booleanValue());
          } else if (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) {
            consumer.addBoolean(Boolean.parseBoolean(v.asText()));
          } else {
            throw unfit(row, f, Message.of("parquet.not_boolean", Json.kindOf(v)), null);
          }
        }
        default -> throw new IllegalStateException("no column for " + type);
      }
    }

    private long integer(Row row, Field f, JsonNode v) {
      BigDecimal d = number(row, f, v);
      try {
        return d.stripTrailingZeros().longValueExact();
      } catch (ArithmeticException e) {
        throw unfit(row, f, Message.of("parquet.not_long", d.toPlainString()), null);
      }
    }

    private BigDecimal number(Row row, Field f, JsonNode v) {
      try {
        if (v.isNumber()) {
          return v.decimalValue();
        }
        if (v.isTextual()) {
          return new BigDecimal(v.asText().strip());
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw unfit(row, f, Message.of("parquet.not_number", Json.kindOf(v)), null);
    }

    private void checkKeys(Row row) {
      for (Iterator<String> it = row.record().fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (fields.stream().noneMatch(f -> f.name().equals(key))) {
          throw InputException.of(null, Message.of("parquet.extra_field", row.number(), key),
              Message.of("parquet.extra_field.fix"));
        }
      }
    }

    private static InputException unfit(Row row, Field f, Message problem, Message fix) {
      return InputException.of(null, Message.of("parquet.unfit", row.number(), f.name(), f.type().typeName(),
          problem), fix != null ? fix : Message.of("parquet.unfit.fix"));
    }
  }
}
