package io.datasynth.sink;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The files that belong to one output: the output itself and every file kept beside it, named after its stem
 * ({@code synthetic.json} → {@code synthetic.journal.jsonl}, {@code synthetic.manifest.json}, …). The one place
 * these names are made; {@link #all()} lists them all, for a caller that checks or locks a run's files together.
 *
 * <p>The atomic-write temporaries of any of these files ({@code .NAME.PID.RANDOM.tmp}, see {@link AtomicFiles}) lie
 * in the same folder.
 *
 * @param output the output file; its folder holds every other file
 */
public record OutputFiles(Path output) {
  public OutputFiles {
    Objects.requireNonNull(output, "output");
    if (output.getFileName() == null) {
      throw new IllegalArgumentException("an output is a file, not " + output);
    }
  }

  public static OutputFiles of(Path output) {
    return new OutputFiles(output);
  }

  /** The output's name without its last extension: {@code synthetic.json} → {@code synthetic}. */
  public String stem() {
    String name = output.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /**
   * The crash-safe record of an unfinished run: {@code synthetic.json} → {@code synthetic.journal.jsonl}. Outputs
   * of another format keep their extension in it ({@code out.jsonl} → {@code out.jsonl.journal.jsonl}), so that
   * {@code out.json} and {@code out.jsonl} never share a journal.
   */
  public Path journal() {
    return output.resolveSibling(runName() + ".journal.jsonl");
  }

  /** The inputs fingerprint of the journal's run, named like the journal. */
  public Path manifest() {
    return output.resolveSibling(runName() + ".manifest.json");
  }

  /**
   * The hidden lock file a run holds while it changes the output ({@code .synthetic.json.lock}); it stays after the
   * run, empty, because deleting a lock file lets a waiting run lock a file nobody else sees.
   */
  public Path lock() {
    return output.resolveSibling("." + output.getFileName() + ".lock");
  }

  /** The provenance of each record of a JSON Lines output, one line per record. */
  public Path provenance() {
    return sibling(".provenance.jsonl");
  }

  private String runName() {
    String name = output.getFileName().toString();
    return name.endsWith(".json") ? stem() : name;
  }

  /** Per-field statistics ({@code --stats}). */
  public Path stats() {
    return sibling(".stats.json");
  }

  /** Records the run dropped, with the reason. */
  public Path rejects() {
    return sibling(".rejects.jsonl");
  }

  /** The run's report for people. */
  public Path report() {
    return sibling(".report.html");
  }

  /** The metadata of a JSON Lines output, which has no room for it inside. */
  public Path meta() {
    return sibling(".meta.json");
  }

  /** The output and every file beside it, output first. */
  public List<Path> all() {
    return List.of(output, journal(), manifest(), lock(), stats(), rejects(), report(), meta(), provenance());
  }

  /** The folder a dry run writes its previewed requests into: {@code synthetic.json} → {@code synthetic.requests/}. */
  public Path requests() {
    return sibling(".requests");
  }

  private Path sibling(String suffix) {
    return output.resolveSibling(stem() + suffix);
  }
}
