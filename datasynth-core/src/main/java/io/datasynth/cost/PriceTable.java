package io.datasynth.cost;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.error.InputException;
import io.datasynth.json.Json;
import io.datasynth.json.InputKind;
import io.datasynth.json.JsonFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Known model prices, looked up by model id: the list bundled with DataSynth, optionally with a user's own
 * file on top.
 *
 * <p>The bundled list ({@code io/datasynth/cost/prices.json}) covers Anthropic and OpenAI models at their
 * standard rates on the date {@link #asOf()}. A model not in it has no price: {@link #lookup} returns empty
 * rather than the price of a similarly named model (see {@link #lookup} for the matching rules).
 *
 * <p>Immutable and thread-safe.
 */
public final class PriceTable {
  private static final String RESOURCE = "/io/datasynth/cost/prices.json";

  private final String asOf;
  private final List<ModelPrice> entries;
  private final Map<String, ModelPrice> byName;
  private final ModelMatcher matcher;

  private PriceTable(String asOf, List<ModelPrice> entries, Map<String, ModelPrice> byName) {
    this.asOf = asOf;
    this.entries = List.copyOf(entries);
    this.byName = Map.copyOf(byName);
    this.matcher = new ModelMatcher(this.byName);
  }

  /** The prices bundled with DataSynth. */
  public static PriceTable bundled() {
    return Bundled.TABLE;
  }

  /**
   * The bundled prices with the entries of {@code file} (same layout as the bundled file) on top. An entry
   * for a bundled model id replaces that model, aliases included; other entries are added. In the file,
   * {@code model}, {@code input} and {@code output} are required; {@code cached_input} and
   * {@code cache_write} default to the input price; {@code aliases} and {@code source} are optional.
   *
   * @throws InputException naming the file, the entry and the fix when the file is missing, not JSON, or
   *     has a blank model, a negative or non-numeric price, or an unknown key
   */
  public static PriceTable withOverrides(Path file) {
    Objects.requireNonNull(file, "file");
    JsonNode root = JsonFiles.readJson(file, InputKind.PRICES);
    PriceFile user;
    try {
      user = PriceFile.parse(root);
    } catch (PriceFile.Invalid e) {
      throw InputException.of(file, e.problem(), e.fix());
    }
    return bundled().overlay(user);
  }

  /**
   * The price of {@code model} (not null), or empty when it is not known. Case and surrounding space are
   * ignored. An exact id or alias wins; otherwise the longest known id that is a prefix of {@code model}
   * ending at {@code -}, {@code @}, {@code :} or {@code .}, when the rest only pins a date or version
   * ({@code claude-3-5-haiku-20241022} is {@code claude-3-5-haiku}, {@code gpt-4o-mini-2024-07-18} is
   * {@code gpt-4o-mini}). Anything else, such as {@code o1-pro}, {@code gpt-5.5} or {@code llama3.1:8b}, is
   * empty: never the price of another model.
   */
  public Optional<ModelPrice> lookup(String model) {
    Objects.requireNonNull(model, "model");
    return matcher.match(model);
  }

  /**
   * Every priced model, unmodifiable and never empty: the bundled ones in file order (a user entry for a
   * bundled model id takes that model's place), then the models a user file added.
   */
  public List<ModelPrice> entries() {
    return entries;
  }

  /** The date (YYYY-MM-DD) the bundled prices were last checked against the providers' pricing pages. */
  public String asOf() {
    return asOf;
  }

  private PriceTable overlay(PriceFile user) {
    Map<String, ModelPrice> names = new HashMap<>(byName);
    List<ModelPrice> merged = new ArrayList<>(entries);
    for (PriceFile.Entry entry : user.entries()) {
      ModelPrice price = entry.price();
      String id = PriceFile.normalize(price.model());
      ModelPrice replaced = names.get(id);
      if (replaced != null && PriceFile.normalize(replaced.model()).equals(id)) {
        names.replaceAll((name, old) -> old == replaced ? price : old);
        merged.set(merged.indexOf(replaced), price);
      } else {
        merged.add(price);
      }
      entry.names().forEach(name -> names.put(name, price));
    }
    return new PriceTable(asOf, merged, names);
  }

  private static PriceTable load(PriceFile file) {
    Map<String, ModelPrice> byName = new LinkedHashMap<>();
    List<ModelPrice> entries = new ArrayList<>();
    for (PriceFile.Entry entry : file.entries()) {
      entries.add(entry.price());
      entry.names().forEach(name -> byName.put(name, entry.price()));
    }
    return new PriceTable(file.asOf(), entries, byName);
  }

  /** Loads the bundled list once, on first use; the table is immutable, so sharing it is safe. */
  private static final class Bundled {
    static final PriceTable TABLE = read();

    private static PriceTable read() {
      try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is missing from the classpath; the build is broken");
        }
        PriceFile file = PriceFile.parse(Json.mapper().readTree(in));
        if (file.asOf() == null) {
          throw new IllegalStateException(RESOURCE + " has no \"as_of\" date");
        }
        return load(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE, e);
      } catch (PriceFile.Invalid e) {
        throw new IllegalStateException(RESOURCE + ": " + e.getMessage(), e);
      }
    }
  }
}
