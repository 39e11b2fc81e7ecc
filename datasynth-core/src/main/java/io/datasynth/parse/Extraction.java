package io.datasynth.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.parse.ParseIssue.Kind;
import io.datasynth.text.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * One pass of {@link ReplyParser} over one reply: finds candidate spans, parses each with the lenient mapper,
 * salvages the good objects of a broken list, and collects records and issues. Used by one thread, once.
 */
final class Extraction {
  /** How many envelopes and lists deep a broken structure is taken apart before it counts as malformed. */
  private static final int MAX_SALVAGE_DEPTH = 4;

  private static final int SNIPPET = 40;
  /** How much of the JSON parser's complaint is quoted. */
  private static final int MAX_ERROR = 120;

  private final String text;
  private final Shapes shapes;
  private final List<ObjectNode> records = new ArrayList<>();
  private final List<ParseIssue> issues = new ArrayList<>();
  private Message truncation;
  private boolean sawJson;
  private String parseError;

  Extraction(String text, Shapes shapes) {
    this.text = text;
    this.shapes = shapes;
  }

  /** Scans prose between {@code start} and {@code limit} for objects and lists. */
  void scanProse(int start, int limit, boolean cutAtLimit, boolean lineStartsAreJson) {
    int i = start;
    while (i < limit) {
      char c = text.charAt(i);
      if ((c == '{' || c == '[')
          && (Spans.isCandidate(text, i, limit) || lineStartsAreJson && Spans.atLineStart(text, i, start))) {
        i = c == '{' ? object(i, limit, cutAtLimit, 0, true) : list(i, limit, cutAtLimit, 0);
      } else {
        i++;
      }
    }
  }

  /** Notes that the reply was cut off; only the first note of a reply is kept. */
  void noteTruncation(Message detail) {
    if (truncation == null) {
      truncation = detail;
    }
  }

  boolean sawJson() {
    return sawJson;
  }

  ParsedReply result(Message noJsonDetail) {
    List<ParseIssue> all = new ArrayList<>(issues);
    if (truncation != null) {
      all.add(new ParseIssue(Kind.TRUNCATED, truncation));
    }
    if (records.isEmpty() && all.isEmpty()) {
      all.add(new ParseIssue(Kind.NO_JSON, sawJson ? Message.of("parse.issue.no_records") : noJsonDetail));
    }
    return new ParsedReply(records, all, truncation != null);
  }

  /** Handles the object at {@code i}; returns where scanning continues. */
  private int object(int i, int limit, boolean cutAtLimit, int depth, boolean inProse) {
    sawJson = true;
    Spans.Span span = Spans.scan(text, i, limit, true);
    int wrapperList = shapes.wrapperListStart(text, i, span.stop());
    switch (span.end()) {
      case CLOSED -> {
        JsonNode node = parse(i, span.stop() + 1);
        if (node instanceof ObjectNode obj) {
          emitObject(obj, inProse);
        } else if (wrapperList >= 0 && depth < MAX_SALVAGE_DEPTH) {
          listBody(wrapperList + 1, span.stop(), false, depth + 1);
        } else {
          issues.add(new ParseIssue(Kind.MALFORMED, Message.of("parse.issue.invalid", i, snippetAt(i), parseError)));
        }
        return span.stop() + 1;
      }
      case BROKEN -> {
        if (wrapperList >= 0 && depth < MAX_SALVAGE_DEPTH) {
          listBody(wrapperList + 1, span.stop(), false, depth + 1);
        } else {
          issues.add(new ParseIssue(Kind.MALFORMED, Message.of("parse.issue.broken", i, snippetAt(i))));
        }
        return span.stop();
      }
      default -> {
        if (wrapperList >= 0 && depth < MAX_SALVAGE_DEPTH) {
          int close = listBody(wrapperList + 1, limit, cutAtLimit, depth + 1);
          return close >= 0 ? close + 1 : limit;
        }
        if (cutAtLimit) {
          noteTruncation(Message.of("parse.issue.object_cut", i, snippetAt(i)));
        } else {
          issues.add(new ParseIssue(Kind.MALFORMED, Message.of("parse.issue.unclosed", i, snippetAt(i))));
        }
        return limit;
      }
    }
  }

  /** Handles the list at {@code i} found in prose; returns where scanning continues. */
  private int list(int i, int limit, boolean cutAtLimit, int depth) {
    sawJson = true;
    Spans.Span span = Spans.scan(text, i, limit, false);
    if (span.end() == Spans.End.CLOSED) {
      JsonNode node = parse(i, span.stop() + 1);
      if (node != null && node.isArray()) {
        emitItems(node, i);
      } else {
        listBody(i + 1, span.stop(), false, depth + 1);
      }
      return span.stop() + 1;
    }
    int close = listBody(i + 1, limit, cutAtLimit, depth + 1);
    return close >= 0 ? close + 1 : limit;
  }

  /**
   * Salvages the objects of a list that did not parse as a whole, from just after its {@code [}; returns the
   * index of its closing {@code ]}, or -1 when the list runs to {@code limit}. Other items are skipped.
   */
  private int listBody(int from, int limit, boolean cutAtLimit, int depth) {
    int nested = 0;
    char prev = '[';
    int i = from;
    while (i < limit) {
      char c = text.charAt(i);
      if (c == '{') {
        i = object(i, limit, cutAtLimit, depth, false);
        prev = '}';
        continue;
      }
      if (c == '"' || c == '\'' && Spans.startsValue(prev)) {
        i = Spans.skipString(text, i, limit);
        prev = '"';
        continue;
      }
      if (c == '/') {
        i = Spans.skipComment(text, i, limit);
        continue;
      }
      if (c == '[') {
        nested++;
      } else if (c == ']') {
        if (nested == 0) {
          return i;
        }
        nested--;
      }
      if (!Spans.isBlank(c)) {
        prev = c;
      }
      i++;
    }
    if (cutAtLimit) {
      noteTruncation(Message.of("parse.issue.list_cut", from - 1));
    }
    return -1;
  }

  private void emitObject(ObjectNode obj, boolean inProse) {
    JsonNode items = shapes.wrapperItems(obj);
    if (items != null) {
      emitItems(items, -1);
    } else if (!(inProse && obj.isEmpty())) {
      records.add(shapes.unwrap(obj));
    }
  }

  private void emitItems(JsonNode list, int offset) {
    int index = 0;
    for (JsonNode item : list) {
      index++;
      if (item.isObject()) {
        records.add(shapes.unwrap((ObjectNode) item));
      } else {
        issues.add(new ParseIssue(Kind.NOT_AN_OBJECT, offset >= 0
            ? Message.of("parse.issue.item_at", index, offset, Json.kindOf(item), snippet(item.toString()))
            : Message.of("parse.issue.item", index, Json.kindOf(item), snippet(item.toString()))));
      }
    }
  }

  private JsonNode parse(int from, int to) {
    try {
      return Json.lenient().readTree(text.substring(from, to));
    } catch (JsonProcessingException | RuntimeException e) {
      String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
      String first = message == null ? e.getClass().getSimpleName() : firstLine(message);
      parseError = first.length() > MAX_ERROR ? first.substring(0, MAX_ERROR) + "…" : first;
      return null;
    }
  }

  /** The start of the text at {@code offset}, flattened, to show which object is meant. */
  private String snippetAt(int offset) {
    int end = Math.min(text.length(), offset + SNIPPET);
    return snippet(text.substring(offset, end));
  }

  private static String snippet(String s) {
    String flat = io.datasynth.text.Spaces.collapse(s).strip();
    return flat.length() > SNIPPET ? flat.substring(0, SNIPPET) + "…" : flat;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
