package io.datasynth.provider;

import io.datasynth.error.InputException;
import io.datasynth.error.Setting;
import io.datasynth.text.Message;
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

  /**
   * Endpoints of weight 1 with the run's key, e.g. from repeated {@code --base-url} options.
   *
   * @throws io.datasynth.error.ConfigException when a URL is blank or given twice
   */
  public static EndpointList ofUrls(List<String> urls) {
    for (int i = 0; i < urls.size(); i++) {
      if (urls.get(i) == null || urls.get(i).isBlank()) {
        throw new io.datasynth.error.ConfigException(Setting.BASE_URL, Message.of("error.base_url.blank",
            Setting.BASE_URL));
      }
      for (int j = 0; j < i; j++) {
        if (same(urls.get(i), urls.get(j))) {
          throw new io.datasynth.error.ConfigException(Setting.BASE_URL, Message.of("error.base_url.twice",
              urls.get(i), Setting.BASE_URL));
        }
      }
    }
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
        throw InputException.at(file, line, column(row, parts[3]), Message.of("endpoints.fields", parts.length),
            Message.of("endpoints.fields.fix"));
      }
      String url = parts[0];
      if (!url.regionMatches(true, 0, "http://", 0, 7) && !url.regionMatches(true, 0, "https://", 0, 8)) {
        throw InputException.at(file, line, column(row, url), Message.of("endpoints.not_url", url),
            Message.of("endpoints.not_url.fix"));
      }
      int weight = 1;
      String variable = null;
      if (parts.length >= 2) {
        String w = parts[1];
        if (w.chars().allMatch(Character::isDigit) && w.length() <= 6) {
          weight = Integer.parseInt(w);
          if (weight < 1) {
            throw InputException.at(file, line, column(row, w), Message.of("endpoints.weight.zero"),
                Message.of("endpoints.weight.zero.fix"));
          }
          if (parts.length == 3) {
            variable = parts[2];
          }
        } else if (parts.length == 2) {
          variable = w;
        } else {
          throw InputException.at(file, line, column(row, w), Message.of("endpoints.weight.not_whole", w),
              Message.of("endpoints.weight.not_whole.fix"));
        }
      }
      if (variable != null && !Endpoint.VARIABLE.matcher(variable).matches()) {
        throw InputException.at(file, line, column(row, variable), Message.of("endpoints.variable", variable),
            Message.of("endpoints.variable.fix"));
      }
      for (int i = 0; i < list.size(); i++) {
        if (same(list.get(i).baseUrl(), url)) {
          throw InputException.at(file, line, column(row, url), Message.of("endpoints.twice", url, lines.get(i)),
              Message.of("endpoints.twice.fix"));
        }
      }
      if (list.size() == MAX) {
        throw InputException.at(file, line, 1, Message.of("endpoints.too_many", MAX),
            Message.of("endpoints.too_many.fix", MAX));
      }
      list.add(new Endpoint(url, weight, variable));
      lines.add(line);
    }
    if (list.isEmpty()) {
      throw InputException.of(file, Message.of("endpoints.none"), Message.of("endpoints.none.fix"));
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
