package io.datasynth.api;

/**
 * What a run is expected to cost, from the real prompts for the real inputs.
 *
 * @param count records asked for
 * @param batches requests needed if every record is accepted
 * @param inputTokens prompt tokens over all requests
 * @param outputTokens reply tokens, from the seeds' own sizes, reasoning included
 * @param reasoningTokens the part of {@code outputTokens} expected to go to reasoning (half the model's reserve per
 *     request); 0 for models that answer at once
 * @param model the model priced
 * @param costUsd the estimated cost, or null when the model has no price
 * @param tokenizer how tokens were counted, as a message for the user's language
 * @param sampledBatches how many prompts were built and counted (the rest extrapolated)
 * @param cacheReadTokens the part of {@code inputTokens} expected to be read from the prompt cache: the stable
 *     prefix of every request after the first; 0 when the run asks for no caching
 * @param cacheWriteTokens the part of {@code inputTokens} expected to be written to the cache: the prefix, once
 * @param batch whether the run would go through the provider's Batch API, and is priced at its discount
 * @param listPriceUsd what the same tokens would cost online without the cache, or null when the model has no price
 */
public record CostEstimate(
    int count, int batches, long inputTokens, long outputTokens, long reasoningTokens, String model, Double costUsd,
    io.datasynth.text.Message tokenizer, int sampledBatches, long cacheReadTokens, long cacheWriteTokens, boolean batch,
    Double listPriceUsd) {}
