package io.datasynth.provider.http;

import io.datasynth.provider.ApiKey;
import java.util.regex.Pattern;

/**
 * Removes secrets from text that came from a provider before it reaches a message or a log: the key itself and
 * anything shaped like a key (OpenAI's 401 message echoes part of it).
 */
public final class Redactor {
  private static final Pattern KEY_LIKE =
      Pattern.compile("\\b(sk|pk|rk)-[A-Za-z0-9_*.\\-]{6,}|\\bsk-ant-[A-Za-z0-9_*.\\-]+");

  private final String secret;

  public Redactor(ApiKey key) {
    this.secret = key == null ? null : key.reveal();
  }

  public String scrub(String text) {
    if (text == null) {
      return "";
    }
    String out = text;
    if (secret != null && !secret.isEmpty()) {
      out = out.replace(secret, "[redacted]");
    }
    return KEY_LIKE.matcher(out).replaceAll("[redacted]");
  }
}
