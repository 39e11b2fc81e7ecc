package io.datasynth.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.parse.ParsedReply;
import io.datasynth.parse.ReplyParser;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reply parsing: {@link ReplyParser#parse} of one model reply holding 5 records of real text (English or Chinese,
 * see {@link BenchData}), as the engine does for every reply on an HTTP thread.
 *
 * <ul>
 *   <li>{@code fenced}: a sentence, then the 5 records as a pretty-printed list in a {@code ```json} fence; the
 *       usual well-behaved reply.
 *   <li>{@code messy}: prose around three fences: two records one per line with a trailing comma, a fence with a
 *       comment, a trailing comma inside an object, a single-quoted value and a raw newline in a string, a record
 *       in the prose between fences, and a last fence cut off inside its record, as a reply stopped at
 *       {@code max_tokens} is.
 * </ul>
 *
 * <p>Run from the project root: {@code java -jar datasynth-bench/target/benchmarks.jar ParseBench}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParseBench {
  @Param({"en", "zh"})
  public String language;

  @Param({"fenced", "messy"})
  public String reply;

  private ReplyParser parser;
  private String text;

  @Setup
  public void setUp() {
    List<BenchData.Pair> pairs = BenchData.pairs(language);
    ObjectNode[] r = new ObjectNode[5];
    for (int i = 0; i < r.length; i++) {
      r[i] = BenchData.schemaRecord(pairs.get((100 + i) % pairs.size()), i);
    }
    parser = new ReplyParser(BenchData.schema().fieldNames());
    text = "fenced".equals(reply) ? fenced(r) : messy(r);
    int found = parser.parse(text).records().size();
    if (found < ("fenced".equals(reply) ? 5 : 4)) {
      throw new IllegalStateException("the " + reply + " reply should give 5 records (4 for messy), gave " + found);
    }
  }

  @Benchmark
  public ParsedReply parse() {
    return parser.parse(text);
  }

  static String fenced(ObjectNode[] records) {
    ArrayNode list = Json.mapper().createArrayNode();
    for (ObjectNode r : records) {
      list.add(r);
    }
    return "Here are 5 new records that follow the schema and differ from the examples:\n\n```json\n"
        + Json.pretty(list) + "\n```\n";
  }

  static String messy(ObjectNode[] r) {
    String third = Json.compact(r[2]);
    third = third.substring(0, third.length() - 1) + ",}";
    third = third.replace("\"category\":\"" + r[2].get("category").asText() + "\"",
        "\"category\": '" + r[2].get("category").asText() + "'");
    String fourth = Json.compact(r[3]).replace("\\n", "\n");
    String last = Json.compact(r[4]);
    return "Sure! Below are the records. I kept them different from the examples, as you asked.\n\n```\n"
        + Json.compact(r[0]) + ",\n" + Json.compact(r[1]) + "\n```\n\nThe next one is longer:\n\n```json\n"
        + "// record 3\n" + third + "\n" + fourth + "\n```\n\nFor reference, the first example was "
        + Json.compact(r[0]) + " and I did not copy it.\n\n```json\n[" + last.substring(0, last.length() * 2 / 3);
  }
}
