package io.datasynth.cli;

import io.datasynth.api.DataSynthesizer;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code init [-o DIR]}: a starter config, schema and seeds. */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = "Write a starter datasynth.config.json, schema.json and seeds.json; never overwrites files.")
final class InitCommand extends BaseCommand {
  @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Folder to write into (default: here).")
  Path dir;

  @Override
  public Integer call() {
    Path target = dir == null ? context().workingDir() : dir;
    List<Path> files = DataSynthesizer.init(target);
    CliText text = context().text();
    files.forEach(f -> out().println(text.text("cli.init.wrote", f)));
    String d = dir == null ? "" : dir + "/";
    out().println(text.text("cli.init.next", "datasynth prepare --schema " + d + "schema.json --seeds " + d
        + "seeds.json -n 10"));
    out().println(text.text("cli.init.or", "datasynth create " + d + "schema.json " + d + "seeds.json -o "
        + "synthetic.json --config " + d + "datasynth.config.json"));
    out().flush();
    return ExitCode.OK;
  }
}
