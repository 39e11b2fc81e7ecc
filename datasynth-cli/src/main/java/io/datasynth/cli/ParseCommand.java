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
  @Mixin HookOptions hook;

  @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
  boolean quiet;

  @Option(names = "--judged",
      description = "REPLY is a judge's answer to `prepare --judge`: write its scores into the output's records and "
          + "move those below --min-score to the rejects file.")
  boolean judged;

  @Override
  public Integer call() throws IOException {
    var config = options.toConfig();
    PostHook postHook = hook.parsed();
    String text = reply.equals("-")
        ? JsonFiles.readText(context().stdin(), Path.of("stdin"), InputKind.REPLY)
        : JsonFiles.readText(Path.of(reply), InputKind.REPLY);
    Schema schema;
    List<Seed> seeds;
    Path out = output;
    Path analysisDir = null;
    if (dir != null || (inputs.schema != null && (inputs.seeds != null || holdsSeeds(inputs.schema)))) {
      Inputs in = inputs.load(dir, "parse");
      schema = in.schema();
      seeds = in.seeds();
      analysisDir = in.analysisDir();
      if (out == null && in.analysisDir() != null) {
        out = DataRecipe.defaultOutput(in.analysisDir(), config.format() == null ? ".json" : config.format().extension());
      }
    } else if (inputs.schema != null) {
      schema = InputLoader.schemaOnly(inputs.schema);
      seeds = List.of();
    } else {
      throw new ConfigException(null, io.datasynth.text.Message.of("error.parse.no_schema", "--schema FILE"));
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
        CliText t = context().text();
        out().println(t.text("cli.parse.judged", j.scored() > 0 ? "✓" : "✗", t.records(j.scored()), out, j.passed(),
            j.lowScore(), j.remaining() > 0 ? t.text("cli.parse.judged.remaining", j.remaining()) : ""));
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
    } else if (!quiet) {
      summary(r, out);
    }
    if (r.added() == 0) {
      return ExitCode.FAILED;
    }
    return postHook == null ? ExitCode.OK
        : HookOptions.run(this, postHook, hook.postHookEnv, config, r.outputPath(), r.total(), analysisDir);
  }

  /** What the parse found, added and rejected, and why. */
  private void summary(ParseReport r, Path out) {
    CliText words = context().text();
    if (r.added() > 0) {
      out().println(words.text("cli.parse.added", words.records(r.added()), r.outputPath(), r.total()));
    } else {
      out().println(words.text("cli.parse.none", r.found() == 0 ? words.text("cli.parse.none.empty")
          : words.text("cli.parse.none.rejected", r.found()),
          r.total() > 0 ? words.text("cli.parse.none.total", r.total(), out) : ""));
    }
    out().println(words.text("cli.parse.found", r.found()));
    out().println(r.rejected().isEmpty() ? words.text("cli.summary.rejected", 0)
        : words.text("cli.summary.rejected.detail", r.rejectedTotal(), Reports.codes(r.rejected(), words)));
    r.rejections().forEach(x -> {
      String why = words.render(x.reason().message(io.datasynth.sink.DatasetWriter::id));
      out().println("    - " + (x.position() > 0 ? words.text("cli.parse.record", x.position(), why) : why));
    });
    out().flush();
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
