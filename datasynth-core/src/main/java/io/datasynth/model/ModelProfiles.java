package io.datasynth.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.error.InputException;
import io.datasynth.json.Json;
import io.datasynth.json.JsonFiles;
import io.datasynth.provider.ProviderKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The model profiles DataSynth knows: the bundled table ({@value #RESOURCE}), optionally with a user's own file
 * tried first.
 *
 * <p>{@link #lookup} returns the first family whose api matches and one of whose patterns matches the model id.
 * The bundled table ends with a conservative catch-all per api ({@link ModelProfile#known()} false), so a lookup
 * always succeeds. Immutable and thread-safe.
 */
public final class ModelProfiles {
  /** Where the bundled table lives on the class path. */
  public static final String RESOURCE = "/io/datasynth/model/models.json";

  private final List<ProfileFile.Entry> entries;

  private ModelProfiles(List<ProfileFile.Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The bundled profiles. */
  public static ModelProfiles bundled() {
    return Bundled.PROFILES;
  }

  /**
   * The bundled profiles with the families of {@code file} (same layout) tried first.
   *
   * @throws InputException naming the file, the family and the fix when the file cannot be used
   */
  public static ModelProfiles withOverrides(Path file) {
    Objects.requireNonNull(file, "file");
    List<ProfileFile.Entry> user;
    try {
      user = ProfileFile.parse(JsonFiles.readJson(file));
    } catch (ProfileFile.Invalid e) {
      throw InputException.of(file, e.problem(), e.fix());
    }
    List<ProfileFile.Entry> all = new ArrayList<>(user);
    all.addAll(bundled().entries);
    return new ModelProfiles(all);
  }

  /** The bundled profiles, or those with {@code file} on top when it is not null. */
  public static ModelProfiles of(Path file) {
    return file == null ? bundled() : withOverrides(file);
  }

  /**
   * The profile of {@code model} spoken to in {@code api}'s wire format; never null. Case is ignored, and the
   * part of the id after its last {@code /} (a gateway's vendor prefix) is tried too.
   */
  public ModelProfile lookup(ProviderKind api, String model) {
    String id = model.strip().toLowerCase(Locale.ROOT);
    String tail = id.substring(id.lastIndexOf('/') + 1);
    for (ProfileFile.Entry e : entries) {
      if (e.profile().api() == api
          && e.patterns().stream().anyMatch(p -> Glob.matches(p, id) || Glob.matches(p, tail))) {
        return e.profile();
      }
    }
    throw new IllegalStateException("the model profiles have no catch-all family for " + api.id());
  }

  private static final class Bundled {
    static final ModelProfiles PROFILES = load();

    private static ModelProfiles load() {
      try (InputStream in = ModelProfiles.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the bundled model profiles " + RESOURCE + " are missing");
        }
        JsonNode root = Json.mapper().readTree(in);
        return new ModelProfiles(ProfileFile.parse(root));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Model-id patterns: {@code *} matches any run of characters, everything else itself. */
  static final class Glob {
    private Glob() {}

    static boolean matches(String pattern, String text) {
      return matches(pattern, 0, text, 0);
    }

    private static boolean matches(String p, int pi, String t, int ti) {
      while (pi < p.length()) {
        char c = p.charAt(pi);
        if (c == '*') {
          for (int k = ti; k <= t.length(); k++) {
            if (matches(p, pi + 1, t, k)) {
              return true;
            }
          }
          return false;
        }
        if (ti >= t.length() || t.charAt(ti) != c) {
          return false;
        }
        pi++;
        ti++;
      }
      return ti == t.length();
    }
  }
}
