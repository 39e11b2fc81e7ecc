package io.datasynth.seed;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One hand-checked example record.
 *
 * @param index 1-based position in the seed file
 * @param id the id the file gave it, or {@code "seed #index"}
 * @param data the record itself; never mutated after reading
 */
public record Seed(int index, String id, ObjectNode data) {}
