package io.datasynth.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.journal.JournalEvent.RecordAccepted;
import io.datasynth.journal.JournalEvent.RecordRejected;
import io.datasynth.journal.JournalEvent.ReplyUsage;
import io.datasynth.journal.JournalEvent.RunEnded;
import io.datasynth.journal.JournalEvent.RunStarted;
import io.datasynth.cost.Billing;
import io.datasynth.cost.Purpose;
import io.datasynth.json.InstantText;
import io.datasynth.json.Json;
import io.datasynth.parse.ParseIssue;
import io.datasynth.provider.Usage;
import io.datasynth.quality.RejectReason;
import io.datasynth.quality.Rule;
import io.datasynth.record.Provenance;
import io.datasynth.text.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The one codec of journal events, one JSON object per line, keyed by {@code "event"}. It also reads the lines of
 * journals written before events had kinds ({@code {"record": …}} and {@code {"usage": …, "requests": n}}), and
 * writes reasons and provenance for the rejects file and the output.
 */
public final class JournalCodec {
  /** How much of an English-only detail of an older journal is shown, as that version showed it. */
  private static final int MAX_OLD_DETAIL = 120;

  private JournalCodec() {}

  /** The line for an event, without its newline. */
  public static ObjectNode encode(JournalEvent e) {
    ObjectNode o = Json.object();
    if (e instanceof RecordAccepted a) {
      o.put("event", "accepted");
      o.set("record", a.record());
      if (a.provenance() != null) {
        o.set("provenance", provenance(a.provenance()));
      }
    } else if (e instanceof RecordRejected r) {
      o.put("event", "rejected");
      o.set("reason", reason(r.reason(), Long::toString));
      if (r.record() != null) {
        o.set("record", r.record());
      }
      if (r.fragment() != null) {
        o.put("fragment", r.fragment());
      }
      if (r.provenance() != null) {
        o.set("provenance", provenance(r.provenance()));
      }
    } else if (e instanceof ReplyUsage u) {
      o.put("event", "usage");
      o.set("usage", usage(u.usage()));
      o.put("requests", u.requests());
      if (u.purpose() != Purpose.GENERATE) {
        o.put("purpose", u.purpose().id());
      }
      if (u.billing() != Billing.ONLINE) {
        o.put("billing", u.billing().id());
      }
      if (u.call() != null) {
        o.put("call", u.call());
      }
    } else if (e instanceof JournalEvent.BatchSubmitting b) {
      o.put("event", "batch_submitting");
      o.put("token", b.token());
      o.put("api", b.api());
      o.put("at", InstantText.format(b.at()));
      ArrayNode calls = o.putArray("calls");
      b.calls().forEach(calls::add);
    } else if (e instanceof JournalEvent.BatchSubmitted b) {
      o.put("event", "batch_submitted");
      o.put("token", b.token());
      o.put("batch", b.batchId());
      o.put("at", InstantText.format(b.at()));
      if (b.expiresAt() != null) {
        o.put("expires_at", InstantText.format(b.expiresAt()));
      }
    } else if (e instanceof JournalEvent.BatchItemsFailed f) {
      o.put("event", "batch_failed");
      o.put("batch", f.batchId());
      o.put("outcome", f.outcome());
      ArrayNode calls = o.putArray("calls");
      f.calls().forEach(calls::add);
    } else if (e instanceof JournalEvent.RepairRequested r) {
      o.put("event", "repair");
      o.put("call", r.call());
      o.put("round", r.round());
      o.set("record", r.record());
      o.set("reason", reason(r.violation(), Long::toString));
      if (r.provenance() != null) {
        o.set("provenance", provenance(r.provenance()));
      }
    } else if (e instanceof JournalEvent.RecordJudged j) {
      o.put("event", "judged");
      o.put("ordinal", j.ordinal());
      o.put("key", j.key());
      if (j.score() == null) {
        o.putNull("score");
      } else {
        o.put("score", j.score());
      }
      o.put("rationale", j.rationale());
      if (j.selfScore() != null) {
        o.put("self_score", j.selfScore());
      }
      o.put("minimum", j.minimum());
      o.put("model", j.model());
    } else if (e instanceof JournalEvent.RejectCarried c) {
      o.put("event", "carried");
      o.set("line", c.line());
    } else if (e instanceof RunStarted s) {
      o.put("event", "run");
      o.put("run", s.run());
      o.put("at", InstantText.format(s.at()));
      o.put("provider", s.provider());
      o.put("model", s.model());
      o.put("settings", s.settings());
      o.put("target", s.target());
    } else if (e instanceof RunEnded end) {
      o.put("event", "run_end");
      o.put("run", end.run());
      o.put("at", InstantText.format(end.at()));
      o.put("elapsed_ms", end.elapsed().toMillis());
      o.put("requests", end.requests());
      o.put("retries", end.retries());
      o.put("rate_limited", end.rateLimited());
      ObjectNode f = o.putObject("failures");
      end.failures().forEach(f::put);
      if (!end.endpoints().isEmpty()) {
        com.fasterxml.jackson.databind.node.ArrayNode a = o.putArray("endpoints");
        end.endpoints().forEach(x -> a.add(endpoint(x)));
      }
    }
    return o;
  }

