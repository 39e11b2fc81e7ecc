package io.datasynth.cli;

import io.datasynth.mcp.DataSynthMcpServer;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mcp}: the MCP server over stdio, for Claude Desktop, Claude Code and other MCP clients. */
@Command(name = "mcp", mixinStandardHelpOptions = true,
    description = {"Run the MCP (Model Context Protocol) server over stdio.",
        "Tools: prepare_synthesis, parse_synthesis_result, synthesize_data, estimate_synthesis_cost, validate_data.",
        "Every path argument must lie inside --root. API keys come only from this process's environment.",
        "Standard output carries the protocol; logs go to standard error. Exits when standard input closes."})
final class McpCommand extends BaseCommand {
  @Option(names = "--root", paramLabel = "DIR",
      description = "The folder tools may read and write; paths are resolved against it (default: the working "
          + "directory).")
  Path root;

  @Override
  public Integer call() {
    Path dir = root != null ? context().workingDir().resolve(root) : context().workingDir();
    if (!java.nio.file.Files.isDirectory(dir)) {
      CliText text = context().text();
      err().println(text.text("cli.error", text.text(java.nio.file.Files.exists(dir) ? "cli.mcp.root.not_folder"
          : "cli.mcp.root.missing", dir)));
      err().flush();
      return ExitCode.USAGE;
    }
    DataSynthMcpServer server = DataSynthMcpServer.builder().root(dir).env(context().env()).build();
    // Standard output is the protocol channel: the server gets the real one, and anything else that writes to
    // System.out while serving lands on standard error instead of corrupting the protocol.
    OutputStream protocol = new FileOutputStream(FileDescriptor.out);
    PrintStream previous = System.out;
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
    try {
      server.serve(new FileInputStream(FileDescriptor.in), protocol);
    } finally {
      System.out.flush();
      System.setOut(previous);
    }
    return ExitCode.OK;
  }
}
