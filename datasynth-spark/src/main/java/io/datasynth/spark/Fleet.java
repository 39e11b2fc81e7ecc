package io.datasynth.spark;

import io.datasynth.error.ConfigException;
import io.datasynth.error.InputException;
import io.datasynth.json.InputKind;
import io.datasynth.json.JsonFiles;
import io.datasynth.error.Setting;
import io.datasynth.text.Message;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The job's endpoints and which partitions each one serves. Partitions go to endpoints in proportion to their
 * weights, interleaved (partition 0 to the first endpoint, 1 to the next, …), so that the tasks running at any
 * time spread over the fleet. Immutable.
 *
 * @param endpoints the fleet, in the order given; never empty
 * @param assignment the endpoint of each partition, by partition
 */
public record Fleet(List<Endpoint> endpoints, int[] assignment) implements Serializable {
  public Fleet {
    endpoints = List.copyOf(endpoints);
    assignment = assignment.clone();
  }

  /**
   * Spreads {@code partitions} over the endpoints by weight (smooth weighted round robin: each endpoint gets its
   * share within one partition, and its partitions are spread out rather than bunched).
   *
   * @throws ConfigException when there are fewer partitions than endpoints, naming {@code --partitions}
   */
  public static Fleet assign(List<Endpoint> endpoints, int partitions) {
    if (endpoints.isEmpty()) {
      throw new ConfigException(Setting.ENDPOINT, Message.of("spark.fleet.none", Setting.ENDPOINT, Setting.ENDPOINTS,
          Setting.BASE_URL));
    }
    if (partitions < endpoints.size()) {
      throw new ConfigException(Setting.PARTITIONS, Message.of("spark.fleet.partitions", Setting.PARTITIONS,
          partitions, endpoints.size()));
    }
    int total = endpoints.stream().mapToInt(Endpoint::weight).sum();
    long[] current = new long[endpoints.size()];
    int[] assignment = new int[partitions];
    for (int p = 0; p < partitions; p++) {
      int best = 0;
      for (int e = 0; e < current.length; e++) {
        current[e] += endpoints.get(e).weight();
        if (current[e] > current[best]) {
          best = e;
        }
      }
      current[best] -= total;
      assignment[p] = best;
    }
    return new Fleet(endpoints, assignment);
  }

  /** The endpoint of each partition, by partition; a copy. */
  @Override
  public int[] assignment() {
    return assignment.clone();
  }

  /** The endpoint of a partition. */
  public Endpoint endpointOf(int partition) {
    return endpoints.get(assignment[partition]);
  }

  /** How many partitions an endpoint serves. */
  public int partitionsOf(int endpoint) {
    int n = 0;
    for (int e : assignment) {
      n += e == endpoint ? 1 : 0;
    }
    return n;
  }

  /** How many partitions the job has. */
  public int partitions() {
    return assignment.length;
  }

  /**
   * Reads an endpoints file: one endpoint a line, {@code URL [WEIGHT] [KEY_VARIABLE]} separated by spaces; blank
   * lines and lines starting with {@code #} are skipped.
   *
   * @throws InputException naming the file and line of a line that is not an endpoint
   */
  public static List<Endpoint> read(Path file) {
    String text = JsonFiles.readText(file, InputKind.CONFIG);
    List<Endpoint> out = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+");
      if (parts.length > 3) {
        throw InputException.at(file, i + 1, 0, Message.of("spark.endpoints.parts", parts.length),
            Message.of("spark.endpoints.fix"));
      }
      if (!parts[0].startsWith("http://") && !parts[0].startsWith("https://")) {
        throw InputException.at(file, i + 1, 1, Message.of("endpoints.not_url", parts[0]),
            Message.of("spark.endpoints.fix"));
      }
      int weight = 1;
      String key = null;
      for (int k = 1; k < parts.length; k++) {
        if (parts[k].matches("\\d{1,6}")) {
          weight = Integer.parseInt(parts[k]);
          if (weight < 1) {
            throw InputException.at(file, i + 1, 0, Message.of("spark.endpoints.weight"),
                Message.of("spark.endpoints.weight.fix"));
          }
        } else if (parts[k].matches("[A-Za-z_][A-Za-z0-9_]*")) {
          key = parts[k];
        } else {
          throw InputException.at(file, i + 1, 0, Message.of("spark.endpoints.part", parts[k]),
              Message.of("spark.endpoints.fix"));
        }
      }
      out.add(new Endpoint(parts[0], weight, key));
    }
    if (out.isEmpty()) {
      throw InputException.of(file, Message.of("endpoints.none"), Message.of("spark.endpoints.none.fix"));
    }
    return out;
  }
}