  /**
   * One endpoint's part of a run: {@code endpoint} (its URL, never a key), {@code weight}, {@code requests} (retries
   * included), {@code replies}, {@code rate_limited}, {@code failures} (transient), {@code times_out} (taken out of
   * service), {@code out} (out of service at the end) and {@code mean_latency_ms} of its completed replies.
   */
  public static ObjectNode endpoint(io.datasynth.engine.EndpointStats e) {
    ObjectNode o = Json.object();
    o.put("endpoint", e.endpoint());
    o.put("weight", e.weight());
    o.put("requests", e.requestsSent());
    o.put("replies", e.replies());
    o.put("rate_limited", e.rateLimited());
    o.put("failures", e.failures());
    o.put("times_out", e.timesOut());
    o.put("out", e.out());
    o.put("mean_latency_ms", e.meanLatency().toMillis());
    return o;
  }

  /** The endpoints {@link #endpoint} wrote, in order; none when {@code a} is missing or not a list. */
  public static java.util.List<io.datasynth.engine.EndpointStats> endpoints(JsonNode a) {
    java.util.List<io.datasynth.engine.EndpointStats> out = new java.util.ArrayList<>();
    for (JsonNode e : a) {
      out.add(new io.datasynth.engine.EndpointStats(e.path("endpoint").asText(""), e.path("weight").asInt(1),
          e.path("requests").asLong(), e.path("replies").asLong(), e.path("rate_limited").asLong(),
          e.path("failures").asLong(), e.path("times_out").asInt(), e.path("out").asBoolean(),
          Duration.ofMillis(e.path("mean_latency_ms").asLong())));
    }
    return out;
  }

