package io.datasynth.cli;

import static io.datasynth.cli.TestFiles.example;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.json.Json;
import io.datasynth.testkit.FakeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality report of a real run with Chinese records, opened in headless Chromium (Debian's {@code chromium}):
 * it loads with no console error, draws its charts, and is saved as {@code target/report-screenshot.png} (and its
 * first screen as {@code report-screenshot-top.png}) for a person to look at. Skipped when Chromium is not installed.
 */
class ReportBrowserIT {
  static final Path SCREENSHOT = Path.of("target/report-screenshot.png").toAbsolutePath();
  /** The first screen of it, at full size. */
  static final Path TOP = Path.of("target/report-screenshot-top.png").toAbsolutePath();

  @TempDir Path dir;

  @Test
  void theReportOfAChineseRunLoadsWithoutErrorsAndDrawsItsCharts() throws Exception {
    Path chromium = DevTools.chromium().orElse(null);
    Assumptions.assumeTrue(chromium != null, "chromium is not installed (apt-get install chromium fonts-noto-cjk)");
    Path recipe = example("recipe_demo", dir);
    try (FakeProvider fake = ReportCommandTest.echoingSeeds(ReportCommandTest.seeds(recipe))) {
      Cli.Result r = Fakes.anthropic(Cli.in(dir), fake).run("generate", recipe, "-n", 24, "-q");
      assertThat(r.code()).as(r.describe()).isZero();
    }
    Path html = recipe.resolve("11_合成数据/synthetic.report.html");
    assertThat(html).isRegularFile();

    List<String> errors = new CopyOnWriteArrayList<>();
    CountDownLatch loaded = new CountDownLatch(1);
    Files.createDirectories(dir.resolve("profile"));
    try (DevTools browser = DevTools.start(chromium, dir.resolve("profile"))) {
      String target = browser.send(null, "Target.createTarget", Json.object().put("url", "about:blank"))
          .get("targetId").asText();
      String session = browser.send(null, "Target.attachToTarget", Json.object().put("targetId", target)
          .put("flatten", true)).get("sessionId").asText();
      browser.onEvent(e -> {
        if (!session.equals(e.path("sessionId").asText())) {
          return;
        }
        JsonNode p = e.path("params");
        switch (e.path("method").asText()) {
          case "Page.loadEventFired" -> loaded.countDown();
          case "Runtime.exceptionThrown" -> errors.add("exception: " + p.path("exceptionDetails"));
          case "Runtime.consoleAPICalled" -> {
            if (p.path("type").asText().equals("error") || p.path("type").asText().equals("assert")) {
              errors.add("console: " + p.path("args"));
            }
          }
          case "Log.entryAdded" -> {
            if (p.path("entry").path("level").asText().equals("error")) {
              errors.add("log: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url"));
            }
          }
          default -> { }
        }
      });
      for (String domain : List.of("Page.enable", "Runtime.enable", "Log.enable")) {
        browser.send(session, domain, null);
      }
      browser.send(session, "Emulation.setDeviceMetricsOverride", Json.object().put("width", 1280)
          .put("height", 900).put("deviceScaleFactor", 1).put("mobile", false));
      browser.send(session, "Page.navigate", Json.object().put("url", html.toUri().toString()));
      assertThat(loaded.await(120, TimeUnit.SECONDS)).as("the page fired its load event").isTrue();

      JsonNode page = evaluate(browser, session, """
          (() => {
            const charts = [...document.querySelectorAll('svg.chart')];
            const drawn = charts.filter(c => [...c.querySelectorAll('rect.bar')]
                .some(b => b.getBBox().width > 0 && b.getBBox().height > 0));
            const heading = document.querySelector('h1');
            return {
              charts: charts.length,
              drawn: drawn.length,
              lang: document.documentElement.lang,
              title: heading.textContent,
              headingWidth: heading.getBoundingClientRect().width,
              chinese: (document.body.innerText.match(/[\\u4e00-\\u9fff]/g) || []).length,
              sections: document.querySelectorAll('main section').length,
              samples: document.querySelectorAll('#samples table tr').length,
              height: document.documentElement.scrollHeight
            };
          })()""");
      assertThat(page.path("charts").asInt()).as("charts on the page").isGreaterThanOrEqualTo(4);
      assertThat(page.path("drawn").asInt()).as("charts with visible bars").isEqualTo(page.path("charts").asInt());
      assertThat(page.path("lang").asText()).isEqualTo("zh-CN");
      assertThat(page.path("title").asText()).startsWith("质量报告");
      assertThat(page.path("headingWidth").asDouble()).isPositive();
      assertThat(page.path("chinese").asInt()).isGreaterThan(200);
      assertThat(page.path("sections").asInt()).isEqualTo(9);
      assertThat(page.path("samples").asInt()).isGreaterThan(1);

      int height = Math.min(8000, page.path("height").asInt());
      browser.send(session, "Emulation.setDeviceMetricsOverride", Json.object().put("width", 1280)
          .put("height", height).put("deviceScaleFactor", 1).put("mobile", false));
      JsonNode shot = browser.send(session, "Page.captureScreenshot", Json.object().put("format", "png")
          .put("captureBeyondViewport", true));
      Files.createDirectories(SCREENSHOT.getParent());
      Files.write(SCREENSHOT, Base64.getDecoder().decode(shot.get("data").asText()));
      JsonNode top = browser.send(session, "Page.captureScreenshot", Json.object().put("format", "png")
          .set("clip", Json.object().put("x", 0).put("y", 0).put("width", 1280).put("height", 1400).put("scale", 1)));
      Files.write(TOP, Base64.getDecoder().decode(top.get("data").asText()));
    }
    assertThat(errors).as("console errors").isEmpty();
    // A blank page of this size is about 14 KB; a drawn report is far larger.
    assertThat(Files.size(SCREENSHOT)).isGreaterThan(60_000);
  }

  private static JsonNode evaluate(DevTools browser, String session, String expression) throws Exception {
    ObjectNode params = Json.object().put("expression", expression).put("returnByValue", true);
    JsonNode result = browser.send(session, "Runtime.evaluate", params);
    assertThat(result.has("exceptionDetails")).as("%s", result.path("exceptionDetails")).isFalse();
    return result.path("result").path("value");
  }
}
