package io.datasynth.provider.batch;

/**
 * How large one batch may be, as the provider documents it; larger work is split over several batches.
 *
 * @param maxRequests the most items in one batch (Anthropic 100,000; OpenAI 50,000 lines per file)
 * @param maxBytes the largest batch body or input file, in bytes (Anthropic 256 MB; OpenAI 200 MB)
 */
public record BatchLimits(int maxRequests, long maxBytes) {
  /** Anthropic Message Batches: 100,000 requests or 256 MB. */
  public static final BatchLimits ANTHROPIC = new BatchLimits(100_000, 256L * 1024 * 1024);
  /** OpenAI Batch: 50,000 requests and 200 MB per input file. */
  public static final BatchLimits OPENAI = new BatchLimits(50_000, 200L * 1024 * 1024);

  public BatchLimits {
    if (maxRequests < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("batch limits must be positive: " + maxRequests + ", " + maxBytes);
    }
  }
}
