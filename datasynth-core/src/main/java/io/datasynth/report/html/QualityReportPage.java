package io.datasynth.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.cost.CostFormat;
import io.datasynth.metrics.DatasetMetrics;
import io.datasynth.metrics.DatasetMetrics.SampleRecord;
import io.datasynth.provider.Usage;
import io.datasynth.quality.RejectReason;
import io.datasynth.report.QualityReport;
import io.datasynth.report.RejectDigest;
import io.datasynth.report.RunFacts;
import io.datasynth.report.RunSummary;
import io.datasynth.schema.Field;
import io.datasynth.text.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The quality report as one self-contained HTML page: its style sheet inline, its charts inline SVG, no script, and
 * a content security policy that forbids loading anything, so it opens offline from disk and shows the same
 * everywhere. Its words come from the message bundles in the given locale; every piece of data is escaped.
 */
public final class QualityReportPage {
  private static final String CSS = css();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);
  /** Fields shown as columns of the table of samples, at most. */
  static final int SAMPLE_COLUMNS = 8;

  private QualityReportPage() {}

  /** The page for {@code report}, in the language of {@code messages}. */
  public static String render(QualityReport report, Messages messages) {
    Html h = new Html(messages.locale());
    Page p = new Page(report, messages, h);
    p.render();
    return h.toString();
  }

  /** One rendering: the report, the words and the page being built. */
  static final class Page {
    final QualityReport r;
    final Messages m;
    final Html h;

    Page(QualityReport r, Messages m, Html h) {
      this.r = r;
      this.m = m;
      this.h = h;
    }

    String t(String key, Object... args) {
      return m.text(key, args);
    }

    void render() {
      DatasetMetrics x = r.metrics();
      String lang = m.locale().getLanguage().equals("zh") ? "zh-CN" : "en";
      h.raw("<!DOCTYPE html>\n<html lang=\"").raw(lang).raw("\">\n<head>\n<meta charset=\"utf-8\">\n")
          .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
              + "img-src data:\">\n")
          .raw("<meta name=\"generator\" content=\"DataSynth ").text(r.version()).raw("\">\n<title>")
          .text(t("report.title") + " · " + name()).raw("</title>\n<style>\n").raw(CSS).raw("</style>\n</head>\n<body>\n");
      h.raw("<header><h1>").text(t("report.title") + (project().isEmpty() ? "" : " · " + project())).raw("</h1><p>")
          .text(t("report.subtitle", r.dataset().toString(), h.count(x.records()), TIME.format(r.createdAt())))
          .raw("</p></header>\n<nav>");
      for (String id : List.of("overview", "run", "rejects", "diversity", "distributions", "plan", "similar", "judge",
          "samples")) {
        h.raw("<a href=\"#").raw(id).raw("\">").text(t("report.nav." + id)).raw("</a>");
      }
      h.raw("</nav>\n<main>\n");
      MetricsSections sections = new MetricsSections(this);
      overview();
      run();
      rejects();
      sections.diversity();
      sections.distributions();
      sections.plan();
      sections.similar();
      sections.judge();
      samples();
      h.raw("</main>\n<footer>").text(t("report.footer", r.version())).raw("</footer>\n</body>\n</html>\n");
    }

    String name() {
      return r.dataset().getFileName() == null ? r.dataset().toString() : r.dataset().getFileName().toString();
    }

    String project() {
      return r.schema().projectName() == null ? "" : r.schema().projectName();
    }

    void open(String id, String title) {
      h.raw("<section id=\"").raw(id).raw("\"><h2>").text(title).raw("</h2>\n");
    }

    void close() {
      h.raw("</section>\n");
    }

    void empty(String text) {
      h.el("p", "empty", text);
    }

    private void overview() {
      DatasetMetrics x = r.metrics();
      RunFacts run = r.run();
      open("overview", t("report.overview"));
      h.raw("<div class=\"cards\">");
      card(h.count(x.records()), t("report.card.records"),
          run != null && run.target() > 0 ? t("report.card.records.of", h.count(run.target())) : "", null);
      if (r.rejects() != null) {
        card(h.count(r.rejects().rejected()), t("report.card.rejected"), "", null);
      }
      if (run != null) {
        card(run.costPerRecord() == null ? t("report.unknown") : CostFormat.usd(run.costPerRecord()),
            t("report.card.cost_per_record"), run.costUsd() == null ? "" : CostFormat.usd(run.costUsd()), null);
      }
      card(h.decimal(x.selfSimilarity().mean(), 3), t("report.card.self_similarity"),
          t("report.card.sampled", h.count(x.selfSimilarity().sampled())), null);
      if (x.seedSimilarity() != null) {
        long copies = x.seedSimilarity().seedCopies();
        card(h.count(copies), t("report.card.seed_copies"), t("report.card.threshold",
            h.decimal(x.seedSimilarity().threshold(), 2)), copies == 0 ? "ok" : "warn");
      }
      card(x.judge() == null ? t("report.not_judged") : h.decimal(x.judge().mean(), 2), t("report.card.judge"),
          x.judge() == null ? "" : t("report.card.judged", h.count(x.judge().judged())), null);
      card(r.plan() == null ? t("report.no_plan") : r.plan().cells().isEmpty() ? h.count(r.plan().axes().size())
          : h.count(r.plan().covered()) + " / " + h.count(r.plan().cells().size()), t("report.card.plan"), "", null);
      h.raw("</div>\n");
      close();
    }

    private void card(String value, String key, String sub, String cls) {
      h.raw("<div class=\"card\"><div class=\"v").raw(cls == null ? "" : " " + cls).raw("\">").text(value)
          .raw("</div><div class=\"k\">").text(key).raw("</div>");
      if (!sub.isEmpty()) {
        h.el("div", "s", sub);
      }
      h.raw("</div>");
    }

    private void run() {
      open("run", t("report.run"));
      RunFacts f = r.run();
      if (f == null) {
        empty(t("report.run.none"));
        close();
        return;
      }
      h.raw("<dl class=\"facts\">");
      fact(t("report.run.model"), f.model().isEmpty() ? t("report.unknown") : f.model()
          + (f.provider().isEmpty() ? "" : " (" + f.provider() + ")"));
      fact(t("report.run.mode"), mode(f.mode()));
      if (f.generatedAt() != null) {
        fact(t("report.run.generated_at"), TIME.format(f.generatedAt()));
      }
      if (!f.outcome().isEmpty()) {
        fact(t("report.run.outcome"), t("report.outcome." + f.outcome())
            + (f.outcomeMessage().isEmpty() ? "" : ": " + f.outcomeMessage()));
      }
      fact(t("report.run.delivered"), f.target() > 0 ? t("report.run.delivered.of", h.count(f.delivered()),
          h.count(f.target())) : h.count(f.delivered()));
      fact(t("report.run.time"), t("report.run.seconds", h.decimal(f.elapsedSeconds(), 1))
          + (f.runs().size() > 1 ? " · " + t("report.run.runs", f.runs().size()) : ""));
      fact(t("report.run.requests"), h.count(f.requests()));
      Usage u = f.tokens();
      fact(t("report.run.tokens"), t("report.run.tokens.detail", h.count(u.totalTokens()), h.count(u.inputTokens()),
          h.count(u.outputTokens()), h.count(u.cacheReadTokens()), h.count(u.cacheWriteTokens())));
      fact(t("report.run.cost"), f.costUsd() == null ? t("report.unknown") : CostFormat.usd(f.costUsd()));
      fact(t("report.run.cost_per_record"), f.costPerRecord() == null ? t("report.unknown")
          : CostFormat.usd(f.costPerRecord()));
      fact(t("report.run.cache_savings"), f.cacheSavingsUsd() == null ? t("report.none")
          : CostFormat.usd(f.cacheSavingsUsd()));
      fact(t("report.run.batch_savings"), f.batchSavingsUsd() == null ? t("report.none")
          : CostFormat.usd(f.batchSavingsUsd()));
      h.raw("</dl>\n");
      if (f.runs().size() > 1) {
        h.el("h3", null, t("report.run.table"));
        h.raw("<div class=\"scroll\"><table><tr>");
        for (String c : List.of("run", "origin", "model", "started", "time", "requests", "delivered", "rejected",
            "cost")) {
          h.raw(c.equals("run") || c.equals("origin") || c.equals("model") || c.equals("started") ? "<th>"
              : "<th class=\"n\">").text(t("report.run.col." + c)).raw("</th>");
        }
        h.raw("</tr>");
        for (RunSummary s : f.runs()) {
          h.raw("<tr><td class=\"n\">").text(Integer.toString(s.run())).raw("</td><td>").text(mode(s.origin()))
              .raw("</td><td>").text(s.model()).raw("</td><td>")
              .text(s.startedAt() == null ? "" : TIME.format(s.startedAt())).raw("</td><td class=\"n\">")
              .text(h.decimal(s.elapsed().toMillis() / 1000.0, 1)).raw("</td><td class=\"n\">")
              .text(h.count(s.requests())).raw("</td><td class=\"n\">").text(h.count(s.delivered()))
              .raw("</td><td class=\"n\">").text(h.count(s.rejectedTotal())).raw("</td><td class=\"n\">")
              .text(s.costUsd() == null ? t("report.unknown") : CostFormat.usd(s.costUsd())).raw("</td></tr>");
        }
        h.raw("</table></div>\n");
      }
      if (r.judge() != null && !r.judge().isEmpty()) {
        h.el("h3", null, t("report.judge.details"));
        keyValues(r.judge());
      }
      close();
    }

    String mode(String mode) {
      if (mode.isEmpty()) {
        return t("report.unknown");
      }
      List<String> parts = new ArrayList<>();
      for (String part : mode.split("\\+")) {
        String key = "report.mode." + part;
        String text = t(key);
        parts.add(text.startsWith(key) ? part : text);
      }
      return String.join(" + ", parts);
    }

    private void fact(String key, String value) {
      h.raw("<dt>").text(key).raw("</dt><dd>").text(value).raw("</dd>");
    }

    /** The scalar entries of an object, one level of nesting flattened with dots. */
    void keyValues(com.fasterxml.jackson.databind.node.ObjectNode o) {
      h.raw("<dl class=\"facts\">");
      o.properties().forEach(e -> {
        JsonNode v = e.getValue();
        if (v.isValueNode()) {
          fact(e.getKey(), v.asText());
        } else if (v.isObject()) {
          v.properties().forEach(inner -> {
            if (inner.getValue().isValueNode()) {
              fact(e.getKey() + "." + inner.getKey(), inner.getValue().asText());
            }
          });
        }
      });
      h.raw("</dl>\n");
    }

    private void rejects() {
      open("rejects", t("report.rejects"));
      RejectDigest d = r.rejects();
      if (d == null) {
        empty(t("report.rejects.no_file"));
        close();
        return;
      }
      long surplus = d.counts().getOrDefault(RejectReason.Code.SURPLUS, 0L);
      h.el("p", null, t("report.rejects.summary", h.count(d.rejected()), h.count(surplus)));
      List<RejectReason.Code> codes = new ArrayList<>();
      d.counts().forEach((code, n) -> {
        if (n > 0) {
          codes.add(code);
        }
      });
      if (codes.isEmpty()) {
        empty(t("report.rejects.empty"));
        close();
        return;
      }
      codes.sort((a, b) -> Long.compare(d.counts().get(b), d.counts().get(a)));
      double[] counts = codes.stream().mapToDouble(c -> d.counts().get(c)).toArray();
      List<String> labels = codes.stream().map(c -> t("report.reason." + c.id())).toList();
      Svg.bars(h, t("report.rejects.chart"), labels, List.of(new Svg.Series(t("report.rejects.col.count"), "s-bad",
          counts)), Svg.Unit.COUNT);
      h.raw("<div class=\"scroll\"><table><tr><th>").text(t("report.rejects.col.reason")).raw("</th><th class=\"n\">")
          .text(t("report.rejects.col.count")).raw("</th><th>").text(t("report.rejects.col.examples"))
          .raw("</th></tr>");
      for (RejectReason.Code c : codes) {
        h.raw("<tr><td>").text(t("report.reason." + c.id())).raw(" <code>").text(c.id()).raw("</code></td>")
            .raw("<td class=\"n\">").text(h.count(d.counts().get(c))).raw("</td><td class=\"rec\"><ul class=\"examples\">");
        for (RejectDigest.Example e : d.examples().getOrDefault(c, List.of())) {
          h.raw("<li><b>").text(m.render(e.message())).raw("</b><br><span class=\"mono\">").text(e.text())
              .raw("</span></li>");
        }
        h.raw("</ul></td></tr>");
      }
      h.raw("</table></div>\n");
      if (d.unreadable() > 0) {
        h.el("p", "muted", t("report.rejects.unreadable", h.count(d.unreadable())));
      }
      close();
    }

    private void samples() {
      DatasetMetrics x = r.metrics();
      open("samples", t("report.samples"));
      if (x.samples().isEmpty()) {
        empty(t("report.samples.none"));
        close();
        return;
      }
      h.el("p", null, t("report.samples.text", h.count(x.samples().size()), h.count(x.records())));
      List<Field> columns = r.schema().fields().subList(0, Math.min(SAMPLE_COLUMNS, r.schema().fields().size()));
      h.raw("<div class=\"scroll\"><table><tr><th>id</th>");
      columns.forEach(f -> h.raw("<th>").text(f.displayName().equals(f.name()) ? f.name()
          : f.displayName() + " (" + f.name() + ")").raw("</th>"));
      h.raw("</tr>");
      for (SampleRecord s : x.samples()) {
        h.raw("<tr><td class=\"mono\">").text(s.id()).raw("</td>");
        for (Field f : columns) {
          JsonNode v = s.data().get(f.name());
          String text = v == null || v.isNull() ? "" : v.isTextual() ? v.asText()
              : io.datasynth.json.Json.compact(v);
          h.raw("<td class=\"rec\">").text(Html.cut(text, 240)).raw("</td>");
        }
        h.raw("</tr>");
      }
      h.raw("</table></div>\n");
      close();
    }
  }

  private static String css() {
    try (InputStream in = QualityReportPage.class.getResourceAsStream("report.css")) {
      if (in == null) {
        throw new IllegalStateException("report.css is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
