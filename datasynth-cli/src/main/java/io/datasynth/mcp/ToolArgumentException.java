package io.datasynth.mcp;

/**
 * A tool argument that cannot be used: missing, of the wrong type, out of range, or a path outside the server root.
 * The message names the argument, what is wrong and what to give instead; the tool answers it as an error result.
 */
final class ToolArgumentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ToolArgumentException(String message) {
    super(message, null, false, false);
  }
}
