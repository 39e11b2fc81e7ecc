package io.datasynth.api;

import io.datasynth.cost.PriceTable;
import io.datasynth.engine.EngineClock;
import io.datasynth.engine.EngineListener;
import io.datasynth.engine.RunControl;
import io.datasynth.provider.LlmClients;
import io.datasynth.provider.ProviderKind;
import io.datasynth.provider.http.HttpTransport;
import io.datasynth.provider.http.RequestBodies;
import io.datasynth.provider.http.TextResponse;
import io.datasynth.recipe.Inputs;
import io.datasynth.sink.FileGuard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The requests a run would send first, found by running the real engine against a transport that records each
 * request and refuses it, so that what is shown is what a run builds, not a second rendering of it. The run writes
 * only into a temporary folder, which is deleted; nothing is sent.
 *
 * <p>The engine fills its concurrency window before it reads any reply, so the preview holds that first wave; later
 * requests are sized from the replies the real run gets.
 */
final class RequestPreview {
  /** A key put in place of a missing one, so that the requests can be built; masked like any other. */
  static final String PLACEHOLDER_KEY = "datasynth-preview-key";

  private RequestPreview() {}

  static List<PreviewedRequest> of(SynthesisConfig config, Inputs inputs, Map<String, String> env, EngineClock clock,
      PriceTable prices, String outputName) {
    Map<String, String> previewEnv = new HashMap<>(env);
    for (ProviderKind kind : ProviderKind.values()) {
      String variable = config.apiKeyVariable() != null && kind == config.provider() ? config.apiKeyVariable()
          : kind.keyVariable();
      previewEnv.putIfAbsent(variable, PLACEHOLDER_KEY);
    }
    List<String> keys = new ArrayList<>();
    keys.add(PLACEHOLDER_KEY);
    previewEnv.forEach((name, value) -> {
      if (name.endsWith("_KEY") && value != null && value.length() >= 8) {
        keys.add(value);
      }
    });
    Recorder recorder = new Recorder(keys);
    // Online, without a quality report or a judge: the first wave of generation requests is what is shown.
    SynthesisConfig online = config.toBuilder().mode(RunMode.ONLINE).report(false).force(true).build();
    Path dir;
    try {
      dir = Files.createTempDirectory("datasynth-preview");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      new GenerationRun(online, previewEnv, s -> LlmClients.create(s, real -> {
        real.close();
        return recorder;
      }), BatchSetup.defaults(), clock, EngineListener.NONE, new RunControl(), FileGuard.unrestricted())
          .run(inputs, dir.resolve(outputName), prices);
    } finally {
      deleteTree(dir);
    }
    return recorder.requests();
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary folder left behind costs nothing; the preview itself succeeded.
    }
  }

  /** Records each request, masked, and answers it with a refusal, so the run stops after its first wave. */
  private static final class Recorder implements HttpTransport {
    private final List<String> keys;
    private final List<PreviewedRequest> requests = new ArrayList<>();

    Recorder(List<String> keys) {
      this.keys = keys;
    }

    synchronized List<PreviewedRequest> requests() {
      return List.copyOf(requests);
    }

    @Override
    public synchronized CompletableFuture<java.net.http.HttpResponse<String>> send(HttpRequest request) {
      Map<String, List<String>> headers = new LinkedHashMap<>();
      request.headers().map().forEach((name, values) -> headers.put(name,
          values.stream().map(v -> isKeyHeader(name) ? maskWhole(v) : mask(v)).toList()));
      requests.add(new PreviewedRequest(requests.size() + 1, request.method(), request.uri(), headers,
          mask(body(request))));
      // 400, which every provider's client treats as final.
      return CompletableFuture.completedFuture(new TextResponse(400, request, java.net.http.HttpHeaders.of(
          Map.of("content-type", List.of("application/json")), (a, b) -> true),
          "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"preview: not sent\"}}"));
    }

    private static boolean isKeyHeader(String name) {
      return name.equalsIgnoreCase("authorization") || name.equalsIgnoreCase("x-api-key")
          || name.equalsIgnoreCase("api-key");
    }

    /** A credential header's value: its scheme kept ({@code Bearer}), the rest masked. */
    private static String maskWhole(String value) {
      int space = value.indexOf(' ');
      return space > 0 ? value.substring(0, space + 1) + PreviewedRequest.MASK : PreviewedRequest.MASK;
    }

    private String mask(String text) {
      String masked = text;
      for (String key : keys) {
        masked = masked.replace(key, PreviewedRequest.MASK);
      }
      return masked;
    }

    private static String body(HttpRequest request) {
      try {
        return request.bodyPublisher().isEmpty() ? ""
            : new String(RequestBodies.bytes(request.bodyPublisher().get()), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
