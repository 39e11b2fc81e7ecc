package io.datasynth.provider.http;

import java.net.http.HttpHeaders;
import java.util.Locale;

/** Tells a web page from an API reply: a base URL that points at a web server gets HTML back, not JSON. */
final class WebPage {
  private WebPage() {}

  /** Whether a response is HTML: a {@code text/html} content type, or a body that opens like an HTML document. */
  static boolean is(HttpHeaders headers, String body) {
    return isHtmlType(headers) || opensLikeHtml(body);
  }

  /** What gave the page away, for the message. */
  static String describe(HttpHeaders headers, String body) {
    return isHtmlType(headers) ? "content type " + headers.firstValue("content-type").orElse("").strip()
        : "the body starts with " + start(body);
  }

  private static boolean isHtmlType(HttpHeaders headers) {
    return headers.firstValue("content-type")
        .map(t -> t.strip().toLowerCase(Locale.ROOT).startsWith("text/html")).orElse(false);
  }

  private static boolean opensLikeHtml(String body) {
    String s = start(body).toLowerCase(Locale.ROOT);
    return s.startsWith("<!doctype html") || s.startsWith("<html");
  }

  private static String start(String body) {
    int i = 0;
    while (i < body.length() && (Character.isWhitespace(body.charAt(i)) || body.charAt(i) == '\uFEFF')) {
      i++;
    }
    return body.substring(i, Math.min(body.length(), i + 14));
  }
}
