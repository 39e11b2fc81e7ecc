package io.datasynth.api;

import io.datasynth.cost.PriceTable;
import io.datasynth.engine.EngineListener;
import io.datasynth.error.DataSynthException;
import io.datasynth.recipe.Inputs;
import io.datasynth.report.QualityReport;
import io.datasynth.report.RunReport;
import io.datasynth.sink.FileGuard;
import io.datasynth.sink.OutputFiles;
import io.datasynth.text.Message;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The quality report at the end of a run: the output measured against the run's seeds and written beside it as
 * {@code <stem>.report.html}, in the language of the run's prompts. A report that cannot be written is a notice, not
 * a failed run: the records are already safe.
 */
final class RunQualityReport {
  private RunQualityReport() {}

  /**
   * The result with its quality report, or as it is when nothing was written or the report is off.
   *
   * @param measured the output as the run measured it while writing it, or null to read it again
   */
  static SynthesisResult add(SynthesisResult result, Inputs inputs, SynthesisConfig config, FileGuard guard,
      PriceTable prices, Supplier<java.time.Instant> now, EngineListener listener, QualityReports.Measured measured) {
    Path output = result.outputPath();
    if (!config.report() || output == null || result.generatedCount() == 0) {
      return result;
    }
    Path html = OutputFiles.of(output).report();
    try {
      QualityReports reports = QualityReports.builder().files(guard).prices(prices).clock(now).run(config).build();
      QualityReport written = measured != null ? reports.writeForRun(output, inputs, config, measured)
          : reports.writeForRun(output, inputs, config, false);
      RunReport r = result.report();
      RunReport withPath = new RunReport(r.outcome(), r.target(), r.delivered(), r.surplus(), r.runs(),
          r.deliveredBySettings(), r.invalidByRule(), r.samples(), new RunReport.Files(r.files().output(),
          r.files().rejects(), r.files().journal(), r.files().stats(), html), r.fieldStats(), r.plan());
      return new SynthesisResult(withPath, result.stats(), written);
    } catch (DataSynthException e) {
      listener.onNotice(Message.of("notice.report.failed", html, e.getMessage(), output,
          io.datasynth.error.Command.REPORT));
      return result;
    }
  }
}
