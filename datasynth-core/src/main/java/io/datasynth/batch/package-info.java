/**
 * Batch mode: {@link io.datasynth.batch.BatchDispatcher} carries a run's calls to a provider's batch API (Anthropic
 * Message Batches, OpenAI Batch) instead of sending each at once, for half the price. The call scheduler still
 * decides what goes and retries what failed; the dispatcher gathers the calls into batches within the documented
 * limits, journals each batch before anything waits on it, polls with back-off, and hands every result back by its
 * {@code custom_id}. A resumed run finds its batches in the journal and collects them; it never submits paid work
 * again.
 */
package io.datasynth.batch;
