package io.datasynth.error;

import java.util.Locale;

/**
 * A setting a user can change. Core messages name settings with these values, never with a command-line flag or
 * an MCP argument: each adapter renders a setting in its own words ({@code --batch-size} on the command line,
 * {@code batch_size} in MCP), through {@link io.datasynth.text.SettingNames}.
 */
public enum Setting {
  COUNT,
  SCHEMA,
  /** The seed file (the random seed is {@link #SEED}). */
  SEEDS,
  PROVIDER,
  MODEL,
  TEMPERATURE,
  REASONING_EFFORT,
  MAX_TOKENS,
  BATCH_SIZE,
  CONCURRENCY,
  MAX_RETRIES,
  RETRY_DELAY,
  TIMEOUT,
  BASE_URL,
  API_KEY_ENV,
  OUTPUT,
  FORMAT,
  DATA_TYPE,
  LANG,
  DIVERSITY,
  EXAMPLES,
  SEED,
  TEMPLATE,
  NEAR_DUP,
  VALIDATE,
  STRICT,
  MAX_COST,
  MAX_REQUESTS,
  STATS,
  FORCE,
  RESUME,
  PRICES,
  MODELS,
  MODE,
  DEADLINE,
  CACHE,
  STRUCTURED,
  REPAIR,
  TOP_UP,
  ENDPOINTS,
  // diversity plans and the rubric judge
  BALANCE,
  AXIS,
  AXES,
  SEED_GUIDE,
  JUDGE,
  DATASET,
  JUDGE_MODEL,
  MIN_SCORE,
  JUDGE_BATCH_SIZE,
  // the command line's own and the Spark job's
  POST_HOOK,
  PROGRESS,
  UI_LANG,
  ENDPOINT,
  PARTITIONS,
  MAX_ROUNDS,
  WORK_DIR;

  /** The setting's key in config files and MCP arguments, e.g. {@code batch_size}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
