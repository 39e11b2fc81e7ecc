package io.datasynth.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * A small server-sent-events parser written from the HTML Living Standard's rules, independent of the fake's own
 * writer: lines end with LF (or CRLF), {@code field: value} with one optional space after the colon, data lines
 * joined by LF, an event dispatched at a blank line, comments ({@code :…}) ignored. An event still open when the
 * body ends is returned as {@link #partial}.
 */
final class SseParser {
  /** One dispatched event; {@code name} is null when the stream gave none. */
  record Event(String name, String data) {}

  /** The parse of a whole body: the dispatched events, and the text of an event the body cut off (or null). */
  record Parsed(List<Event> events, String partial) {
    List<String> names() {
      return events.stream().map(Event::name).toList();
    }
  }

  private SseParser() {}

  static Parsed parse(String body) {
    List<Event> events = new ArrayList<>();
    String name = null;
    StringBuilder data = null;
    StringBuilder pending = new StringBuilder();
    String[] lines = body.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      boolean last = i == lines.length - 1;
      if (last) {
        // The text after the final line break belongs to an event that never ended.
        pending.append(line);
        break;
      }
      if (line.isEmpty()) {
        if (data != null) {
          events.add(new Event(name, data.toString()));
        }
        name = null;
        data = null;
        pending.setLength(0);
        continue;
      }
      pending.append(line).append('\n');
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      if (field.equals("event")) {
        name = value;
      } else if (field.equals("data")) {
        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      }
    }
    return new Parsed(events, pending.length() == 0 ? null : pending.toString());
  }
}
