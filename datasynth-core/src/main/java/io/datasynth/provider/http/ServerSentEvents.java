package io.datasynth.provider.http;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code text/event-stream} body into its events, as the HTML standard defines the format: lines end in
 * LF, CR or CRLF; a blank line ends an event; {@code event:} names it, {@code data:} lines are joined with LF;
 * lines starting with {@code :} are comments.
 */
public final class ServerSentEvents {
  private ServerSentEvents() {}

  /**
   * One event.
   *
   * @param name the {@code event:} name, or {@code message} when it had none
   * @param data the data lines joined with LF
   */
  public record Event(String name, String data) {}

  /** The events of a whole stream, in order; an unterminated last event is kept when it has data. */
  public static List<Event> parse(String body) {
    List<Event> events = new ArrayList<>();
    String name = null;
    StringBuilder data = null;
    int i = 0;
    int n = body.length();
    while (i <= n) {
      int end = i;
      while (end < n && body.charAt(end) != '\n' && body.charAt(end) != '\r') {
        end++;
      }
      String line = body.substring(i, end);
      if (end < n && body.charAt(end) == '\r' && end + 1 < n && body.charAt(end + 1) == '\n') {
        end++;
      }
      i = end + 1;
      if (line.isEmpty()) {
        if (data != null) {
          events.add(new Event(name == null ? "message" : name, data.toString()));
        }
        name = null;
        data = null;
        if (end >= n) {
          break;
        }
        continue;
      }
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
        if (data == null) {
          data = new StringBuilder(value);
        } else {
          data.append('\n').append(value);
        }
      }
    }
    return events;
  }
}
