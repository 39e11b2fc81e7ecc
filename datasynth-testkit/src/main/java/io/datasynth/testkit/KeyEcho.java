package io.datasynth.testkit;

/**
 * Whether the fake, playing a misconfigured gateway, quotes the presented API key back in every completion's
 * error: for tests that keys are redacted wherever a server's words reach a user.
 */
public enum KeyEcho {
  /** Keys are never echoed. The default. */
  NONE,
  /** The key exactly as presented, e.g. {@code sk-ant-api03-abc…}. */
  FULL,
  /** The key without its {@code sk-ant-} or {@code sk-} prefix, e.g. {@code api03-abc…}. */
  WITHOUT_PREFIX;

  /** What this echo shows of {@code key} (null: none presented). */
  String show(String key) {
    if (key == null) {
      return "(no key)";
    }
    if (this == WITHOUT_PREFIX) {
      if (key.startsWith("sk-ant-")) {
        return key.substring("sk-ant-".length());
      }
      if (key.startsWith("sk-")) {
        return key.substring("sk-".length());
      }
    }
    return key;
  }
}
