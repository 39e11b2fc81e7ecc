package io.datasynth.parse;

import io.datasynth.text.Message;
import java.util.Collection;
import java.util.List;

/**
 * A parser that finds the records in a model reply, whatever its shape: fenced code blocks, a bare list, an
 * envelope such as {@code {"samples": [...]}}, one object per line, objects scattered through prose, or a reply
 * cut off mid-object.
 *
 * <p>When the reply has code fences that may hold JSON (no tag, or a JSON tag), only their contents are read;
 * otherwise the whole reply is. Only spans that look like JSON are candidates (<code>{</code> then a quote or
 * <code>}</code>, {@code [} then <code>{</code> or {@code ]}; inside a fence, also a bracket that starts a line),
 * so braces in prose are ignored. Each candidate is parsed with {@link io.datasynth.json.Json#lenient()}, which
 * accepts trailing commas, comments, single quotes and raw newlines in strings. A broken object is reported once
 * and parsing carries on after it; a list that does not parse as a whole is taken apart object by object. An
 * empty object in prose (<code>{}</code>) is taken for prose, not a record.
 *
 * <p>Fences are found line by line before any JSON is read, so a string with raw newlines (which the lenient
 * mapper allows) that has a line starting with three backticks is taken for a fence; escaped newlines are fine.
 *
 * <p>Immutable and thread-safe. Time is linear in the reply's length.
 */
public final class ReplyParser {
  private final Shapes shapes;

  /**
   * A parser for replies to a schema.
   *
   * @param fieldNames the schema's field names, so that a field called {@code data} or {@code items} is not
   *     mistaken for an envelope; may be empty, never null
   */
  public ReplyParser(Collection<String> fieldNames) {
    this.shapes = new Shapes(fieldNames);
  }

  /**
   * Extracts the records of a reply.
   *
   * @param reply the model's text; may be null or empty
   * @return the records found and the issues met; never null. The method never throws.
   */
  public ParsedReply parse(String reply) {
    String text = reply == null ? "" : reply;
    Extraction run = new Extraction(text, shapes);
    List<Fences.Block> blocks = Fences.find(text);
    boolean fenced = false;
    for (Fences.Block block : blocks) {
      if (block.mayHoldJson()) {
        fenced = true;
        run.scanProse(block.start(), block.end(), block.unterminated(), true);
      }
    }
    if (!fenced || !run.sawJson()) {
      run.scanProse(0, text.length(), true, false);
    }
    if (!blocks.isEmpty() && blocks.get(blocks.size() - 1).unterminated()) {
      run.noteTruncation(Message.of("parse.issue.fence_open"));
    }
    return run.result(noJson(text));
  }

  /**
   * Extracts the records of a reply that may be structured output: JSON that is exactly {@code {"records": [...]}}
   * (or a bare list) is read at once, strictly; anything else (a refusal, a reply cut off at its limit) goes through
   * {@link #parse(String)}.
   *
   * @param structured whether the request asked for structured output
   */
  public ParsedReply parse(String reply, boolean structured) {
    if (structured && reply != null) {
      ParsedReply fast = structured(reply);
      if (fast != null) {
        return fast;
      }
    }
    return parse(reply);
  }

  /** The records of a well-formed structured reply, or null when it is not one. */
  private static ParsedReply structured(String reply) {
    String t = reply.strip();
    if (t.isEmpty() || t.charAt(0) != '{' && t.charAt(0) != '[') {
      return null;
    }
    com.fasterxml.jackson.databind.JsonNode root;
    try {
      root = io.datasynth.json.Json.mapper().readTree(t);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return null;
    }
    com.fasterxml.jackson.databind.JsonNode list = root != null && root.isObject() && root.size() == 1
        ? root.get("records") : root;
    if (list == null || !list.isArray()) {
      return null;
    }
    List<com.fasterxml.jackson.databind.node.ObjectNode> records = new java.util.ArrayList<>();
    List<ParseIssue> issues = new java.util.ArrayList<>();
    int i = 0;
    for (com.fasterxml.jackson.databind.JsonNode item : list) {
      i++;
      if (item instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
        records.add(o);
      } else {
        issues.add(new ParseIssue(ParseIssue.Kind.NOT_AN_OBJECT, Message.of("parse.issue.record_item", i,
            io.datasynth.json.Json.kindOf(item))));
      }
    }
    return new ParsedReply(records, issues, false);
  }

  private static Message noJson(String text) {
    if (text.isBlank()) {
      return Message.of("parse.issue.empty");
    }
    String head = text.strip();
    String flat = io.datasynth.text.Spaces.collapse(head.substring(0, Math.min(head.length(), 200)));
    String start = flat.length() > 60 ? flat.substring(0, 60) + "…" : flat;
    return Message.of("parse.issue.no_json", start);
  }
}
