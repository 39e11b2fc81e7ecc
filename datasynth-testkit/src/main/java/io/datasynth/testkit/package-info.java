/**
 * A fake LLM provider for tests, benchmarks and users' own pipelines: {@link io.datasynth.testkit.FakeProvider}.
 * It is a strict, independent oracle of the real APIs: it refuses what they refuse, with their status, error type
 * and message, from its own rules written from the providers' documentation (never from DataSynth's client code).
 *
 * <p>One loopback HTTP server speaks two documented wire formats, chosen by path:
 *
 * <ul>
 *   <li>{@code POST /v1/messages}: the Anthropic Messages API (the key as {@code x-api-key} or
 *       {@code Authorization: Bearer}, {@code anthropic-version} required, {@code anthropic-ratelimit-*} headers
 *       with RFC 3339 resets, 529 for overload);
 *   <li>{@code POST /v1/chat/completions}: the OpenAI Chat Completions API ({@code Authorization: Bearer},
 *       {@code x-ratelimit-*} headers with resets like {@code 1.5s}, {@code retry-after-ms}, 503 for overload);
 *   <li>{@code GET /v1/models} in whichever style the request's headers suggest; other paths get 404.
 * </ul>
 *
 * <p><b>Model rules.</b> {@link io.datasynth.testkit.ModelRules} reads {@code io/datasynth/testkit/model-rules.json}
 * (or a file of the same format, {@code --model-rules}): per model family a pattern, its source URL, its largest
 * output, which sampling parameters it takes, how it thinks or reasons and which efforts it accepts. A request for
 * a model no family matches gets 404 ({@code not_found_error "model: …"} / {@code model_not_found}), as the real
 * APIs answer; with an allow-list ({@code models(...)}) only the listed models are served, and a listed model no
 * family describes gets lenient rules (an OpenAI- or Anthropic-compatible server's own name). The rules as of
 * 2026-12-01:
 *
 * <ul>
 *   <li>Anthropic, newest families (Fable 5.x, Mythos 5.x and Preview, Opus 5 and 5.5, Sonnet 5 and 5.5, Haiku
 *       5.5, Opus 4.7 and 4.8): a non-default {@code temperature}, {@code top_p} or any {@code top_k} is 400
 *       "`temperature` is deprecated for this model."; manual thinking ({@code enabled} with
 *       {@code budget_tokens}) is 400 "\"thinking.type.enabled\" is not supported for this model. …";
 *       {@code disabled} is refused where thinking cannot be turned off (Opus 5.5, Fable, Mythos, Sonnet 5.5,
 *       which takes {@code between_tools}); an assistant prefill is refused (also on the 4.6 models); the 5.x
 *       models think by default (adaptive), and their thinking blocks come back {@code omitted} unless the request
 *       asks for {@code display: summarized}.
 *   <li>Anthropic, older families: temperature 0–1, {@code top_p}, {@code top_k}; Sonnet 4.5/4.6, Haiku 4.5 and
 *       Opus 4.1–4.6 refuse temperature and top_p together; while thinking, temperature must be 1. Everywhere:
 *       {@code max_tokens} is required and at most the model's output limit ("max_tokens: N > M, which is the
 *       maximum allowed number of output tokens for …"), {@code budget_tokens} is at least 1024 and below
 *       {@code max_tokens}, unknown top-level fields are "… Extra inputs are not permitted", and
 *       {@code output_config.effort} must be one the model offers.
 *   <li>OpenAI reasoning models ({@code gpt-5*}, {@code gpt-6*}, {@code o1}, {@code o3}, {@code o4-mini}):
 *       {@code max_tokens} is 400 "Unsupported parameter: 'max_tokens' is not supported with this model. Use
 *       'max_completion_tokens' instead." ({@code param}, {@code code: unsupported_parameter}); a non-default
 *       {@code temperature}, {@code top_p} or penalty is {@code unsupported_value} (for models that take
 *       {@code reasoning_effort: none}, only while the effective effort is none); {@code reasoning_effort} must be
 *       one the model lists. {@code -pro} and codex models are Responses-only (404).
 *   <li>OpenAI non-reasoning models (gpt-4o, gpt-4.1, …) take temperature 0–2 and both limit names; every model's
 *       limit is at most its output maximum ("max_tokens is too large: …"). Open models behind OpenAI-compatible
 *       servers ({@code qwen2.5:7b}, {@code llama-3.1-8b-instruct}, {@code deepseek-chat}, …) take temperature and
 *       {@code max_tokens}.
 * </ul>
 *
 * <p><b>Replies.</b> A {@link io.datasynth.testkit.RecordSource} supplies the records, laid out in a
 * {@link io.datasynth.testkit.ReplyStyle}; a JSON {@code response_format} (OpenAI) or {@code output_config.format}
 * (Anthropic) gets {@code {"records": [...]}} instead. Tools and images are refused with 400.
 *
 * <p><b>Streaming.</b> {@code stream: true} is answered with server-sent events: Anthropic {@code message_start}
 * (with usage), {@code content_block_start}, {@code ping}, {@code content_block_delta} ({@code thinking_delta},
 * {@code signature_delta}, {@code text_delta}), {@code content_block_stop}, {@code message_delta} (stop reason and
 * output tokens), {@code message_stop}; OpenAI {@code chat.completion.chunk} data lines, {@code finish_reason} on
 * the last choice chunk, a final usage chunk with empty {@code choices} only with
 * {@code stream_options.include_usage}, then {@code data: [DONE]}. The text and usage are those of the whole reply
 * for the same seed. Rate limits, 429/529 and faults apply as to whole replies (errors before the stream starts
 * are whole JSON bodies).
 *
 * <p><b>Tokens.</b> The fake counts tokens with a documented approximation: 1 per CJK character, 1 per 4 other
 * characters (rounded up), at least 1 per text. Input tokens are the system prompt and all messages. With
 * {@code reasoningTokens(N)}, a reply that thinks (Anthropic: manual or adaptive thinking, or a model that thinks by
 * default) or reasons (an OpenAI reasoning model at an effort other than none) first spends N hidden tokens, at
 * most {@code budget_tokens}: Anthropic replies start with a {@code thinking} block with a signature, OpenAI usage
 * reports {@code completion_tokens_details.reasoning_tokens}, and the output tokens billed include them. The
 * reasoning counts against {@code max_tokens} / {@code max_completion_tokens}; a reply longer than what is left is
 * cut there and ends with {@code stop_reason: max_tokens} / {@code finish_reason: length}, with no text at all when
 * the reasoning used the whole budget.
 *
 * <p><b>Rate limits.</b> Each limit is a token bucket that holds {@code burstSeconds} worth of the per-minute
 * limit (60 s by default) and refills continuously. Anthropic requests pay 1 request, their input tokens and
 * their {@code max_tokens} of output when they start, and get the unused output back when they end; the headers
 * are {@code anthropic-ratelimit-{requests,input-tokens,output-tokens,tokens}-{limit,remaining,reset}}, where
 * {@code tokens} adds the input and output buckets up. OpenAI requests pay 1 request and prompt tokens plus their
 * output budget ({@code max_completion_tokens}, {@code max_tokens}, or 4096) against the tokens bucket, likewise
 * refunded. A request that does not fit gets 429 with {@code retry-after} (whole seconds, rounded up, at least 1)
 * and 0 remaining for the refusing bucket.
 *
 * <p><b>Faults.</b> A {@link io.datasynth.testkit.FaultScript} picks a {@link io.datasynth.testkit.Fault} per
 * request from an explicit sequence and seeded probabilities; the same seed gives the same faults at the same
 * arrival indexes.
 *
 * <p><b>Hostile servers.</b> For client hardening tests, all off by default: {@code trickleBody(N)} sends bodies N
 * bytes per second after the headers; {@code endlessBody(true)} answers completions with a 200 whose chunked body
 * never ends; {@code htmlLoginPage(true)} answers everything with a 200 HTML page, as a proxy's login;
 * {@code echoKey(FULL | WITHOUT_PREFIX)} answers completions with a 401 quoting the presented key (whole, or
 * without {@code sk-ant-}/{@code sk-}) in the message and an {@code x-echoed-api-key} header;
 * {@code rateLimitHeaders(false)} sends no rate-limit or retry-after headers at all; {@code nonStreamingMaxTokens(N)}
 * answers Anthropic requests that do not stream and ask for more than N {@code max_tokens} with 504
 * {@code timeout_error} (the official SDKs refuse such calls above 21,333 tokens, expected to run past 10 minutes;
 * the API itself times long non-streaming requests out).
 *
 * <p><b>Observation.</b> Every request becomes a {@link io.datasynth.testkit.RecordedRequest}; the fake counts
 * statuses, records served and early retries (requests that arrived before a retry-after it announced to the
 * same key had elapsed).
 *
 * <p><b>Standalone.</b> {@link io.datasynth.testkit.FakeProviderMain} and {@code datasynth fake-provider} take one
 * flag per builder setting ({@link io.datasynth.testkit.FakeProviderOptions#usage()}).
 */
package io.datasynth.testkit;
