package io.datasynth.journal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.InputException;
import io.datasynth.json.Json;
import io.datasynth.json.InputKind;
import io.datasynth.json.JsonFiles;
import io.datasynth.sink.AtomicFiles;
import io.datasynth.sink.FileGuard;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration a journal was written with, kept beside it so a resumed run can refuse to mix records made
 * under different settings. It holds settings and hashes of the inputs, never keys.
 *
 * @param settings each setting that shapes the records, by name, as text (inputs as SHA-256 hashes)
 */
public record RunManifest(Map<String, String> settings) {

  public RunManifest {
    settings = Map.copyOf(settings);
  }

  /** The manifest next to an output: {@code synthetic.json} → {@code synthetic.manifest.json}. */
  public static Path pathFor(Path output) {
    return io.datasynth.sink.OutputFiles.of(output).manifest();
  }

  /** Collects settings in a fixed order. */
  public static final class Builder {
    private final Map<String, String> settings = new LinkedHashMap<>();

    public Builder put(String name, Object value) {
      settings.put(name, String.valueOf(value));
      return this;
    }

    /** Records an input by the SHA-256 of its canonical JSON or text. */
    public Builder hash(String name, String content) {
      settings.put(name, sha256(content));
      return this;
    }

    /**
     * Records a sequence of JSON values (the seeds) by the SHA-256 of their compact JSON, one after another. It is
     * the same hash as {@code hash(name, concatenation of Json.compact(each))}, so manifests written either way
     * match, but it is fed value by value: linear in the total size, with no string holding them all.
     */
    public Builder hashJson(String name, Iterable<? extends JsonNode> values) {
      MessageDigest md = sha256();
      try (Writer w = new OutputStreamWriter(new DigestOutputStream(OutputStream.nullOutputStream(), md),
          StandardCharsets.UTF_8)) {
        for (JsonNode v : values) {
          // The writer-based generator, as Json.compact uses: the same characters, so the same bytes.
          Json.mapper().writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(w, v);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      settings.put(name, HexFormat.of().formatHex(md.digest()));
      return this;
    }

    public RunManifest build() {
      return new RunManifest(settings);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The names of settings whose values differ from {@code other}'s; empty when the runs match. */
  public List<String> differences(RunManifest other) {
    List<String> out = new ArrayList<>();
    for (String k : settings.keySet()) {
      if (!settings.get(k).equals(other.settings.get(k))) {
        out.add(k);
      }
    }
    for (String k : other.settings.keySet()) {
      if (!settings.containsKey(k)) {
        out.add(k);
      }
    }
    return out;
  }

  public void write(Path file) {
    write(file, FileGuard.unrestricted());
  }

  /** Writes the manifest atomically through {@code guard}. */
  public void write(Path file, FileGuard guard) {
    ObjectNode root = Json.object();
    root.put("version", 1);
    ObjectNode s = root.putObject("settings");
    settings.forEach(s::put);
    AtomicFiles.writeString(file, guard, Json.pretty(root) + "\n");
  }

  public static RunManifest read(Path file) {
    return parse(file, JsonFiles.readJson(file, InputKind.MANIFEST));
  }

  /** Reads a manifest through {@code guard}: a link or a file outside its root is refused before it is read. */
  public static RunManifest read(Path file, FileGuard guard) {
    return parse(file, JsonFiles.parseJson(file, guard.readText(file)));
  }

  private static RunManifest parse(Path file, JsonNode root) {
    JsonNode s = root.path("settings");
    if (!s.isObject()) {
      throw InputException.of(file, io.datasynth.text.Message.of("manifest.not_ours"),
          io.datasynth.text.Message.of("manifest.not_ours.fix", io.datasynth.error.SettingValue.of(
              io.datasynth.error.Setting.RESUME, false)));
    }
    Map<String, String> settings = new LinkedHashMap<>();
    s.fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
    return new RunManifest(settings);
  }

  public static boolean exists(Path file) {
    return Files.isRegularFile(file);
  }

  static String sha256(String content) {
    return HexFormat.of().formatHex(sha256().digest(content.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
