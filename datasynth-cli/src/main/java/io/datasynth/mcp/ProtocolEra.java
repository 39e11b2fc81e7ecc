package io.datasynth.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/**
 * The two generations of the MCP protocol a client may speak: the 2025 revisions (an {@code initialize} handshake,
 * then a session) and 2026-07-28 (no handshake: {@code server/discover}, and each request carries its protocol
 * version in {@code _meta}). The SDK serves them with two servers; the client's first message says which one.
 */
enum ProtocolEra {
  /** 2024-11-05 to 2025-11-25: {@code initialize} first. */
  LEGACY,
  /** 2026-07-28: {@code server/discover} or a request with {@value #VERSION_META} in its {@code _meta}. */
  MODERN;

  static final String VERSION_META = "io.modelcontextprotocol/protocolVersion";

  /** What the first message decided, and the input to serve with that first message still in it. */
  record Decision(ProtocolEra era, InputStream input) {}

  /**
   * Reads the client's first non-blank line and decides: 2026-07-28 when it is {@code server/discover} or carries
   * the 2026 protocol version in its {@code _meta}, else the 2025 era (whose server answers anything else, even a
   * line that is not JSON). The end of input before any message decides nothing and gives the 2025 era.
   *
   * @param in the client's input; read only as far as the end of the first non-blank line
   * @param maxLine past this many bytes the line is not looked into (the 2025 era's server refuses it)
   */
  static Decision probe(InputStream in, ObjectMapper mapper, int maxLine) throws IOException {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int c = in.read();
      if (c != -1) {
        seen.write(c);
      }
      if (c == -1 || c == '\n') {
        String text = line.toString(java.nio.charset.StandardCharsets.UTF_8).strip();
        if (!text.isEmpty() || c == -1) {
          return new Decision(of(text, mapper), new SequenceInputStream(
              new ByteArrayInputStream(seen.toByteArray()), in));
        }
        line.reset();
        continue;
      }
      line.write(c);
      if (line.size() > maxLine) {
        return new Decision(LEGACY, new SequenceInputStream(new ByteArrayInputStream(seen.toByteArray()), in));
      }
    }
  }

  /** The era a first message asks for. */
  static ProtocolEra of(String firstLine, ObjectMapper mapper) {
    JsonNode n;
    try {
      n = mapper.readTree(firstLine);
    } catch (IOException e) {
      return LEGACY;
    }
    if (n == null || !n.isObject()) {
      return LEGACY;
    }
    String method = n.path("method").asText("");
    if (method.equals("server/discover") || n.path("params").path("_meta").has(VERSION_META)) {
      return MODERN;
    }
    return LEGACY;
  }
}
