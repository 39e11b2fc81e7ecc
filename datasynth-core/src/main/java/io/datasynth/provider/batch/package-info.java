/**
 * The providers' batch APIs as one interface ({@link io.datasynth.provider.batch.BatchApi}): Anthropic Message
 * Batches and OpenAI Files + Batch. They create a batch of requests, look at it, stream its results and cancel it;
 * what to put in a batch, and when, is the {@code io.datasynth.batch} dispatcher's business.
 */
package io.datasynth.provider.batch;
