package io.datasynth.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.quality.RecordSketcher;
import io.datasynth.schema.Schema;
import io.datasynth.schema.SchemaReader;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Removes the exact and near duplicates that partitions made of each other's records, by the same rule as one
 * machine's {@link io.datasynth.quality.Deduplicator} (the same normal form, the same 3-gram MinHash signatures and
 * LSH bands, the same threshold), run as Spark code: records that share an exact key, or a band key and pass the
 * signature comparison, are duplicates. Of two duplicates the one of lower {@linkplain SlicedRecord#rank rank} is
 * kept, and a record is dropped when any record of lower rank duplicates it, so no two kept records are
 * duplicates. Pairs within one partition are not compared: the partition's own quality path has already decided
 * them by the same rule.
 *
 * <p>As on one machine, at most {@value #MAX_CANDIDATES} candidates are compared per record and band, so a cluster
 * of records sharing a band cannot make the work quadratic.
 */
final class CrossPartitionDedup {
  static final int MAX_CANDIDATES = 2_000;

  private CrossPartitionDedup() {}

  /**
   * Why a record is dropped.
   *
   * @param of the rank of the kept-first record it repeats
   * @param similarity the estimated 3-gram Jaccard similarity; 1 for an exact duplicate
   */
  record Drop(long of, boolean exact, double similarity) implements Serializable {}

  /** A record's fingerprints, keyed by its rank. */
  private record Sketch(long rank, int partition, long keyHigh, long keyLow, long[] signature, int[] bandKeys)
      implements Serializable {}

  private record ExactKey(long high, long low) implements Serializable {}

  /**
   * The duplicates among the records, by the rank of the dropped record.
   *
   * @param schemaJson the schema as {@link io.datasynth.schema.SchemaWriter} writes it
   */
  static JavaPairRDD<Long, Drop> drops(JavaRDD<SlicedRecord> records, String schemaJson, double threshold) {
    JavaRDD<Sketch> sketches = records.mapPartitions(it -> {
      RecordSketcher sketcher = new RecordSketcher(schema(schemaJson), threshold);
      List<Sketch> out = new ArrayList<>();
      while (it.hasNext()) {
        SlicedRecord r = it.next();
        RecordSketcher.Sketch s = sketcher.sketch((ObjectNode) Json.mapper().readTree(r.json()));
        out.add(new Sketch(r.rank(), r.partition(), s.keyHigh(), s.keyLow(), s.signature(), s.bandKeys()));
      }
      return out.iterator();
    }).cache();

    JavaPairRDD<Long, Drop> exact = sketches
        .mapToPair(s -> new Tuple2<>(new ExactKey(s.keyHigh(), s.keyLow()), s.rank()))
        .groupByKey()
        .flatMapToPair(group -> {
          List<Long> ranks = sorted(group._2());
          List<Tuple2<Long, Drop>> out = new ArrayList<>();
          for (int i = 1; i < ranks.size(); i++) {
            out.add(new Tuple2<>(ranks.get(i), new Drop(ranks.get(0), true, 1.0)));
          }
          return out.iterator();
        });

    JavaPairRDD<Long, Long> candidates = sketches
        .flatMapToPair(s -> {
          List<Tuple2<Long, long[]>> out = new ArrayList<>(s.bandKeys().length);
          for (int b = 0; b < s.bandKeys().length; b++) {
            out.add(new Tuple2<>(((long) b << 32) | (s.bandKeys()[b] & 0xFFFF_FFFFL),
                new long[] {s.rank(), s.partition()}));
          }
          return out.iterator();
        })
        .groupByKey()
        .flatMapToPair(band -> {
          List<long[]> members = new ArrayList<>();
          band._2().forEach(members::add);
          members.sort((x, y) -> Long.compare(x[0], y[0]));
          List<Tuple2<Long, Long>> out = new ArrayList<>();
          for (int j = 1; j < members.size(); j++) {
            int compared = 0;
            for (int i = 0; i < j && compared < MAX_CANDIDATES; i++) {
              if (members.get(i)[1] != members.get(j)[1]) {
                compared++;
                out.add(new Tuple2<>(members.get(i)[0], members.get(j)[0]));
              }
            }
          }
          return out.iterator();
        })
        .distinct();

    JavaPairRDD<Long, long[]> signatures = sketches.filter(s -> s.signature() != null)
        .mapToPair(s -> new Tuple2<>(s.rank(), s.signature()));
    JavaPairRDD<Long, Drop> near = candidates
        .join(signatures)
        .mapToPair(t -> new Tuple2<>(t._2()._1(), new Tuple2<>(t._1(), t._2()._2())))
        .join(signatures)
        .mapPartitionsToPair(it -> {
          RecordSketcher sketcher = new RecordSketcher(schema(schemaJson), threshold);
          List<Tuple2<Long, Drop>> out = new ArrayList<>();
          while (it.hasNext()) {
            var t = it.next();
            long[] earlier = t._2()._1()._2();
            long[] later = t._2()._2();
            if (sketcher.nearDuplicates(earlier, later)) {
              out.add(new Tuple2<>(t._1(), new Drop(t._2()._1()._1(), false,
                  RecordSketcher.similarity(earlier, later))));
            }
          }
          return out.iterator();
        });

    return exact.union(near).reduceByKey(CrossPartitionDedup::first);
  }

  /** Of two reasons to drop one record, the one naming the earlier record (exact first on ties). */
  private static Drop first(Drop a, Drop b) {
    if (a.of() != b.of()) {
      return a.of() < b.of() ? a : b;
    }
    return a.exact() ? a : b;
  }

  private static List<Long> sorted(Iterable<Long> ranks) {
    List<Long> list = new ArrayList<>();
    for (Iterator<Long> it = ranks.iterator(); it.hasNext(); ) {
      list.add(it.next());
    }
    list.sort(Long::compare);
    return list;
  }

  private static Schema schema(String json) throws java.io.IOException {
    return SchemaReader.fromJson(Json.mapper().readTree(json), null);
  }
}