  /**
   * The event on a line.
   *
   * @return the event, or null when the line is not one (an unknown kind, or the wrong shape)
   */
  public static JournalEvent decode(JsonNode line) {
    if (!line.isObject()) {
      return null;
    }
    try {
      String kind = line.path("event").asText("");
      return switch (kind) {
        case "accepted" -> accepted(line);
        case "rejected" -> new RecordRejected(line.hasNonNull("record") ? line.get("record") : null,
            line.hasNonNull("fragment") ? line.get("fragment").asText() : null, reason(line.path("reason")),
            line.path("provenance").isObject() ? provenance(line.get("provenance")) : null);
        case "usage" -> new ReplyUsage(usage(line.path("usage")), line.path("requests").asLong(),
            Purpose.ofId(line.path("purpose").asText(line.path("stage").asText("generate"))),
            "batch".equals(line.path("billing").asText()) ? Billing.BATCH : Billing.ONLINE,
            line.hasNonNull("call") ? line.get("call").asText() : null);
        case "batch_submitting" -> new JournalEvent.BatchSubmitting(line.get("token").asText(),
            line.path("api").asText(), texts(line.path("calls")), InstantText.parse(line.path("at").asText()));
        case "batch_submitted" -> new JournalEvent.BatchSubmitted(line.get("token").asText(),
            line.get("batch").asText(), InstantText.parse(line.path("at").asText()),
            line.hasNonNull("expires_at") ? InstantText.parse(line.get("expires_at").asText()) : null);
        case "batch_failed" -> new JournalEvent.BatchItemsFailed(line.get("batch").asText(),
            texts(line.path("calls")), line.path("outcome").asText());
        case "repair" -> line.path("record").isObject() && reason(line.path("reason"))
            instanceof RejectReason.RuleViolation v ? new JournalEvent.RepairRequested(line.get("call").asText(),
            (ObjectNode) line.get("record"), v, line.path("provenance").isObject()
            ? provenance(line.get("provenance")) : null, line.path("round").asInt(1)) : null;
        case "judged" -> line.path("ordinal").asLong() < 1 || !line.path("key").isTextual() ? null
            : new JournalEvent.RecordJudged(line.get("ordinal").asLong(), line.get("key").asText(),
                line.path("score").isNumber() ? line.get("score").asDouble() : null,
                line.path("rationale").asText(""),
                line.path("self_score").isNumber() ? line.get("self_score").asDouble() : null,
                line.path("minimum").asDouble(), line.path("model").asText(""));
        case "carried" -> line.path("line").isObject()
            ? new JournalEvent.RejectCarried((ObjectNode) line.get("line")) : null;
        case "run" -> new RunStarted(line.path("run").asInt(), InstantText.parse(line.path("at").asText()),
            line.path("provider").asText(), line.path("model").asText(), line.path("settings").asText(),
            line.path("target").asInt());
        case "run_end" -> new RunEnded(line.path("run").asInt(), InstantText.parse(line.path("at").asText()),
            Duration.ofMillis(line.path("elapsed_ms").asLong()), line.path("requests").asLong(),
            line.path("retries").asLong(), line.path("rate_limited").asLong(), counts(line.path("failures")),
            endpoints(line.path("endpoints")));
        case "" -> legacy(line);
        default -> null;
      };
    } catch (RuntimeException wrongShape) {
      return null;
    }
  }

  private static JournalEvent accepted(JsonNode line) {
    if (!line.path("record").isObject()) {
      return null;
    }
    return new RecordAccepted((ObjectNode) line.get("record"),
        line.path("provenance").isObject() ? provenance(line.get("provenance")) : null);
  }

  /** Lines of journals written before events had kinds. */
  private static JournalEvent legacy(JsonNode line) {
    if (line.path("record").isObject()) {
      return new RecordAccepted((ObjectNode) line.get("record"), null);
    }
    if (line.path("usage").isObject()) {
      return new ReplyUsage(usage(line.get("usage")), line.path("requests").asLong());
    }
    return null;
  }

  /**
   * A reason as JSON.
   *
   * @param recordId how a duplicated record is named: its ordinal in the journal, its id in the rejects file
   */
  public static ObjectNode reason(RejectReason r, LongFunction<String> recordId) {
    ObjectNode o = Json.object();
    o.put("code", r.code().id());
    if (r instanceof RejectReason.RuleViolation v) {
      o.put("field", v.field());
      o.put("rule", v.rule().name().toLowerCase(Locale.ROOT));
      o.put("message", v.english());
      o.set("detail_message", message(v.detail()));
    } else if (r instanceof RejectReason.Unparseable u) {
      o.put("detail", u.english());
      o.set("detail_message", message(u.detail()));
    } else if (r instanceof RejectReason.Duplicate d) {
      if (d.ofASeed()) {
        o.put("of_seed", d.ofSeed());
      } else {
        o.put("of", recordId.apply(d.ofRecord()));
      }
      o.put("similarity", Math.round(d.similarity() * 1000) / 1000.0);
    } else if (r instanceof RejectReason.LowScore s) {
      o.put("score", s.score());
      o.put("minimum", s.minimum());
      o.put("rationale", s.rationale());
    } else if (r instanceof RejectReason.OffPlan p) {
      o.put("field", p.field());
      o.put("expected", p.expected());
      o.put("actual", p.actual());
    } else if (r instanceof RejectReason.Unjudged u) {
      o.put("attempts", u.attempts());
    }
    return o;
  }

