package io.datasynth.provider;

import io.datasynth.error.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The endpoints a run sends to: replicas of one model behind different URLs (vLLM, Ollama, llama.cpp, SGLang), each
 * with its own rate limiter, concurrency window and circuit breaker. Empty means the single endpoint of
 * {@code --base-url} or the provider's variable.
 *
 * <p>The file form has one endpoint per line: a URL, then optionally a weight (a whole number, default 1) and the
 * name of the environment variable holding its key, separated by spaces or tabs. Blank lines and lines starting with
 * {@code #} are skipped:
 *
 * <pre>
 * # replica          weight  key variable
 * http://10.0.0.7:8000/v1   2
 * http://10.0.0.8:8000/v1   1   REPLICA_B_KEY
 * </pre>
 *
 * @param endpoints in the order given; a URL appears at most once
 */
public record EndpointList(List<Endpoint> endpoints) {
  public static final EndpointList NONE = new EndpointList(List.of());
  /** The most endpoints one run may use. */
  public static final int MAX = 256;

  public EndpointList {
    endpoints = List.copyOf(endpoints);
    if (endpoints.size() > MAX) {
      throw new IllegalArgumentException(endpoints.size() + " endpoints; at most " + MAX + " are supported");
    }
    for (int i = 0; i < endpoints.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (same(endpoints.get(i).baseUrl(), endpoints.get(j).baseUrl())) {
          throw new IllegalArgumentException("endpoint " + endpoints.get(i).baseUrl() + " is given twice");
        }
      }
    }
  }

  /** Endpoints of weight 1 with the run's key, e.g. from repeated {@code --base-url} options. */
  public static EndpointList ofUrls(List<String> urls) {
    return new EndpointList(urls.stream().map(Endpoint::of).toList());
  }

  /**
   * Reads an endpoints file (UTF-8, at most {@link io.datasynth.json.InputKind#ENDPOINTS}'s size).
   *
   * @throws InputException naming the file, and the line and column where a line is not an endpoint
   */
  public static EndpointList read(Path file) {
    return parse(file, io.datasynth.json.JsonFiles.readText(file, io.datasynth.json.InputKind.ENDPOINTS));
  }

  /**
   * Parses the text of an endpoints file.
   *
   * @param file the file's name, for messages
   * @throws InputException naming the file, line and column of the first line that is not an endpoint
   */
  public static EndpointList parse(Path file, String text) {
    List<Endpoint> list = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    String[] rows = text.split("\r\n|\n|\r", -1);
    for (int n = 0; n < rows.length; n++) {
      String row = rows[n];
      String trimmed = row.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int line = n + 1;
      String[] parts = trimmed.split("[ \\t]+");
      if (parts.length > 3) {
        throw InputException.at(file, line, column(row, parts[3]), "expected a URL, an optional weight and an"
            + " optional key variable, found " + parts.length + " fields", "give at most three fields per line");
      }
      String url = parts[0];
      if (!url.regionMatches(true, 0, "http://", 0, 7) && !url.regionMatches(true, 0, "https://", 0, 8)) {
        throw InputException.at(file, line, column(row, url), "'" + url + "' is not an http:// or https:// URL",
            "start each line with the endpoint's base URL, e.g. http://10.0.0.7:8000/v1");
      }
      int weight = 1;
      String variable = null;
      if (parts.length >= 2) {
        String w = parts[1];
        if (w.chars().allMatch(Character::isDigit) && w.length() <= 6) {
          weight = Integer.parseInt(w);
          if (weight < 1) {
            throw InputException.at(file, line, column(row, w), "weight 0", "give a weight of at least 1");
          }
          if (parts.length == 3) {
            variable = parts[2];
          }
        } else if (parts.length == 2) {
          variable = w;
        } else {
          throw InputException.at(file, line, column(row, w), "weight '" + w + "' is not a whole number",
              "give a weight from 1 to 999999");
        }
      }
      if (variable != null && !Endpoint.VARIABLE.matcher(variable).matches()) {
        throw InputException.at(file, line, column(row, variable), "'" + variable + "' is not an environment"
            + " variable's name", "give the name of the variable holding the key, e.g. REPLICA_KEY, never the key");
      }
      for (int i = 0; i < list.size(); i++) {
        if (same(list.get(i).baseUrl(), url)) {
          throw InputException.at(file, line, column(row, url), url + " is already given on line " + lines.get(i),
              "give each endpoint once; use a weight to send it more work");
        }
      }
      if (list.size() == MAX) {
        throw InputException.at(file, line, 1, "more than " + MAX + " endpoints", "use at most " + MAX);
      }
      list.add(new Endpoint(url, weight, variable));
      lines.add(line);
    }
    if (list.isEmpty()) {
      throw InputException.of(file, "lists no endpoint", "give one base URL per line, e.g. http://10.0.0.7:8000/v1");
    }
    return new EndpointList(list);
  }

  public boolean isEmpty() {
    return endpoints.isEmpty();
  }

  public int size() {
    return endpoints.size();
  }

  private static boolean same(String a, String b) {
    return strip(a).equals(strip(b));
  }

  private static String strip(String url) {
    String s = url.strip();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  private static int column(String row, String part) {
    return row.indexOf(part) + 1;
  }
}
