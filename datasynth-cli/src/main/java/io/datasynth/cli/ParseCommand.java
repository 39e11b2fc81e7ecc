package io.datasynth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.api.DataSynthesizer;
import io.datasynth.api.ParseReport;
import io.datasynth.error.ConfigException;
import io.datasynth.json.InputKind;
import io.datasynth.json.JsonFiles;
import io.datasynth.recipe.DataRecipe;
import io.datasynth.recipe.InputLoader;
import io.datasynth.recipe.Inputs;
import io.datasynth.schema.Schema;
import io.datasynth.seed.Seed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parse}: interactive mode, step 2 — a pasted model reply turned into records. */
@Command(name = "parse", mixinStandardHelpOptions = true,
    description = {"Turn a pasted model reply into validated, deduplicated records (interactive mode).",
        "A second parse into the same output appends to it, skipping duplicates."})
final class ParseCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "REPLY", description = "The model's reply as a file, or - for stdin.")
  String reply;

  @Parameters(index = "1", arity = "0..1", paramLabel = "DIR", description = "A DataRecipe analysis folder.")
  Path dir;

  @Mixin InputSelection inputs;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Output file (default: DIR/11_合成数据/synthetic.json, else ./synthetic.json).")
  Path output;

  @Mixin GenerationOptions options;
  @Mixin JsonOutput json;

  @Option(names = "--judged",
      description = "REPLY is a judge's answer to `prepare --judge`: write its scores into the output's records and "
          + "move those below --min-score to the rejects file.")
  boolean judged;

  @Override
  public Integer call() throws IOException {
    var config = options.toConfig();
    String text = reply.equals("-")
        ? JsonFiles.readText(context().stdin(), Path.of("stdin"), InputKind.REPLY)
        : JsonFiles.readText(Path.of(reply), InputKind.REPLY);
    Schema schema;
    List<Seed> seeds;
    Path out = output;
    if (dir != null || (inputs.schema != null && (inputs.seeds != null || holdsSeeds(inputs.schema)))) {
      Inputs in = inputs.load(dir, "parse");
      schema = in.schema();
      seeds = in.seeds();
      if (out == null && in.analysisDir() != null) {
        out = DataRecipe.defaultOutput(in.analysisDir(), config.format() == null ? ".json" : config.format().extension());
      }
    } else if (inputs.schema != null) {
      schema = InputLoader.schemaOnly(inputs.schema);
      seeds = List.of();
    } else {
      throw new ConfigException("no schema: give a DataRecipe folder (datasynth parse REPLY DIR) or --schema FILE");
    }
    if (out == null) {
      out = context().workingDir().resolve("synthetic.json");
    }
    if (judged) {
      io.datasynth.api.JudgedReport j = DataSynthesizer.of(config).parseJudged(text, schema, out);
      if (json.json) {
        var o = io.datasynth.json.Json.object();
        o.put("output", String.valueOf(j.outputPath()));
        o.put("scored", j.scored());
        o.put("passed", j.passed());
        o.put("low_score", j.lowScore());
        o.put("remaining", j.remaining());
        out().println(io.datasynth.json.Json.compact(o));
      } else {
        out().println((j.scored() > 0 ? "✓ Judged " : "✗ Judged ") + Reports.records(j.scored()) + " of " + out
            + ": " + j.passed() + " passed, " + j.lowScore() + " below the minimum (moved to the rejects file)"
            + (j.remaining() > 0 ? "; " + j.remaining() + " still without a score" : ""));
      }
      out().flush();
      return j.scored() > 0 ? ExitCode.OK : ExitCode.FAILED;
    }
    ParseReport r = DataSynthesizer.of(config).parseReply(text, schema, seeds, out);
    if (json.json) {
      var j = io.datasynth.report.RunReportJson.of(r.report(), io.datasynth.text.Messages.english());
      j.put("found", r.found());
      j.put("added", r.added());
      out().println(io.datasynth.json.Json.compact(j));
      out().flush();
      return r.added() > 0 ? ExitCode.OK : ExitCode.FAILED;
    }
    if (r.added() > 0) {
      out().println("✓ Added " + Reports.records(r.added()) + " to " + r.outputPath() + " (" + r.total()
          + " in the file)");
    } else {
      out().println("✗ No new records" + (r.found() == 0 ? ": the reply holds no JSON records"
          : ": all " + r.found() + " found were rejected") + (r.total() > 0 ? " (" + r.total()
          + " already in " + out + ")" : ""));
    }
    CliText words = context().text();
    out().println("  found in reply: " + r.found());
    out().println("  rejected:       " + (r.rejected().isEmpty() ? "0"
        : r.rejectedTotal() + " (" + Reports.codes(r.rejected()) + ")"));
    r.rejections().forEach(x -> out().println("    - " + (x.position() > 0 ? "record " + x.position() + ": " : "")
        + words.render(x.reason().message(io.datasynth.sink.DatasetWriter::id))));
    out().flush();
    return r.added() > 0 ? ExitCode.OK : ExitCode.FAILED;
  }

  /** Whether a --schema path brings its own seeds: a DataRecipe folder or a combined {schema, samples} file. */
  private static boolean holdsSeeds(Path schema) {
    if (Files.isDirectory(schema)) {
      return true;
    }
    JsonNode root = JsonFiles.readJson(schema, InputKind.SEEDS);
    return root.path("schema").isObject() && (root.path("samples").isArray() || root.path("seeds").isArray());
  }
}
