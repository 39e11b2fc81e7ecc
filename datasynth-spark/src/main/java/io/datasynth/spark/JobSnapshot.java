package io.datasynth.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.api.SynthesisConfig;
import io.datasynth.json.InputKind;
import io.datasynth.json.Json;
import io.datasynth.json.JsonFiles;
import io.datasynth.prompt.DataType;
import io.datasynth.prompt.Language;
import io.datasynth.prompt.Template;
import io.datasynth.provider.ProviderKind;
import io.datasynth.recipe.Inputs;
import io.datasynth.schema.SchemaReader;
import io.datasynth.schema.SchemaWriter;
import io.datasynth.seed.Seed;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's settings and inputs as the driver read them, in a form that travels to the executors: the settings as
 * values, the inputs and the files the settings name (template, prices, model profiles) as their text, so that no
 * executor needs the driver's files. Keys are not in it: each executor reads its key from its own environment.
 * Immutable.
 */
record JobSnapshot(
    String provider, String model, Double temperature, String reasoningEffort, int batchSize, int maxRetries,
    long retryDelayNanos, int concurrency, String apiKeyVariable, Long timeoutNanos, String dataType,
    String language, double diversity, int examples, long seed, String templateText, String templateName,
    boolean validate, double nearDuplicateThreshold, int maxTokens, String maxCost, long maxRequests,
    String pricesText, String modelsText,
    String schemaJson, String schemaName, List<String[]> seeds, String guidelines, String seedsName)
    implements Serializable {

  /** The snapshot of checked inputs and the settings they run with. */
  static JobSnapshot of(SynthesisConfig c, Inputs inputs) {
    List<String[]> seeds = new ArrayList<>(inputs.seeds().size());
    for (Seed s : inputs.seeds()) {
      seeds.add(new String[] {Integer.toString(s.index()), s.id(), Json.compact(s.data())});
    }
    return new JobSnapshot(c.provider().id(), c.model(), c.temperature(), c.reasoningEffort(), c.batchSize(),
        c.maxRetries(), c.retryDelay().toNanos(), c.concurrency(), c.apiKeyVariable(),
        c.requestTimeout() == null ? null : c.requestTimeout().toNanos(),
        c.dataType() == null ? null : c.dataType().id(), c.language() == null ? null : c.language().name(),
        c.diversity(), c.examplesPerPrompt(), c.seed(), c.template() == null ? null : c.template().text(),
        "template", c.validate(), c.nearDuplicateThreshold(), c.maxTokens(),
        c.maxCost() == null ? null : c.maxCost().toPlainString(), c.maxRequests(),
        c.prices() == null ? null : JsonFiles.readText(c.prices(), InputKind.PRICES),
        c.models() == null ? null : JsonFiles.readText(c.models(), InputKind.PRICES),
        Json.compact(SchemaWriter.toJson(inputs.schema())),
        inputs.schemaFile() == null ? "schema" : String.valueOf(inputs.schemaFile().getFileName()), seeds,
        inputs.guidelines(), inputs.seedsFile() == null ? null : String.valueOf(inputs.seedsFile().getFileName()));
  }

  /**
   * The settings again; files the settings name are written into {@code scratch} first.
   *
   * @param scratch a folder of this task's own, removed by the caller afterwards
   */
  SynthesisConfig config(Path scratch) {
    SynthesisConfig.Builder b = SynthesisConfig.builder()
        .provider(ProviderKind.parse(provider).orElseThrow())
        .model(model).temperature(temperature).reasoningEffort(reasoningEffort).batchSize(batchSize)
        .maxRetries(maxRetries).retryDelay(Duration.ofNanos(retryDelayNanos)).concurrency(concurrency)
        .apiKeyVariable(apiKeyVariable).requestTimeout(timeoutNanos == null ? null : Duration.ofNanos(timeoutNanos))
        .dataType(dataType == null ? null : DataType.parse(dataType).orElseThrow())
        .language(language == null ? null : Language.valueOf(language))
        .diversity(diversity).examplesPerPrompt(examples).seed(seed)
        .template(templateText == null ? null : Template.parse(templateText, Path.of(templateName)))
        .validate(validate).nearDuplicateThreshold(nearDuplicateThreshold).maxTokens(maxTokens)
        .maxCost(maxCost == null ? null : new BigDecimal(maxCost)).maxRequests(maxRequests);
    if (pricesText != null) {
      b.prices(write(scratch.resolve("prices.json"), pricesText));
    }
    if (modelsText != null) {
      b.models(write(scratch.resolve("models.json"), modelsText));
    }
    return b.build();
  }

  /** The inputs again. */
  Inputs inputs() {
    var schema = SchemaReader.fromJson(parse(schemaJson), Path.of(schemaName));
    List<Seed> list = new ArrayList<>(seeds.size());
    for (String[] s : seeds) {
      list.add(new Seed(Integer.parseInt(s[0]), s[1], (ObjectNode) parse(s[2])));
    }
    return new Inputs(schema, list, guidelines, Path.of(schemaName), seedsName == null ? null : Path.of(seedsName),
        null);
  }

  private static JsonNode parse(String text) {
    try {
      return Json.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a job snapshot holds JSON it wrote itself: " + e.getOriginalMessage(), e);
    }
  }

  private static Path write(Path file, String text) {
    try {
      return Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + " on this executor: " + e.getMessage(), e);
    }
  }
}
