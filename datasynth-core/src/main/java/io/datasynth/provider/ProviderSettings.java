package io.datasynth.provider;

import io.datasynth.error.Command;
import io.datasynth.error.ConfigException;
import io.datasynth.error.Setting;
import io.datasynth.text.Message;
import io.datasynth.model.ModelProfile;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Where and how to reach a model: the wire format, model id, base URL, key and timeouts.
 *
 * @param kind the wire format
 * @param model the model id
 * @param baseUrl the base URL the SDK way: an origin for Anthropic, a URL ending in /v1 for OpenAI
 * @param apiKey the key, or null for a local server that needs none
 * @param requestTimeout how long one request may take before it is retried
 * @param connectTimeout how long connecting may take
 * @param profile what the model accepts, which shapes every request
 */
public record ProviderSettings(
    ProviderKind kind, String model, String baseUrl, ApiKey apiKey, Duration requestTimeout,
    Duration connectTimeout, ModelProfile profile) {

  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(5);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Resolves settings the way the official SDKs do: base URL from the option, else the provider's variable, else
   * the public API; key from {@code keyVariable} (default the provider's variable). A key is required unless the
   * base URL points at this machine or a private network.
   *
   * @param baseUrlOption the --base-url option, or null
   * @param keyVariable the variable holding the key, or null for the provider's own
   * @throws ConfigException when a key is needed and missing, naming the variable and suggesting interactive mode
   */
  public static ProviderSettings resolve(ProviderKind kind, String model, String baseUrlOption, String keyVariable,
      Map<String, String> env, Duration requestTimeout, ModelProfile profile) {
    String baseUrl = firstNonBlank(baseUrlOption, env.get(kind.baseUrlVariable()), kind.defaultBaseUrl());
    Object from = baseUrlOption != null && !baseUrlOption.isBlank() ? Setting.BASE_URL
        : env.get(kind.baseUrlVariable()) != null && !env.get(kind.baseUrlVariable()).isBlank()
            ? kind.baseUrlVariable() : null;
    URI uri = checkBaseUrl(kind, baseUrl.strip(), from);
    String variable = keyVariable == null || keyVariable.isBlank() ? kind.keyVariable() : keyVariable;
    String key = env.get(variable);
    ApiKey apiKey = key == null || key.isBlank() ? null : ApiKey.fromVariable(variable, key);
    if (apiKey == null && !isLocal(uri)) {
      throw new ConfigException(Setting.API_KEY_ENV, Message.of("provider.key.missing", variable, kind.id(),
          uri.getHost(), Setting.BASE_URL, Command.PREPARE, Command.PARSE));
    }
    return new ProviderSettings(kind, model, baseUrl.strip(), apiKey,
        requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout, DEFAULT_CONNECT_TIMEOUT, profile);
  }

  /**
   * Parses a base URL and checks what the HTTP client would otherwise fail on at the first request: the scheme,
   * the host and the port's range.
   *
   * @param from where the URL came from (the {@link Setting#BASE_URL} or a variable's name), for the message; may be
   *     null
   */
  private static URI checkBaseUrl(ProviderKind kind, String baseUrl, Object from) {
    Object where = from == null ? "" : Message.of("provider.base_url.from", from);
    URI uri;
    try {
      uri = new URI(baseUrl);
    } catch (URISyntaxException e) {
      throw badBaseUrl(Message.of("provider.base_url.not_url", baseUrl, e.getReason(), kind.defaultBaseUrl(), where));
    }
    if (uri.getScheme() == null
        || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
      throw badBaseUrl(Message.of("provider.base_url.scheme", baseUrl, kind.defaultBaseUrl(), where));
    }
    if (uri.getHost() == null) {
      // A port too large for a number also lands here: the URI then cannot be read as host and port.
      throw badBaseUrl(Message.of("provider.base_url.host", baseUrl, kind.defaultBaseUrl(), where));
    }
    if (uri.getPort() == 0 || uri.getPort() > 65535) {
      throw badBaseUrl(Message.of("provider.base_url.port", baseUrl, String.valueOf(uri.getPort()), where));
    }
    return uri;
  }

  private static ConfigException badBaseUrl(Message m) {
    return new ConfigException(Setting.BASE_URL, m);
  }

  /** Whether a URL points at this machine or a private network, where servers usually need no key. */
  public static boolean isLocal(URI uri) {
    String host = uri.getHost();
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.endsWith(".localhost") || h.endsWith(".local") || h.endsWith(".internal")) {
      return true;
    }
    if (!h.matches("[0-9.]+") && !h.contains(":") && !h.startsWith("[")) {
      return false;
    }
    try {
      InetAddress a = InetAddress.getByName(h);
      return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    throw new IllegalStateException("no value");
  }
}
