package io.datasynth.api;

import java.nio.file.Path;

/**
 * What reading a pasted judge answer into an output did ({@code parse --judged}).
 *
 * @param outputPath the output
 * @param scored records that got a score
 * @param passed of those, records at or above the minimum
 * @param lowScore records below it, moved to the rejects file
 * @param remaining records in the output still without a score
 */
public record JudgedReport(Path outputPath, int scored, int passed, int lowScore, int remaining) {}
