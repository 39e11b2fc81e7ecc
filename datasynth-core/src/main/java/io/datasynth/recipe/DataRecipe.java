package io.datasynth.recipe;

import java.nio.file.Path;

/** The file layout of a DataRecipe analysis folder, which DataSynth reads and writes into. */
public final class DataRecipe {
  public static final String SCHEMA = "04_复刻指南/DATA_SCHEMA.json";
  public static final String SAMPLES = "09_样例数据/samples.json";
  public static final String GUIDELINES = "03_标注规范/ANNOTATION_SPEC.md";
  public static final String OUTPUT_DIR = "11_合成数据";

  private DataRecipe() {}

  /** Whether a folder looks like a DataRecipe analysis folder (it has the schema file). */
  public static boolean isAnalysisDir(Path dir) {
    return dir.resolve(SCHEMA).toFile().isFile();
  }

  /** The default output of a run on a folder: {@code 11_合成数据/synthetic.json} (or .jsonl). */
  public static Path defaultOutput(Path dir, boolean jsonl) {
    return defaultOutput(dir, jsonl ? ".jsonl" : ".json");
  }

  /** The default output of a run on a folder for a format's file extension (with the dot, e.g. {@code .parquet}). */
  public static Path defaultOutput(Path dir, String extension) {
    return dir.resolve(OUTPUT_DIR).resolve("synthetic" + extension);
  }
}
