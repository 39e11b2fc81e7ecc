package io.datasynth.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fake's memory of requests: the finished ones, and per API key the time before which a retry would be
 * early. Keys are kept only as SHA-256 fingerprints. Thread-safe.
 */
final class RequestLog {
  private final boolean keeps;
  private final AtomicLong sequence = new AtomicLong();
  private final ConcurrentLinkedQueue<RecordedRequest> entries = new ConcurrentLinkedQueue<>();
  private final Map<String, Long> notBefore = new ConcurrentHashMap<>();

  /** @param keeps whether finished requests are kept; a log that keeps none still numbers them and holds waits */
  RequestLog(boolean keeps) {
    this.keeps = keeps;
  }

  long nextSequence() {
    return sequence.getAndIncrement();
  }

  void add(RecordedRequest request) {
    if (keeps) {
      entries.add(request);
    }
  }

  /** Remembers that the key with {@code fingerprint} was told to wait until {@code untilNanos}. */
  void announce(String fingerprint, long untilNanos) {
    notBefore.merge(fingerprint, untilNanos, Math::max);
  }

  boolean arrivedEarly(String fingerprint, long arrivalNanos) {
    Long until = notBefore.get(fingerprint);
    return until != null && arrivalNanos < until;
  }

  /** The finished requests in arrival order; an immutable snapshot. */
  List<RecordedRequest> snapshot() {
    List<RecordedRequest> list = new ArrayList<>(entries);
    list.sort(Comparator.comparingLong(RecordedRequest::sequence));
    return List.copyOf(list);
  }

  /** Forgets the finished requests; announced waits stay in force. */
  void clear() {
    entries.clear();
  }

  /** A fingerprint of an API key that cannot be turned back into it; "" for no key. */
  static String fingerprint(String key) {
    if (key == null) {
      return "";
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
