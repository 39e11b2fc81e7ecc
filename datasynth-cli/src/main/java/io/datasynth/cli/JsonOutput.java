package io.datasynth.cli;

import picocli.CommandLine.Option;

/** {@code --json}: the command's report as one JSON object on stdout, for pipelines; the words go to stderr. */
final class JsonOutput {
  @Option(names = "--json", description = "Print the report as one JSON object on stdout, for pipelines.")
  boolean json;
}
