package io.datasynth.provider;

import io.datasynth.provider.anthropic.AnthropicBatchApi;
import io.datasynth.provider.anthropic.AnthropicWireFormat;
import io.datasynth.provider.batch.BatchApi;
import io.datasynth.provider.batch.BatchHttp;
import io.datasynth.provider.batch.BatchLimits;
import io.datasynth.provider.http.HttpLlmClient;
import io.datasynth.provider.http.HttpTransport;
import io.datasynth.provider.http.UrlConnectionTransport;
import io.datasynth.provider.http.WireFormat;
import io.datasynth.provider.openai.OpenAiBatchApi;
import io.datasynth.provider.openai.OpenAiWireFormat;
import io.datasynth.secret.Redactor;
import java.net.URI;
import java.time.Clock;
import java.util.function.UnaryOperator;

/** Creates {@link LlmClient}s for provider settings. */
public final class LlmClients {
  private LlmClients() {}

  /** A client over the JDK HTTP client. */
  public static LlmClient create(ProviderSettings s) {
    return create(s, UnaryOperator.identity());
  }

  /**
   * A client whose transport is wrapped, e.g. by a logging decorator.
   *
   * @param wrap receives the real transport and returns the one to use
   */
  public static LlmClient create(ProviderSettings s, UnaryOperator<HttpTransport> wrap) {
    URI endpoint = switch (s.kind()) {
      case ANTHROPIC -> AnthropicWireFormat.endpoint(s.baseUrl());
      case OPENAI -> OpenAiWireFormat.endpoint(s.baseUrl());
    };
    WireFormat wire = switch (s.kind()) {
      case ANTHROPIC -> new AnthropicWireFormat(endpoint, s.model(), s.apiKey(), s.requestTimeout(), s.profile());
      case OPENAI -> new OpenAiWireFormat(endpoint, s.model(), s.apiKey(), s.requestTimeout(), s.profile());
    };
    HttpTransport transport = wrap.apply(UrlConnectionTransport.create(s.connectTimeout()));
    return new HttpLlmClient(s.kind(), s.model(), endpoint.toString(), wire, transport, Clock.systemUTC(),
        s.apiKey() == null ? Redactor.none() : Redactor.of(s.apiKey().reveal()));
  }

  /** The provider's batch API for these settings, with the documented size limits. */
  public static BatchApi batchApi(ProviderSettings s, UnaryOperator<HttpTransport> wrap) {
    return batchApi(s, wrap, s.kind() == ProviderKind.ANTHROPIC ? BatchLimits.ANTHROPIC : BatchLimits.OPENAI);
  }

  /**
   * The provider's batch API with other size limits (lower ones, to split work into several batches in tests).
   *
   * @param wrap receives the real transport of the JSON exchanges and returns the one to use
   */
  public static BatchApi batchApi(ProviderSettings s, UnaryOperator<HttpTransport> wrap, BatchLimits limits) {
    Redactor redactor = s.apiKey() == null ? Redactor.none() : Redactor.of(s.apiKey().reveal());
    switch (s.kind()) {
      case ANTHROPIC -> {
        URI endpoint = AnthropicWireFormat.endpoint(s.baseUrl());
        AnthropicWireFormat wire = new AnthropicWireFormat(endpoint, s.model(), s.apiKey(), s.requestTimeout(),
            s.profile());
        HttpTransport transport = wrap.apply(UrlConnectionTransport.create(s.connectTimeout()));
        return new AnthropicBatchApi(endpoint, wire, s.apiKey(), new BatchHttp(transport, endpoint.toString(),
            s.connectTimeout(), redactor, wire::errorMessage), limits);
      }
      case OPENAI -> {
        URI endpoint = OpenAiWireFormat.endpoint(s.baseUrl());
        OpenAiWireFormat wire = new OpenAiWireFormat(endpoint, s.model(), s.apiKey(), s.requestTimeout(), s.profile());
        HttpTransport transport = wrap.apply(UrlConnectionTransport.create(s.connectTimeout()));
        return new OpenAiBatchApi(endpoint, wire, s.apiKey(), new BatchHttp(transport, endpoint.toString(),
            s.connectTimeout(), redactor, wire::errorMessage), limits);
      }
      default -> throw new IllegalStateException("no batch API for " + s.kind());
    }
  }
}
