package io.datasynth.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/** A record source drawing from a shuffled pool without replacement; see {@link RecordSource#pool}. */
final class PoolSource implements RecordSource {
  private final List<ObjectNode> records;
  private int[] order = new int[0];
  private int position;

  PoolSource(List<ObjectNode> records) {
    Objects.requireNonNull(records, "records");
    if (records.isEmpty()) {
      throw new IllegalArgumentException("record pool is empty; give at least one record");
    }
    List<ObjectNode> copies = new ArrayList<>(records.size());
    for (ObjectNode record : records) {
      copies.add(Objects.requireNonNull(record, "record in pool").deepCopy());
    }
    this.records = List.copyOf(copies);
  }

  @Override
  public synchronized List<ObjectNode> next(int count, RandomGenerator random) {
    List<ObjectNode> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (position == order.length) {
        reshuffle(random);
      }
      out.add(records.get(order[position++]).deepCopy());
    }
    return out;
  }

  private void reshuffle(RandomGenerator random) {
    order = new int[records.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    position = 0;
  }
}
