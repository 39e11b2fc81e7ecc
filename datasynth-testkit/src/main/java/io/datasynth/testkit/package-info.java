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
 *   <li>{@code GET /v1/models} in whichever style the request's headers suggest;
 *   <li>Anthropic Message Batches: {@code POST /v1/messages/batches}, {@code GET /v1/messages/batches} (list, newest
 *       first, {@code limit}, {@code after_id}), {@code GET|DELETE /v1/messages/batches/{id}},
 *       {@code POST /v1/messages/batches/{id}/cancel}, {@code GET /v1/messages/batches/{id}/results} (JSONL);
 *   <li>OpenAI Files and Batch: {@code POST /v1/files} (multipart/form-data, {@code file} and {@code purpose}),
 *       {@code GET|DELETE /v1/files/{id}}, {@code GET /v1/files/{id}/content}, {@code POST /v1/batches},
 *       {@code GET /v1/batches} (list, {@code limit}, {@code after}), {@code GET /v1/batches/{id}},
 *       {@code POST /v1/batches/{id}/cancel}. Other paths get 404.
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
 * {@link io.datasynth.testkit.ReplyStyle}; OpenAI JSON mode gets {@code {"records": [...]}} and a JSON schema gets
 * JSON that conforms to it (below). Tools and images are refused with 400.
 *
 * <p><b>Structured outputs</b> (rules as of 2026-12-01, from platform.claude.com's structured outputs page and
 * platform.openai.com's Structured Outputs guide). Anthropic {@code output_config.format: {type: json_schema,
 * schema}}: the schema may use the basic types, {@code enum} of primitives, {@code const}, {@code anyOf},
 * {@code allOf} (no {@code $ref} inside), local non-recursive {@code $ref}/{@code $defs}/{@code definitions},
 * {@code default}, {@code required}, {@code additionalProperties: false} (required on every object), the formats
 * date-time, time, date, duration, email, hostname, uri, ipv4, ipv6, uuid, {@code minItems} 0 or 1 and patterns
 * without backreferences, lookaround or {@code }; anything else is 400 naming the keyword and its JSON pointer.
 * Models whose rules say {@code structuredOutputs: none} (Opus 4.1 and older) get 400, as does a prefill. OpenAI
 * {@code response_format: {type: json_schema, json_schema: {name, strict, schema}}}: {@code name} is required and
 * matches {@code ^[a-zA-Z0-9_-]+$} (at most 64); with {@code strict: true} the root is an object (not anyOf), every
 * object has {@code additionalProperties: false} and every property in {@code required}, only supported keywords
 * (types, properties, required, additionalProperties, items, enum, const, anyOf, $ref/$defs/definitions,
 * description, title, pattern, format, multipleOf, minimum, maximum, exclusiveMinimum, exclusiveMaximum,
 * minItems, maxItems), at most 5,000 properties, 10 levels of nesting, 120,000 characters of names and values, 1,000
 * enum values (an enum of more than 250 strings at most 15,000 characters); errors are 400 {@code Invalid schema for
 * response_format 'NAME': In context=(...), ...} with {@code param: response_format}. {@code json_object} needs the
 * word "json" in the messages. A model without support gets {@code Invalid parameter: 'response_format' of type
 * '...' is not supported with this model.} The reply fills the schema's records array (the first array-of-objects
 * property, preferring {@code records}, {@code samples}, {@code items}, {@code data}; the root itself when it is an
 * array) with the source's records fitted to the item schema (types coerced, missing fields made up, extra fields
 * dropped, enums, consts, formats, bounds, lengths and simple patterns honoured); structured replies never get
 * {@code INVALID_RECORDS} or {@code GARBAGE}. {@code structuredViolationRate(p)} makes a record's first string
 * without enum/const/pattern/format/minLength "" (else its first unbounded number -999999): valid for the schema,
 * invalid for a length, pattern or range rule kept in the prompt, for repair tests.
 *
 * <p><b>Prompt caching</b> (platform.claude.com's and platform.openai.com's prompt-caching pages). Anthropic:
 * {@code cache_control: {type: ephemeral, ttl: 5m|1h}} on system and message text blocks, or once at the top level
 * (the automatic form: a breakpoint on the last block); at most 4 breakpoints in all ("A maximum of 4 blocks with
 * cache_control may be provided. Found N."), a {@code 1h} breakpoint may not follow a {@code 5m} one, other
 * {@code type}/{@code ttl} values are 400. A prefix is identified by the exact bytes of the model, the output
 * format, the system blocks, the thinking settings and the message blocks up to the breakpoint
 * ({@code cache_control} itself excluded). A request reads the longest live prefix ending at a block boundary at
 * most 20 blocks before a breakpoint and refreshes it; each later breakpoint whose prefix has at least the family's
 * {@code cacheMinimum} tokens (model-rules.json) is written with its TTL. Usage: {@code cache_read_input_tokens},
 * {@code cache_creation_input_tokens}, {@code cache_creation: {ephemeral_5m_input_tokens,
 * ephemeral_1h_input_tokens}}, and {@code input_tokens} counting only the rest; cache reads are refunded to the
 * input-tokens bucket. OpenAI: prompts of at least 1,024 tokens read the longest live prefix of 1,024 + 128·k tokens
 * ({@code usage.prompt_tokens_details.cached_tokens}) and write all of theirs; the prefix is scoped by model,
 * {@code prompt_cache_key} and {@code response_format}; entries live 10 idle minutes (24 hours with
 * {@code prompt_cache_retention: 24h}; {@code in_memory} and {@code 24h} are the accepted values). Time is the
 * fake's clock; caches are per fake and style. Batch items read and write the same caches, at the item's time.
 *
 * <p><b>Batches.</b> Items are read like online requests, without rate limits or the fault script. Anthropic: a
 * body of at most 256 MB (else 413 {@code request_too_large}) with 1 to 100,000 {@code requests}, each
 * {@code {custom_id, params}}, {@code custom_id} matching {@code ^[a-zA-Z0-9_-]{1,64}$} and unique (else 400);
 * {@code params} is validated asynchronously as the API does: one the Messages API would refuse ends as an
 * {@code errored} result carrying that error, as does one with {@code stream: true}. The batch object has
 * {@code processing_status} in_progress → (canceling →) ended, {@code request_counts} {processing, succeeded,
 * errored, canceled, expired}, {@code created_at}, {@code ended_at}, {@code expires_at} (created + 24 h),
 * {@code cancel_initiated_at}, {@code archived_at} and {@code results_url} once ended. Results are JSONL lines
 * {@code {custom_id, result: {type: succeeded, message} | {type: errored, error: {type: error, error: {type,
 * message}}} | {type: canceled} | {type: expired}}} with each message's usage; before the end they are 400, after
 * 29 days 404. Cancelling an ended batch is 400; deleting one in progress is 400. OpenAI: {@code purpose} one of
 * assistants, batch, fine-tune, vision, user_data, evals; a batch file must be {@code .jsonl} and at most 200 MB. A
 * batch needs an existing {@code purpose=batch} {@code input_file_id} (else 404 "No such File object: …"),
 * {@code endpoint: /v1/chat/completions} (other documented endpoints are refused as unsupported by the fake) and
 * {@code completion_window: 24h}. While {@code validating} the file is checked: every line a JSON object with a
 * unique {@code custom_id}, {@code method: POST}, {@code url} equal to the endpoint, a {@code body}, one model for
 * all lines, at most 50,000 lines; the first problem makes the batch {@code failed} with {@code errors: {object:
 * list, data: [{code, message, param, line}]}} (codes invalid_json_line, missing_required_parameter,
 * duplicate_custom_id, invalid_method, mismatched_endpoint, mismatched_model, too_many_requests, empty_file: the
 * fake's names). Status validating (first 5% of the duration) → in_progress → finalizing (last 10%) → completed |
 * expired | (cancelling →) cancelled, with {@code in_progress_at}, {@code finalizing_at}, {@code completed_at},
 * {@code failed_at}, {@code expired_at}, {@code cancelling_at}, {@code cancelled_at}, {@code expires_at} (Unix
 * seconds) and {@code request_counts {total, completed, failed}}. The output file holds {@code {id: batch_req_…,
 * custom_id, response: {status_code: 200, request_id, body}, error: null}} lines; the error file refused bodies and
 * server errors ({@code response.status_code} 4xx/500 with the error body) and {@code {response: null, error: {code:
 * batch_expired | batch_cancelled, message}}} lines. Timing (both APIs): items finish one by one in a seeded order
 * over {@code batchDuration} (default 0: ended at the first look) on the fake's clock; past 24 hours the rest
 * expire at 24 hours; {@code batchExpireRate} / {@code batchErrorRate} draw expiring and server-erroring items (a
 * batch with expiring items ends {@code expired} for OpenAI); a cancel ends the batch after
 * {@code batchCancelDelay}, the unfinished items canceled; {@link io.datasynth.testkit.FakeProvider#finishBatches()}
 * ends every batch now; results come shuffled (seeded) unless {@code shuffleBatchResults(false)};
 * {@code batchPollsPerMinute(N)} answers retrievals past N a minute with 429 and {@code retry-after}. Batches live as
 * long as the fake.
 *
 * <p><b>Judge requests.</b> A request is a judge request when its prompt holds a {@code <records>…</records>}
 * block (a JSON array of objects, or one object per line) or its structured-output schema has a root property
 * {@code scores} that is an array. The records to score are the block's, else every JSON object in the prompt with
 * an {@code id}; a record's id is its {@code id} (else its 1-based position), its fields its {@code data} object
 * (else itself). The reply is {@code {"scores": [{"id": …, "score": …, "rationale": "one line"}]}} in record order,
 * fitted to the schema when there is one (use the property names {@code id}, {@code score}, {@code rationale}).
 * Scores come from the {@link io.datasynth.testkit.JudgeScorer} ({@code judge(...)}); the default draws, seeded,
 * among the {@code score} values of a {@code <rubric>…</rubric>} block of JSON objects, else among 1–5.
 *
 * <p><b>Data shaping.</b> {@code skew(field, value, p)} sets {@code field} to {@code value} in a fraction
 * {@code p} of the records that have it; {@code echoSeedRate(p)} replaces a record, with probability {@code p}, by
 * one of the prompt's JSON objects that share a field name with the records (its seed examples), verbatim; a
 * {@code <fixed>{"field": value, …}</fixed>} JSON object in the prompt sets those fields on every record (unless
 * {@code honourFixedFields(false)}).
 *
 * <p><b>Fleets and outages.</b> Fakes share nothing, so several in one JVM have independent limits, logs and
 * caches. {@link io.datasynth.testkit.Outage} ({@code outage(...)}) fails every request from arrival index K (all
 * HTTP requests counted), for a while or for good, or in a time window after the start (the fake's clock): 500,
 * 529/503, a closed connection, or a closed listener (connection refused; the fake listens on the same port again
 * when the outage ends; {@code listening()} tells).
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
 * same key had elapsed). A fake started from command-line options keeps no such log.
 *
 * <p><b>Standalone.</b> {@link io.datasynth.testkit.FakeProviderMain} and {@code datasynth fake-provider} take one
 * flag per builder setting ({@link io.datasynth.testkit.FakeProviderOptions#usage()}).
 */
package io.datasynth.testkit;
