package io.datasynth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.api.PreviewedRequest;
import io.datasynth.error.InputException;
import io.datasynth.error.Setting;
import io.datasynth.json.Json;
import io.datasynth.sink.AtomicFiles;
import io.datasynth.text.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Writes previewed requests as files, {@code request-001.json}, …, each a method, URL, headers and JSON body. */
final class RequestFiles {
  private static final String PREFIX = "request-";

  private RequestFiles() {}

  /**
   * Writes the requests into {@code dir}, creating it; a folder that already holds requests is replaced only with
   * {@code force}, anything else in it is left alone.
   */
  static void write(Path dir, List<PreviewedRequest> requests, boolean force) {
    try {
      Files.createDirectories(dir);
      List<Path> old;
      try (Stream<Path> files = Files.list(dir)) {
        old = files.filter(f -> f.getFileName().toString().startsWith(PREFIX)).toList();
      }
      if (!old.isEmpty() && !force) {
        throw InputException.of(dir, Message.of("output.exists"), Message.of("output.exists.fix", Setting.FORCE,
            Setting.OUTPUT));
      }
      for (Path f : old) {
        Files.delete(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int digits = Math.max(3, Integer.toString(requests.size()).length());
    for (PreviewedRequest r : requests) {
      ObjectNode file = Json.object();
      file.put("method", r.method());
      file.put("url", r.url().toString());
      ObjectNode headers = file.putObject("headers");
      r.headers().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
          .forEach(h -> headers.put(h.getKey(), String.join(", ", h.getValue())));
      file.set("body", body(r.body()));
      String name = String.format(java.util.Locale.ROOT, "%s%0" + digits + "d.json", PREFIX, r.number());
      AtomicFiles.writeString(dir.resolve(name), Json.pretty(file) + "\n");
    }
  }

  /** The body as JSON, or as the text it is when it is not JSON. */
  private static JsonNode body(String body) {
    try {
      return Json.mapper().readTree(body);
    } catch (IOException e) {
      return Json.mapper().getNodeFactory().textNode(body);
    }
  }
}