  private static RejectReason reason(JsonNode o) {
    String code = o.path("code").asText();
    return switch (code) {
      case "invalid" -> new RejectReason.RuleViolation(o.path("field").asText(),
          Rule.valueOf(o.path("rule").asText().toUpperCase(Locale.ROOT)), detail(o, "message"));
      case "malformed", "not_an_object", "truncated", "no_json" -> new RejectReason.Unparseable(
          ParseIssue.Kind.valueOf(code.toUpperCase(Locale.ROOT)), detail(o, "detail"));
      case "duplicate", "near_duplicate" -> new RejectReason.Duplicate(o.path("of").asLong(),
          o.hasNonNull("of_seed") ? o.get("of_seed").asText() : null, code.equals("duplicate"),
          o.path("similarity").asDouble(1.0));
      case "surplus" -> new RejectReason.Surplus();
      case "low_score" -> new RejectReason.LowScore(o.path("score").asDouble(), o.path("minimum").asDouble(),
          o.path("rationale").asText());
      case "off_plan" -> new RejectReason.OffPlan(o.path("field").asText(), o.path("expected").asText(),
          o.path("actual").asText());
      case "unjudged" -> new RejectReason.Unjudged(o.path("attempts").asInt());
      default -> throw new IllegalArgumentException("unknown reason " + code);
    };
  }

  /**
   * A reason's detail: the message it was written with, or, in a journal or rejects file of a version that kept only
   * the English text, that text as it is.
   */
  private static Message detail(JsonNode o, String english) {
    if (o.path("detail_message").isObject()) {
      return message(o.get("detail_message"));
    }
    String text = io.datasynth.text.Spaces.collapse(o.path(english).asText(""));
    return Message.of("text.verbatim", text.length() > MAX_OLD_DETAIL ? text.substring(0, MAX_OLD_DETAIL) + "…" : text);
  }

  /** A message as JSON: {@code {"key": …, "args": […]}}, nested messages as objects of their own. */
  static ObjectNode message(Message m) {
    ObjectNode o = Json.object();
    o.put("key", m.key());
    ArrayNode args = o.putArray("args");
    for (Object a : m.args()) {
      if (a instanceof Message nested) {
        args.add(message(nested));
      } else if (a instanceof List<?> parts) {
        ArrayNode list = args.addArray();
        parts.forEach(part -> list.add(part instanceof Message pm ? message(pm) : Json.mapper().getNodeFactory()
            .textNode(String.valueOf(part))));
      } else if (a instanceof Integer || a instanceof Long || a instanceof Short || a instanceof Byte) {
        args.add(((Number) a).longValue());
      } else if (a instanceof java.math.BigDecimal d) {
        args.add(d);
      } else if (a instanceof Number n) {
        args.add(n.doubleValue());
      } else if (a instanceof Boolean b) {
        args.add(b);
      } else {
        args.add(String.valueOf(a));
      }
    }
    return o;
  }

  /**
   * A message read back; arguments come back as text, whole numbers as ints (longs when they need it), other numbers
   * as doubles.
   */
  static Message message(JsonNode o) {
    if (!o.path("key").isTextual()) {
      throw new IllegalArgumentException("a message needs a key");
    }
    List<Object> args = new ArrayList<>();
    for (JsonNode a : o.path("args")) {
      if (a.isArray()) {
        List<Object> parts = new ArrayList<>();
        a.forEach(part -> parts.add(part.isObject() ? message(part) : part.asText()));
        args.add(parts);
        continue;
      }
      args.add(a.isObject() ? message(a) : a.canConvertToInt() && a.isIntegralNumber() ? (Object) a.asInt()
          : a.isIntegralNumber() ? (Object) a.asLong() : a.isNumber()
          ? (Object) a.asDouble() : a.isBoolean() ? (Object) a.asBoolean() : a.asText());
    }
    return new Message(o.get("key").asText(), args);
  }

