package io.datasynth.plan;

/**
 * A run of records in one prompt that share a combination: the one part of an API batch, or one of the parts an
 * interactive prompt asks for in order.
 *
 * @param combination the values its records are asked to have
 * @param count how many records
 */
public record Part(Combination combination, int count) {}
