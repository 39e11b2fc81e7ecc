package io.datasynth.judge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The short hash that ties a journaled judgement to its record: the first 64 bits of SHA-256 of its JSON. */
public final class JudgeKeys {
  private JudgeKeys() {}

  public static String of(ObjectNode record) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(Json.compact(record).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
