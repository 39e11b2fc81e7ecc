package io.datasynth.mcp;

import io.datasynth.provider.ProviderKind;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;

/**
 * Which {@code base_url} a tool call may choose. The server's API key goes to whatever base URL a run uses, so a
 * tool argument may only name a server on this machine (vLLM, Ollama, a fake provider), the provider's public API,
 * or the base URL the server's environment already sets. Anything else must be configured in the server's
 * environment ({@code ANTHROPIC_BASE_URL} / {@code OPENAI_BASE_URL}), where the user, not the model, decides.
 */
final class BaseUrlPolicy {
  private BaseUrlPolicy() {}

  /**
   * Checks a base URL given as a tool argument.
   *
   * @throws ToolArgumentException saying why the URL is refused and where to configure it instead
   */
  static void check(String baseUrl, ProviderKind kind, Map<String, String> env) {
    URI uri;
    try {
      uri = URI.create(baseUrl.strip());
    } catch (IllegalArgumentException e) {
      throw new ToolArgumentException("base_url " + baseUrl + " is not a URL; give e.g. http://localhost:11434/v1");
    }
    if (uri.getScheme() == null || uri.getHost() == null
        || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
      throw new ToolArgumentException("base_url " + baseUrl + " must start with http:// or https://, e.g. "
          + "http://localhost:11434/v1");
    }
    if (isLoopback(uri.getHost()) || sameOrigin(uri, kind.defaultBaseUrl())
        || sameOrigin(uri, env.get(kind.baseUrlVariable()))) {
      return;
    }
    throw new ToolArgumentException("base_url " + origin(uri) + " is not accepted from a tool call: the server's "
        + "API key would be sent there. Only a server on this machine (localhost) or " + kind.defaultBaseUrl()
        + " can be chosen here; to use another server, set " + kind.baseUrlVariable() + " in the MCP server's "
        + "environment");
  }

  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return true;
    }
    if (!h.matches("[0-9.]+") && !h.startsWith("[")) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean sameOrigin(URI uri, String other) {
    if (other == null || other.isBlank()) {
      return false;
    }
    try {
      return origin(uri).equals(origin(URI.create(other.strip())));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String origin(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    return scheme + "://" + host + ":" + port;
  }
}
