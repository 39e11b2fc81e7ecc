package io.datasynth.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the common options, the streams and the context. */
abstract class BaseCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;
  @ParentCommand DataSynthCommand root;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  CliContext context() {
    return root.context;
  }
}
