package io.datasynth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.random.RandomGenerator;

/**
 * Makes the reply text for a request: draws records, applies content faults, renders them and cuts the text
 * at {@code max_tokens}. Thread-safe.
 */
final class Replies {
  static final int MAX_RECORDS_PER_REPLY = 1000;
  private static final int HISTORY_SIZE = 10_000;
  private static final Pattern REQUESTED_COUNT = Pattern.compile("(?:Generate|generate|生成)[^0-9\\n]{0,40}?(\\d{1,6})");
  private static final List<String> GARBAGE =
      List.of(
          "I'm sorry, but I can't produce that list right now. Could you tell me more about what you need?",
          "Sure! Before writing anything, let me think about the best way to approach this task.",
          "Each example would pair a realistic question with a helpful, accurate answer in the same language.");

  private final RecordSource source;
  private final int recordsPerReply;
  private final boolean countFromPrompt;
  private final ReplyStyle style;
  private final Shaping shaping;
  private final JudgeScorer judge;
  private final double structuredViolationRate;
  private final List<ObjectNode> history = new ArrayList<>();
  private int historyNext;

  Replies(
      RecordSource source,
      int recordsPerReply,
      boolean countFromPrompt,
      ReplyStyle style,
      Shaping shaping,
      JudgeScorer judge,
      double structuredViolationRate) {
    this.source = source;
    this.recordsPerReply = recordsPerReply;
    this.countFromPrompt = countFromPrompt;
    this.style = style;
    this.shaping = shaping;
    this.judge = judge;
    this.structuredViolationRate = structuredViolationRate;
  }

  /**
   * The reply to {@code request} under {@code fault} (only content faults change it), after {@code reasoning}
   * hidden tokens that count against {@code max_tokens} first.
   */
  Reply make(CompletionRequest request, Fault fault, RandomGenerator random, int reasoning) {
    ResponseFormat format = request.format();
    boolean schema = format != null && format.kind() == ResponseFormat.Kind.JSON_SCHEMA && format.schema() != null;
    boolean truncate = fault == Fault.TRUNCATED;
    List<Judging.Item> judged = Judging.items(request);
    if (judged != null) {
      List<ObjectNode> scores = Judging.score(judged, Judging.rubric(request.prompt()), judge, random);
      ReplyRenderer.Rendered rendered = schema
          ? render(format, scores, random, new boolean[0])
          : ReplyRenderer.renderJson(wrapScores(scores), null);
      return cut(rendered, request.maxTokens(), reasoning, truncate).withScores(scores.size());
    }
    if (fault == Fault.GARBAGE && !schema) {
      String text = GARBAGE.get(random.nextInt(GARBAGE.size()));
      return cut(new ReplyRenderer.Rendered(text, new int[0]), request.maxTokens(), reasoning, false);
    }
    List<ObjectNode> records = source.next(recordCount(request.prompt()), random);
    shaping.apply(records, request.prompt(), random);
    if (fault == Fault.DUPLICATES) {
      repeatEarlier(records, random);
    } else if (fault == Fault.INVALID_RECORDS && !schema) {
      corrupt(records);
    }
    ReplyRenderer.Rendered rendered;
    if (schema) {
      boolean[] violations = new boolean[records.size()];
      for (int i = 0; i < violations.length; i++) {
        violations[i] = structuredViolationRate > 0 && random.nextDouble() < structuredViolationRate;
      }
      rendered = render(format, records, random, violations);
    } else {
      rendered = ReplyRenderer.render(records, style, request.jsonObject());
    }
    Reply reply = cut(rendered, request.maxTokens(), reasoning, truncate);
    if (fault != Fault.INVALID_RECORDS || schema) {
      remember(records.subList(0, Math.min(records.size(), reply.recordsSent())));
    }
    return reply;
  }

