package io.datasynth.testkit;

import java.nio.charset.StandardCharsets;

/**
 * One server-sent event as the streaming APIs write it: an optional {@code event:} line, one {@code data:} line
 * and a blank line.
 *
 * @param name the event name; null for a data-only event (OpenAI)
 * @param data the data line's payload, usually one line of JSON
 */
record SseEvent(String name, String data) {

  byte[] bytes() {
    String text = (name == null ? "" : "event: " + name + "\n") + "data: " + data + "\n\n";
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
