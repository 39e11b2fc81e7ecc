package io.datasynth.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.seed.Seed;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Steers each batch by the seed set: which examples to lean on, and which region of the seeds to move away from.
 * Every delivered record is counted against the seed it resembles most (character 3-gram Jaccard over its text, so
 * Chinese works as well as English); a batch leans on the least-covered seeds that fit its combination, and is
 * told to move away from the most-covered region once records crowd there (at least {@value #CROWD} records and
 * twice the average). At most {@value #MAX_ANCHORS} seeds are counted against (a seeded choice of them for larger
 * seed sets).
 *
 * <p>Deterministic for the random seed and the sequence of calls. Not thread-safe: owned by the run's thread.
 */
public final class SeedGuide {
  static final int MAX_ANCHORS = 256;
  static final int CROWD = 3;
  /** A neighbouring seed this similar to the crowded one belongs to its region. */
  static final double NEIGHBOUR = 0.2;

  private final List<Seed> seeds;
  private final int examples;
  private final long seed;
  private final int[] anchors;
  private final int[][] grams;
  private final AnchorGrams index;
  private final long[] near;
  private long observed;

  /**
   * @param seeds the seeds prompts may show; not empty
   * @param examples how many examples a prompt shows
   * @param seed the run's random seed
   */
  public SeedGuide(List<Seed> seeds, int examples, long seed) {
    this.seeds = List.copyOf(seeds);
    this.examples = Math.min(examples, seeds.size());
    this.seed = seed;
    Integer[] order = new Integer[seeds.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    if (order.length > MAX_ANCHORS) {
      Arrays.sort(order, Comparator.comparingLong(i -> mix(seed, i)));
    }
    this.anchors = new int[Math.min(MAX_ANCHORS, order.length)];
    for (int i = 0; i < anchors.length; i++) {
      anchors[i] = order[i];
    }
    Arrays.sort(anchors);
    this.grams = new int[anchors.length][];
    for (int i = 0; i < anchors.length; i++) {
      grams[i] = grams(seeds.get(anchors[i]).data());
    }
    this.index = new AnchorGrams(grams);
    this.near = new long[anchors.length];
  }

  /** The seeds to show batch {@code batchIndex}: those fitting its combination first, the least covered first. */
  public List<Seed> examples(long batchIndex, Combination combination) {
    long[] count = new long[seeds.size()];
    for (int i = 0; i < anchors.length; i++) {
      count[anchors[i]] = near[i];
    }
    Integer[] order = new Integer[seeds.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    boolean[] fits = new boolean[seeds.size()];
    for (int i = 0; i < fits.length; i++) {
      fits[i] = combination.check(seeds.get(i).data()).isEmpty();
    }
    Arrays.sort(order, Comparator.<Integer>comparingInt(i -> fits[i] ? 0 : 1).thenComparingLong(i -> count[i])
        .thenComparingLong(i -> mix(seed ^ batchIndex * 0x9E3779B97F4A7C15L, i)));
    List<Seed> out = new ArrayList<>(examples);
    for (int i = 0; i < examples; i++) {
      out.add(seeds.get(order[i]));
    }
    return out;
  }

  /** The seeds of the most crowded region, to move away from; empty while records are spread out. */
  public List<Seed> avoid() {
    if (anchors.length < 2 || observed == 0) {
      return List.of();
    }
    int top = 0;
    for (int i = 1; i < near.length; i++) {
      if (near[i] > near[top]) {
        top = i;
      }
    }
    double mean = (double) observed / anchors.length;
    if (near[top] < CROWD || near[top] < 2 * mean) {
      return List.of();
    }
    List<Seed> region = new ArrayList<>();
    region.add(seeds.get(anchors[top]));
    int next = -1;
    double best = NEIGHBOUR;
    for (int i = 0; i < anchors.length; i++) {
      double j = i == top ? 0 : jaccard(grams[top], grams[i]);
      if (j >= best) {
        best = j;
        next = i;
      }
    }
    if (next >= 0) {
      region.add(seeds.get(anchors[next]));
    }
    return region;
  }

  /** Counts a delivered record against the seed it resembles most. */
  public void observe(ObjectNode record) {
    int i = nearest(record);
    if (i >= 0) {
      near[i]++;
      observed++;
    }
  }

  /** Takes back a record counted before (the judge rejected it). */
  public void forget(ObjectNode record) {
    int i = nearest(record);
    if (i >= 0 && near[i] > 0) {
      near[i]--;
      observed--;
    }
  }

  /** The anchor a record resembles most (the first on ties), as {@link #jaccard} of {@link #grams} would say. */
  int nearest(ObjectNode record) {
    return index.nearest(rawGrams(record));
  }

  /** Records counted per seed, for the output's metadata: the regions records crowd into. */
  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("seeds_counted", anchors.length);
    o.put("records_counted", observed);
    Integer[] order = new Integer[anchors.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.<Integer>comparingLong(i -> -near[i]).thenComparingInt(i -> i));
    ArrayNode top = o.putArray("most_covered");
    for (int k = 0; k < Math.min(5, order.length) && near[order[k]] > 0; k++) {
      ObjectNode j = top.addObject();
      j.put("seed", seeds.get(anchors[order[k]]).id());
      j.put("records", near[order[k]]);
    }
    long untouched = Arrays.stream(near).filter(n -> n == 0).count();
    o.put("seeds_without_records", untouched);
    return o;
  }

  /** The sorted distinct hashes of a record's character 3-grams over its text values. */
  static int[] grams(JsonNode record) {
    int[] out = rawGrams(record);
    Arrays.sort(out);
    int distinct = 0;
    for (int i = 0; i < out.length; i++) {
      if (i == 0 || out[i] != out[i - 1]) {
        out[distinct++] = out[i];
      }
    }
    return distinct == out.length ? out : Arrays.copyOf(out, distinct);
  }

  /** The hashes of a record's character 3-grams over its text values, in text order, repeats kept. */
  private static int[] rawGrams(JsonNode record) {
    int[] ascii = asciiGrams(record);
    if (ascii != null) {
      return ascii;
    }
    StringBuilder sb = new StringBuilder();
    collect(record, sb);
    String raw = sb.toString();
    String t = io.datasynth.text.Spaces.collapse(Normalizer.normalize(raw, Normalizer.Form.NFKC)
        .toLowerCase(Locale.ROOT)).strip();
    return grams(io.datasynth.text.CodePoints.of(t));
  }

  /**
   * {@link #rawGrams} of a record whose text is all ASCII, in one pass over its chars; null for any other record.
   * The steps are the general path's: each value followed by a space, lower case (ASCII is its own NFKC form),
   * each run of space, \t, \n, \x0B, \f and \r as one space, whitespace stripped at both ends.
   */
  private static int[] asciiGrams(JsonNode record) {
    byte[][] text = {new byte[256]};
    int[] length = {0};
    if (!collectAscii(record, text, length)) {
      return null;
    }
    byte[] t = text[0];
    int from = 0;
    int to = length[0];
    while (from < to && io.datasynth.text.Spaces.isAsciiWhitespace(t[from])) {
      from++;
    }
    while (to > from && io.datasynth.text.Spaces.isAsciiWhitespace(t[to - 1])) {
      to--;
    }
    int[] cps = new int[to - from];
    for (int i = from; i < to; i++) {
      cps[i - from] = t[i];
    }
    return grams(cps);
  }

  /** Appends the lowered, collapsed text values and their spaces; false at the first char that is not ASCII. */
  private static boolean collectAscii(JsonNode v, byte[][] text, int[] length) {
    if (v.isTextual()) {
      String s = v.asText();
      for (int i = 0; i <= s.length(); i++) {
        char c = i < s.length() ? s.charAt(i) : ' ';
        if (c >= 0x80) {
          return false;
        }
        byte[] t = text[0];
        int n = length[0];
        if (io.datasynth.text.Spaces.isRegexSpace(c)) {
          if (n > 0 && t[n - 1] == ' ') {
            continue; // every space written stands for a run, which this char continues
          }
          c = ' ';
        } else if (c >= 'A' && c <= 'Z') {
          c += 'a' - 'A';
        }
        if (n == t.length) {
          text[0] = t = Arrays.copyOf(t, n * 2);
        }
        t[n] = (byte) c;
        length[0] = n + 1;
      }
      return true;
    }
    if (v.isContainerNode()) {
      for (JsonNode c : v) {
        if (!collectAscii(c, text, length)) {
          return false;
        }
      }
    }
    return true;
  }

  private static int[] grams(int[] cps) {
    int n = cps.length;
    if (n < 3) {
      return n == 0 ? new int[0] : new int[] {Arrays.hashCode(cps)};
    }
    int[] out = new int[n - 2];
    for (int i = 0; i + 2 < n; i++) {
      out[i] = (cps[i] * 31 + cps[i + 1]) * 31 + cps[i + 2];
    }
    return out;
  }

  private static void collect(JsonNode v, StringBuilder sb) {
    if (v.isTextual()) {
      sb.append(v.asText()).append(' ');
    } else if (v.isContainerNode()) {
      v.forEach(c -> collect(c, sb));
    }
  }

  static double jaccard(int[] a, int[] b) {
    if (a.length == 0 && b.length == 0) {
      return 1;
    }
    int i = 0;
    int j = 0;
    int both = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        both++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return (double) both / (a.length + b.length - both);
  }

  private static long mix(long seed, long i) {
    long z = seed * 0x9E3779B97F4A7C15L + i;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
