package io.datasynth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.prompt.Language;
import io.datasynth.schema.Constraints;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.Schema;
import io.datasynth.seed.Seed;
import io.datasynth.testkit.RecordSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Records for the fake provider that fit a schema: every field of the right type, inside its range, length and
 * enum, numbered so no two are the same, with random words (or Chinese characters, when the seeds are Chinese) so
 * they are not near-duplicates either. Text with a pattern borrows a value from the seeds.
 */
final class SchemaRecords implements RecordSource {
  private static final String HANZI = "的一是在不有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能"
      + "下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性"
      + "好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只";

  private final Schema schema;
  private final List<Seed> seeds;
  private final boolean chinese;
  private final AtomicLong counter = new AtomicLong(1);

  SchemaRecords(Schema schema, List<Seed> seeds) {
    this.schema = schema;
    this.seeds = List.copyOf(seeds);
    this.chinese = seeds.isEmpty() ? schema.description().codePoints().anyMatch(SchemaRecords::isHan)
        : Language.detect(seeds) == Language.ZH;
  }

  @Override
  public List<ObjectNode> next(int count, RandomGenerator random) {
    List<ObjectNode> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long n = counter.getAndIncrement();
      ObjectNode record = Json.object();
      boolean numbered = false;
      for (Field f : schema.fields()) {
        boolean number = !numbered && f.type() == FieldType.TEXT && f.constraints().allowed().isEmpty()
            && f.constraints().pattern() == null;
        numbered |= number;
        record.set(f.name(), value(f, number ? n : -1, random));
      }
      out.add(record);
    }
    return out;
  }

  private JsonNode value(Field f, long n, RandomGenerator r) {
    Constraints c = f.constraints();
    var nodes = Json.mapper().getNodeFactory();
    if (!c.allowed().isEmpty()) {
      return c.allowed().get(r.nextInt(c.allowed().size()));
    }
    return switch (f.type()) {
      case TEXT -> c.pattern() != null ? borrowed(f, r) : nodes.textNode(text(f, n, r));
      case INT -> nodes.numberNode(integer(c, r));
      case FLOAT -> nodes.numberNode(Math.floor(between(c, 0, 1, r) * 100) / 100.0);
      case BOOL -> nodes.booleanNode(r.nextBoolean());
      case LIST -> list(f, r);
      case OBJECT -> Json.object().put("note", words(r, 4));
    };
  }

  private String text(Field f, long n, RandomGenerator r) {
    Constraints c = f.constraints();
    int min = c.minLength() == null ? 0 : c.minLength();
    int max = c.maxLength() == null ? Integer.MAX_VALUE : c.maxLength();
    StringBuilder sb = new StringBuilder();
    if (n > 0) {
      sb.append(f.displayName()).append(' ').append(n).append(chinese ? "：" : ": ");
    }
    sb.append(words(r, 10));
    while (sb.codePointCount(0, sb.length()) < min) {
      sb.append(chinese ? "，" : " ").append(words(r, 6));
    }
    String t = sb.toString();
    if (t.codePointCount(0, t.length()) > max) {
      t = t.substring(0, t.offsetByCodePoints(0, max));
    }
    return t;
  }

  private JsonNode borrowed(Field f, RandomGenerator r) {
    List<JsonNode> values = seeds.stream().map(s -> s.data().get(f.name())).filter(v -> v != null && !v.isNull())
        .toList();
    return values.isEmpty() ? Json.mapper().getNodeFactory().textNode("x") : values.get(r.nextInt(values.size()));
  }

  private JsonNode list(Field f, RandomGenerator r) {
    ArrayNode a = Json.mapper().createArrayNode();
    String name = f.name().toLowerCase(Locale.ROOT);
    Constraints c = f.constraints();
    int min = c.minLength() == null ? 1 : c.minLength();
    int max = c.maxLength() == null ? Math.max(min, 3) : c.maxLength();
    int size = min + r.nextInt(Math.max(1, max - min + 1));
    if (name.startsWith("conversation") || name.equals("messages")) {
      int turns = Math.max(2, size - size % 2);
      for (int i = 0; i < turns; i++) {
        a.addObject().put("role", i % 2 == 0 ? "user" : "assistant").put("content", words(r, 8));
      }
      return a;
    }
    for (int i = 0; i < size; i++) {
      FieldType item = f.itemType() == null ? FieldType.TEXT : f.itemType();
      a.add(value(new Field("item", "item", item, "", true, Constraints.NONE, null), -1, r));
    }
    return a;
  }

  private static double between(Constraints c, double lo, double hi, RandomGenerator r) {
    double min = c.min() == null ? (c.max() == null ? lo : Math.min(lo, c.max())) : c.min();
    double max = c.max() == null ? Math.max(min, hi) : c.max();
    return min + r.nextDouble() * (max - min);
  }

  private static long integer(Constraints c, RandomGenerator r) {
    long min = (long) Math.ceil(c.min() == null ? Math.min(0, c.max() == null ? 0 : c.max()) : c.min());
    long max = (long) Math.floor(c.max() == null ? min + 100 : c.max());
    return min + r.nextLong(Math.max(1, max - min + 1));
  }

  private String words(RandomGenerator r, int count) {
    StringBuilder sb = new StringBuilder();
    for (int w = 0; w < count; w++) {
      if (chinese) {
        sb.append(HANZI.charAt(r.nextInt(HANZI.length()))).append(HANZI.charAt(r.nextInt(HANZI.length())));
      } else {
        if (w > 0) {
          sb.append(' ');
        }
        int len = 3 + r.nextInt(7);
        for (int i = 0; i < len; i++) {
          sb.append((char) ('a' + r.nextInt(26)));
        }
      }
    }
    return sb.toString();
  }

  private static boolean isHan(int cp) {
    return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
  }
}