  private static ReplyRenderer.Rendered render(
      ResponseFormat format, List<ObjectNode> records, RandomGenerator random, boolean[] violations) {
    SchemaFitter.Fitted fitted = new SchemaFitter(format.schema()).fit(records, random, violations);
    ReplyRenderer.Rendered rendered = ReplyRenderer.renderJson(fitted.value(), fitted.records());
    if (fitted.records() == null) {
      return new ReplyRenderer.Rendered(rendered.text(), new int[] {rendered.text().length()});
    }
    return rendered;
  }

  private static ObjectNode wrapScores(List<ObjectNode> scores) {
    ObjectNode root = Jsons.MAPPER.createObjectNode();
    root.putArray("scores").addAll(scores);
    return root;
  }

  /** How many records a reply to {@code prompt} holds. */
  int recordCount(String prompt) {
    if (countFromPrompt) {
      int requested = requestedCount(prompt);
      if (requested > 0) {
        return Math.min(requested, MAX_RECORDS_PER_REPLY);
      }
    }
    return recordsPerReply;
  }

  /**
   * The last number that follows "Generate", "generate" or "生成" (within 40 characters on the same line) in
   * {@code prompt}; -1 when there is none.
   */
  static int requestedCount(String prompt) {
    Matcher matcher = REQUESTED_COUNT.matcher(prompt);
    int last = -1;
    while (matcher.find()) {
      last = Integer.parseInt(matcher.group(1));
    }
    return last;
  }

  private static Reply cut(ReplyRenderer.Rendered rendered, int maxTokens, int reasoning, boolean forceTruncation) {
    if (reasoning >= maxTokens) {
      return new Reply("", 0, maxTokens, true, maxTokens);
    }
    int budget = maxTokens - reasoning;
    String text = rendered.text();
    int end = text.length();
    if (forceTruncation && rendered.recordEnds().length > 0) {
      int[] ends = rendered.recordEnds();
      end = ends.length > 1 ? (ends[0] + ends[ends.length - 1]) / 2 : Math.max(1, ends[0] - 3);
      if (Character.isLowSurrogate(text.charAt(end))) {
        end--;
      }
    }
    if (TokenCounter.count(text.substring(0, end)) > budget) {
      end = TokenCounter.prefixWithin(text, budget);
    }
    boolean truncated = end < text.length();
    String kept = text.substring(0, end);
    int outputTokens = truncated ? maxTokens : reasoning + TokenCounter.count(kept);
    return new Reply(kept, rendered.recordsBefore(end), outputTokens, truncated, reasoning);
  }

  private void repeatEarlier(List<ObjectNode> records, RandomGenerator random) {
    int repeats = Math.max(1, records.size() / 2);
    synchronized (history) {
      for (int i = 0; i < repeats; i++) {
        if (!history.isEmpty()) {
          records.set(i, history.get(random.nextInt(history.size())).deepCopy());
        } else if (i + 1 < records.size()) {
          records.set(i + 1, records.get(0).deepCopy());
        }
      }
    }
  }

  /** Breaks every other record: even positions lose their first field or get a number for a string. */
  private static void corrupt(List<ObjectNode> records) {
    for (int i = 0; i < records.size(); i += 2) {
      ObjectNode record = records.get(i);
      String firstString = null;
      for (Map.Entry<String, JsonNode> field : record.properties()) {
        if (field.getValue().isTextual()) {
          firstString = field.getKey();
          break;
        }
      }
      if (i % 4 == 2 && firstString != null) {
        record.set(firstString, IntNode.valueOf(12345));
      } else {
        Iterator<String> names = record.fieldNames();
        if (names.hasNext()) {
          record.remove(names.next());
        }
      }
    }
  }

  private void remember(List<ObjectNode> sent) {
    synchronized (history) {
      for (ObjectNode record : sent) {
        if (history.size() < HISTORY_SIZE) {
          history.add(record);
        } else {
          history.set(historyNext, record);
          historyNext = (historyNext + 1) % HISTORY_SIZE;
        }
      }
    }
  }
}
