package io.datasynth.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.metrics.DatasetMetrics.Cluster;
import io.datasynth.metrics.DatasetMetrics.Diversity;
import io.datasynth.metrics.DatasetMetrics.FieldMetrics;
import io.datasynth.metrics.DatasetMetrics.LengthBin;
import io.datasynth.metrics.DatasetMetrics.LengthSummary;
import io.datasynth.metrics.DatasetMetrics.SeedMatch;
import io.datasynth.metrics.DatasetMetrics.SimilarPair;
import io.datasynth.metrics.DatasetMetrics.ValueShare;
import java.util.Locale;

/**
 * The metrics as JSON, keyed in snake case: the {@code quality} object of the MCP results and of
 * {@code datasynth report --json}. The sample records are left out (they are in the dataset).
 */
public final class DatasetMetricsJson {
  private DatasetMetricsJson() {}

  public static ObjectNode of(DatasetMetrics m) {
    ObjectNode o = Json.object();
    o.put("records", m.records());
    o.put("seeds", m.seeds());
    ArrayNode fields = o.putArray("fields");
    for (FieldMetrics f : m.fields()) {
      ObjectNode j = fields.addObject();
      j.put("name", f.name());
      j.put("type", f.type());
      j.put("kind", f.kind().name().toLowerCase(Locale.ROOT));
      if (f.records() != null) {
        j.set("diversity", diversity(f.records()));
      }
      if (f.seeds() != null) {
        j.set("seed_diversity", diversity(f.seeds()));
      }
      if (f.lengths() != null) {
        ObjectNode l = j.putObject("lengths");
        putSummary(l, "records", f.lengths().records());
        putSummary(l, "seeds", f.lengths().seeds());
        ArrayNode bins = l.putArray("bins");
        for (LengthBin b : f.lengths().bins()) {
          ObjectNode bin = bins.addObject();
          bin.put("from", b.from());
          if (b.to() == Long.MAX_VALUE) {
            bin.putNull("to");
          } else {
            bin.put("to", b.to());
          }
          bin.put("seed_share", round(b.seedShare()));
          bin.put("record_share", round(b.recordShare()));
        }
      }
      if (f.values() != null) {
        ArrayNode values = j.putArray("values");
        for (ValueShare v : f.values()) {
          ObjectNode value = values.addObject();
          value.put("value", v.value());
          value.put("seeds", v.seedCount());
          value.put("records", v.recordCount());
          if (v.target() == null) {
            value.putNull("target");
          } else {
            value.put("target", round(v.target()));
          }
        }
      }
    }
    ObjectNode self = o.putObject("self_similarity");
    self.put("sampled", m.selfSimilarity().sampled());
    self.put("pairs", m.selfSimilarity().pairs());
    self.put("mean", round(m.selfSimilarity().mean()));
    ArrayNode pairs = self.putArray("most_similar");
    for (SimilarPair p : m.selfSimilarity().mostSimilar()) {
      ObjectNode pair = pairs.addObject();
      pair.put("a", p.a().id());
      pair.put("b", p.b().id());
      pair.put("similarity", round(p.similarity()));
    }
    self.put("cluster_threshold", m.selfSimilarity().clusterThreshold());
    ArrayNode clusters = self.putArray("clusters");
    for (Cluster c : m.selfSimilarity().clusters()) {
      ObjectNode cluster = clusters.addObject();
      cluster.put("size", c.size());
      ArrayNode members = cluster.putArray("members");
      c.members().forEach(r -> members.add(r.id()));
    }
    if (m.seedSimilarity() == null) {
      o.putNull("seed_similarity");
    } else {
      ObjectNode s = o.putObject("seed_similarity");
      s.put("compared_seeds", m.seedSimilarity().compared());
      s.put("mean", round(m.seedSimilarity().mean()));
      s.put("max", round(m.seedSimilarity().max()));
      ArrayNode h = s.putArray("histogram");
      m.seedSimilarity().histogram().forEach(h::add);
      s.put("threshold", m.seedSimilarity().threshold());
      s.put("seed_copies", m.seedSimilarity().seedCopies());
      ArrayNode closest = s.putArray("closest");
      for (SeedMatch c : m.seedSimilarity().closest()) {
        ObjectNode match = closest.addObject();
        match.put("record", c.record().id());
        match.put("seed", c.seed());
        match.put("similarity", round(c.similarity()));
        match.put("copy", c.copy());
      }
    }
    if (m.judge() == null) {
      o.putNull("judge");
    } else {
      ObjectNode j = o.putObject("judge");
      j.put("judged", m.judge().judged());
      j.put("mean", round(m.judge().mean()));
      j.put("min", m.judge().min());
      j.put("max", m.judge().max());
      ObjectNode d = j.putObject("distribution");
      m.judge().distribution().forEach((score, n) -> d.put(ValueTally.text(Json.mapper().getNodeFactory()
          .numberNode(score)), n));
      ArrayNode low = j.putArray("lowest");
      m.judge().lowest().forEach(r -> low.addObject().put("record", r.record().id()).put("score", r.score()));
    }
    return o;
  }

  private static ObjectNode diversity(Diversity d) {
    ObjectNode o = Json.object();
    o.put("tokens", d.tokens());
    o.put("distinct_1", round(d.distinct1()));
    o.put("distinct_2", round(d.distinct2()));
    o.put("exact", d.exact());
    return o;
  }

  private static void putSummary(ObjectNode o, String key, LengthSummary s) {
    if (s == null) {
      o.putNull(key);
      return;
    }
    ObjectNode j = o.putObject(key);
    j.put("count", s.count());
    j.put("mean", Math.round(s.mean() * 10) / 10.0);
    j.put("median", s.median());
    j.put("p90", s.p90());
    j.put("max", s.max());
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
