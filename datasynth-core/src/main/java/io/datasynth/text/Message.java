package io.datasynth.text;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A user-facing message as data: a key into the message bundles and its arguments. Adapters render it in the
 * user's language ({@link Messages}); arguments that are {@link io.datasynth.error.Setting}s are named the
 * adapter's way, nested messages are rendered in turn, and everything else is formatted for the locale.
 *
 * @param key the bundle key, e.g. {@code error.temperature.unsupported}
 * @param args the arguments the bundle's pattern refers to as {@code {0}}, {@code {1}}, …; never null
 */
public record Message(String key, List<Object> args) {
  public Message {
    Objects.requireNonNull(key, "key");
    args = List.copyOf(args);
  }

  /** A message with these arguments, none of them null. */
  public static Message of(String key, Object... args) {
    return new Message(key, Arrays.asList(args));
  }
}
