package io.datasynth.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.api.ResumeMode;
import io.datasynth.engine.EngineListener;
import io.datasynth.error.ConfigException;
import io.datasynth.error.RunFailedException;
import io.datasynth.error.Setting;
import io.datasynth.error.SettingValue;
import io.datasynth.json.Json;
import io.datasynth.text.Message;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The job's folder of journals and its manifest, which says what the journals were made from: the inputs'
 * fingerprint and the number of partitions (a partition's journal belongs to its index, so a resumed job keeps the
 * number). Decided once on the driver, before any task starts.
 */
final class JobManifest {
  static final String NAME = "manifest.json";

  private JobManifest() {}

  /**
   * Resumes the journals in {@code dir} or starts them, and returns the number of partitions to use.
   *
   * @param requested the partitions asked for, or 0 when left to the job
   * @param chosen what the job would choose for a new run
   * @throws ConfigException when the journals were made from other inputs, with another number of partitions than
   *     asked for, or there is nothing to resume although asked to
   */
  static int settle(FileSystem fs, Path dir, String inputs, int requested, int chosen, ResumeMode resume,
      EngineListener listener) {
    Path manifest = new Path(dir, NAME);
    try {
      if (fs.exists(dir) && resume == ResumeMode.NEVER) {
        Path aside = aside(fs, dir);
        listener.onNotice(Message.of("notice.no_resume", aside.toString(), SettingValue.of(Setting.RESUME, false)));
      }
      if (fs.exists(manifest)) {
        JsonNode m;
        try (InputStream in = fs.open(manifest)) {
          m = Json.mapper().readTree(in);
        }
        if (!inputs.equals(m.path("inputs").asText())) {
          throw new ConfigException(null, Message.of("error.resume.other_inputs", dir.toString(),
              SettingValue.of(Setting.RESUME, false)));
        }
        int made = m.path("partitions").asInt();
        if (requested > 0 && requested != made) {
          throw new ConfigException(Setting.PARTITIONS, Message.of("spark.journals.partitions", dir.toString(),
              Setting.PARTITIONS, made, SettingValue.of(Setting.RESUME, false)));
        }
        listener.onNotice(Message.of("spark.resuming", dir.toString()));
        return made;
      }
      if (resume == ResumeMode.ALWAYS) {
        throw new ConfigException(Setting.RESUME, Message.of("error.resume.nothing", dir.toString()));
      }
      fs.mkdirs(dir);
      ObjectNode m = Json.object();
      m.put("inputs", inputs);
      m.put("partitions", chosen);
      Path tmp = new Path(dir, "." + NAME + ".tmp");
      try (OutputStream out = fs.create(tmp, true)) {
        out.write((Json.pretty(m) + "\n").getBytes(StandardCharsets.UTF_8));
      }
      if (!fs.rename(tmp, manifest)) {
        throw new IOException("cannot rename " + tmp + " to " + manifest);
      }
      return chosen;
    } catch (IOException e) {
      throw new RunFailedException(Message.of("spark.journals.prepare", dir.toString(),
          String.valueOf(e.getMessage())), e);
    }
  }

  private static Path aside(FileSystem fs, Path dir) throws IOException {
    for (int i = 1; ; i++) {
      Path aside = new Path(dir.getParent(), dir.getName() + ".old-" + i);
      if (!fs.exists(aside)) {
        if (!fs.rename(dir, aside)) {
          throw new IOException("cannot move " + dir + " aside to " + aside);
        }
        return aside;
      }
    }
  }
}
