package io.datasynth.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.cost.TokenCounter;
import io.datasynth.error.ConfigException;
import io.datasynth.error.Setting;
import io.datasynth.generate.RepairPolicy;
import io.datasynth.model.ModelProfile;
import io.datasynth.prompt.PromptBuilder;
import io.datasynth.prompt.ResponseSchemas;
import io.datasynth.provider.LlmRequest;
import io.datasynth.recipe.Inputs;
import io.datasynth.schema.Schema;
import io.datasynth.text.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * How a run's requests cut the bill, decided once from the settings, the model profile and the schema: the
 * structured-output schema of the replies (or none), the prompt-cache hint on the stable prefix (or none), the
 * prompt layout that goes with them, and the repairs. What the model or the schema cannot do is said once, as a
 * notice, rather than sent and refused.
 *
 * @param prompts the run's prompts in the chosen layout
 * @param responseSchema the reply schema fitted to the model's mechanism; null for free-text replies
 * @param cache the cache hint of every generation request; null when nothing is asked to be cached
 * @param prefixTokens the estimated tokens of the stable prefix (system text included)
 * @param repairs which invalid records are sent back to be fixed
 * @param notices what was decided against, to tell the user once
 */
record CostPlan(PromptBuilder prompts, ObjectNode responseSchema, LlmRequest.CacheHint cache, int prefixTokens,
    RepairPolicy repairs, List<Message> notices) {

  /** The most seeds the fixed block of a cached prefix shows. */
  static final int SEED_BLOCK = 16;
  /**
   * How far past the cache minimum an estimated prefix must reach to be sure the provider's own count reaches it
   * too: estimates for Claude are within about 15%, and providers count differently; exact counts need no margin.
   * A plain prefix short of that makes way for the seed block when the block is sure to be cached; the block makes
   * every prompt longer, so it is used only then. Marking costs nothing when nothing is cached, so a plain prefix
   * just over the minimum is still marked.
   */
  static final double BLOCK_MARGIN = 1.5;

  /**
   * Decides the plan of a run of these inputs: the same for a run, its estimate and every slice of a distributed
   * job. The provider's cache routing key (OpenAI {@code prompt_cache_key}) is named after the prompt settings.
   *
   * @param prompts the prompts in the default layout
   * @param longLivedCache whether cache entries should outlive a batch's hours (one-hour TTL)
   * @throws ConfigException when structured output is required ({@code --structured on}) but cannot be had
   */
  static CostPlan decide(SynthesisConfig config, ModelProfile profile, Inputs inputs, PromptBuilder prompts,
      TokenCounter tokens, boolean longLivedCache) {
    Schema schema = inputs.schema();
    String cacheKey = "datasynth-" + Fingerprints.promptSettings(config, prompts, inputs, profile);
    List<Message> notices = new ArrayList<>();
    ObjectNode responseSchema = null;
    if (config.structured() != StructuredMode.OFF) {
      ResponseSchemas.Result fitted = ResponseSchemas.of(schema, profile.structuredOutput());
      if (fitted instanceof ResponseSchemas.Result.Fitted f) {
        responseSchema = f.schema();
      } else if (fitted instanceof ResponseSchemas.Result.Unsupported u) {
        Message why = u.field().isEmpty() ? Message.of("structured.no_mechanism", config.model())
            : Message.of("structured.field", u.field(), u.why());
        if (config.structured() == StructuredMode.ON) {
          throw new ConfigException(Setting.STRUCTURED, Message.of("error.structured.unsupported", why,
              Setting.STRUCTURED));
        }
        notices.add(Message.of("notice.structured.off", why));
      }
    }
    boolean structured = responseSchema != null;
    PromptBuilder plain = structured ? prompts.withLayout(0, true) : prompts;
    int plainPrefix = prefix(plain, tokens);
    if (!config.cache() || profile.cacheMinTokens() <= 0) {
      return new CostPlan(plain, responseSchema, null, plainPrefix, repairs(config, structured), notices);
    }
    // A fixed block of examples makes the prefix long enough to cache and keeps it byte-identical for the run.
    PromptBuilder block = prompts.withLayout(SEED_BLOCK, structured);
    int blockPrefix = prefix(block, tokens);
    PromptBuilder chosen;
    int prefix;
    // A count in the model's own encoding is sure once over the minimum: the API only adds tokens (roles, format).
    double sure = profile.cacheMinTokens() * (tokens.exact() ? 1.0 : BLOCK_MARGIN);
    if (plainPrefix >= sure || plainPrefix >= profile.cacheMinTokens() && blockPrefix < sure) {
      chosen = plain;
      prefix = plainPrefix;
    } else if (blockPrefix >= sure) {
      chosen = block;
      prefix = blockPrefix;
    } else {
      // Over the minimum by too little to be sure, counts being estimates, is not the same as under it.
      notices.add(Message.of(blockPrefix < profile.cacheMinTokens() ? "notice.cache.short" : "notice.cache.close",
          blockPrefix, profile.cacheMinTokens(), config.model()));
      return new CostPlan(plain, responseSchema, null, plainPrefix, repairs(config, structured), notices);
    }
    return new CostPlan(chosen, responseSchema, new LlmRequest.CacheHint(cacheKey, longLivedCache), prefix,
        repairs(config, structured), notices);
  }

  /** This plan for a run whose calls go in provider batches: cache entries asked to live an hour. */
  CostPlan forBatches() {
    return cache == null || cache.longLived() ? this : new CostPlan(prompts, responseSchema,
        new LlmRequest.CacheHint(cache.key(), true), prefixTokens, repairs, notices);
  }

  /**
   * Whether a run's calls go in provider batches: never for a fleet of endpoints; always with {@code --mode batch} (an error when the model's
   * provider runs no batches for it), with {@code auto} when the model has a batch API, the job takes at least
   * {@link SynthesisConfig#AUTO_BATCH_MIN_REQUESTS} requests and no deadline is sooner than the batch window.
   */
  static boolean batch(SynthesisConfig config, ModelProfile profile) {
    if (config.endpoints().size() > 1) {
      // A provider batch goes to one provider's queue; a fleet of replicas is served online.
      return false;
    }
    return switch (config.mode()) {
      case ONLINE -> false;
      case BATCH -> {
        if (!profile.batch()) {
          throw new ConfigException(Setting.MODE, Message.of("error.mode.no_batch", config.model(), Setting.MODE,
              Setting.MODELS));
        }
        yield true;
      }
      case AUTO -> profile.batch()
          && Math.ceil((double) config.count() / config.batchSize()) >= SynthesisConfig.AUTO_BATCH_MIN_REQUESTS
          && (config.deadline() == null || config.deadline().compareTo(SynthesisConfig.BATCH_WINDOW) >= 0);
    };
  }

  private static RepairPolicy repairs(SynthesisConfig config, boolean structured) {
    return structured && config.repair() > 0 ? new RepairPolicy(config.repair()) : RepairPolicy.NONE;
  }

  /** The tokens every prompt of the run starts with: the system text and the stable part of the user text. */
  private static int prefix(PromptBuilder prompts, TokenCounter tokens) {
    return tokens.count(prompts.build(0, 1).system()) + tokens.count(prompts.stableText());
  }

  /** The layout as it enters the prompt fingerprint: empty for the default layout, so old journals still match. */
  String layout() {
    if (responseSchema == null && prompts.seedBlock().isEmpty()) {
      return "";
    }
    return "structured=" + (responseSchema != null) + ";seed_block=" + prompts.seedBlock().size();
  }
}
