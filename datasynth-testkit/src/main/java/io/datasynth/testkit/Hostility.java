package io.datasynth.testkit;

/**
 * The hostile-server behaviours of one fake, for client hardening tests; all off by default.
 *
 * @param trickleBytesPerSecond after the headers, bodies arrive this many bytes per second; 0 for all at once
 * @param endlessBody completions get a 200 whose chunked JSON body never ends
 * @param htmlLoginPage every request gets a 200 HTML login page, as from an intercepting proxy
 * @param keyEcho completions get a 401 quoting the presented key
 * @param rateLimitHeaders whether rate-limit and retry-after headers are sent (false: none at all, as local
 *     servers do)
 * @param nonStreamingMaxTokens Anthropic requests that do not stream and ask for more {@code max_tokens} than
 *     this get 504 {@code timeout_error}; 0 for no limit
 */
record Hostility(
    int trickleBytesPerSecond,
    boolean endlessBody,
    boolean htmlLoginPage,
    KeyEcho keyEcho,
    boolean rateLimitHeaders,
    int nonStreamingMaxTokens) {}
