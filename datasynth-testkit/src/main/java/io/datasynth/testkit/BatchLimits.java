package io.datasynth.testkit;

/**
 * The documented size limits of the batch APIs. Tests that check a limit lower it through the builder's
 * package-private hook instead of sending hundreds of megabytes.
 *
 * @param anthropicRequests the most requests in one Message Batch (100,000)
 * @param anthropicBytes the largest Message Batch body (256 MB)
 * @param openAiRequests the most requests in one OpenAI batch input file (50,000)
 * @param openAiFileBytes the largest OpenAI batch input file (200 MB)
 */
record BatchLimits(int anthropicRequests, long anthropicBytes, int openAiRequests, long openAiFileBytes) {
  static final BatchLimits DOCUMENTED = new BatchLimits(100_000, 256L * 1024 * 1024, 50_000, 200L * 1024 * 1024);
}