  /** A reason read back from JSON (the journal's or the rejects file's); throws on the wrong shape. */
  public static RejectReason readReason(JsonNode o) {
    return reason(o);
  }

  /** Provenance as JSON, for the journal and the output. */
  public static ObjectNode provenance(Provenance p) {
    ObjectNode o = Json.object();
    o.put("origin", p.origin().name().toLowerCase(Locale.ROOT));
    o.put("provider", p.provider());
    o.put("model", p.model());
    o.put("run", p.run());
    o.put("batch", p.batch());
    o.put("attempt", p.attempt());
    ArrayNode ex = o.putArray("examples");
    p.examples().forEach(ex::add);
    o.put("settings", p.settings());
    if (p.at() != null) {
      o.put("at", InstantText.format(p.at()));
    }
    if (p.judgeScore() != null) {
      o.put("judge_score", p.judgeScore());
    }
    if (p.judgeRationale() != null) {
      o.put("judge_rationale", p.judgeRationale());
    }
    if (!p.plan().isEmpty()) {
      ObjectNode plan = o.putObject("plan");
      p.plan().forEach(plan::put);
    }
    return o;
  }

  /** Provenance read back; throws on the wrong shape. */
  public static Provenance provenance(JsonNode o) {
    List<String> examples = new ArrayList<>();
    o.path("examples").forEach(e -> examples.add(e.asText()));
    return new Provenance(Provenance.Origin.valueOf(o.path("origin").asText("api").toUpperCase(Locale.ROOT)),
        o.path("provider").asText(""), o.path("model").asText(""), o.path("run").asInt(),
        o.path("batch").asLong(), o.path("attempt").asInt(), examples, o.path("settings").asText(""),
        o.hasNonNull("at") ? InstantText.parse(o.get("at").asText()) : null,
        o.hasNonNull("judge_score") ? o.get("judge_score").asDouble() : null,
        o.hasNonNull("judge_rationale") ? o.get("judge_rationale").asText() : null, plan(o.path("plan")));
  }

  /** The plan labels of a provenance's JSON ({@code "plan": {"intent": "退换货"}}); empty when it has none. */
  public static Map<String, String> plan(JsonNode plan) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (plan != null && plan.isObject()) {
      plan.fields().forEachRemaining(e -> {
        if (e.getValue().isValueNode()) {
          labels.put(e.getKey(), e.getValue().asText());
        }
      });
    }
    return labels;
  }

  /**
   * Usage as JSON, the one {@code tokens} object of journals, outputs and summaries: input, output, cache_read,
   * cache_write, reasoning, cache_write_1h (the one-hour part of cache_write, when not 0), and their total (read
   * back from the counts, never from it).
   */
  public static ObjectNode usage(Usage u) {
    ObjectNode o = Json.object();
    o.put("input", u.inputTokens());
    o.put("output", u.outputTokens());
    o.put("cache_read", u.cacheReadTokens());
    o.put("cache_write", u.cacheWriteTokens());
    o.put("reasoning", u.reasoningTokens());
    if (u.cacheWrite1hTokens() > 0) {
      o.put("cache_write_1h", u.cacheWrite1hTokens());
    }
    o.put("total", u.totalTokens());
    return o;
  }

  private static Usage usage(JsonNode u) {
    if (!u.isObject()) {
      throw new IllegalArgumentException("no usage");
    }
    return readUsage(u);
  }

  /** A {@code tokens} object read back; missing counts are 0, and the parts are kept within their wholes. */
  public static Usage readUsage(JsonNode u) {
    long output = u.path("output").asLong();
    long write = u.path("cache_write").asLong();
    return new Usage(u.path("input").asLong(), output, u.path("cache_read").asLong(), write,
        Math.min(output, u.path("reasoning").asLong()), Math.min(write, u.path("cache_write_1h").asLong()));
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static Map<String, Long> counts(JsonNode o) {
    Map<String, Long> m = new LinkedHashMap<>();
    o.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
    return m;
  }
}
