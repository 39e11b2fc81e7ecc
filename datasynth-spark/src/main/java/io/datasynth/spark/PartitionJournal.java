package io.datasynth.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.datasynth.error.RunFailedException;
import io.datasynth.journal.EventLog;
import io.datasynth.journal.JournalCodec;
import io.datasynth.journal.JournalEvent;
import io.datasynth.json.Json;
import io.datasynth.text.Message;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.StreamCapabilities;

/**
 * The journal of one partition on the job's storage (any Hadoop file system): a folder of segments
 * {@code 000001.jsonl}, {@code 000002.jsonl}, … read in order. Each task attempt writes segments of its own after
 * the ones it found, so it never appends to a file another attempt wrote (object stores cannot append, and a killed
 * attempt's last line may be torn). Every append is synced ({@code hsync}) before it counts where the file system
 * can; where it cannot (object stores), the segment is closed after every append, which makes it visible.
 *
 * <p>A line that does not decode (the torn end of a killed attempt's segment) is skipped. Attempts of one partition
 * must not run at the same time, which is why the job refuses speculative execution. Not thread-safe.
 */
final class PartitionJournal implements EventLog, AutoCloseable {
  private static final Pattern SEGMENT = Pattern.compile("\\d{6}\\.jsonl");

  private final FileSystem fs;
  private final Path dir;
  private final List<Path> earlier;
  private final int partition;
  private final int attempt;
  private final JournalProbe probe;
  private int nextSegment;
  private FSDataOutputStream out;
  private boolean syncable;

  private PartitionJournal(FileSystem fs, Path dir, List<Path> earlier, int partition, int attempt,
      JournalProbe probe) {
    this.fs = fs;
    this.dir = dir;
    this.earlier = earlier;
    this.partition = partition;
    this.attempt = attempt;
    this.probe = probe;
    this.nextSegment = earlier.isEmpty() ? 1 : number(earlier.get(earlier.size() - 1)) + 1;
  }

  /**
   * Opens a partition's journal, creating its folder; the segments there now are what {@link #earlier} reads.
   *
   * @param fs the file system, as {@link JobStorage#fileSystem} gives it
   */
  static PartitionJournal open(FileSystem fs, Path dir, int partition, int attempt, JournalProbe probe) {
    try {
      fs.mkdirs(dir);
      FileStatus[] listed = fs.listStatus(dir, p -> SEGMENT.matcher(p.getName()).matches());
      List<Path> segments = new ArrayList<>(Arrays.stream(listed).filter(FileStatus::isFile)
          .map(FileStatus::getPath).sorted((a, b) -> a.getName().compareTo(b.getName())).toList());
      return new PartitionJournal(fs, dir, List.copyOf(segments), partition, attempt, probe);
    } catch (IOException e) {
      throw new RunFailedException(Message.of("spark.journal.open", dir.toString(), String.valueOf(e.getMessage())),
          e);
    }
  }

  /** The events earlier attempts journaled, in order, read as a stream from the job's storage. */
  Iterable<JournalEvent> earlier() {
    return () -> new Events(fs, earlier);
  }

  /** How many segments earlier attempts left. */
  int earlierSegments() {
    return earlier.size();
  }

  @Override
  public void append(List<? extends JournalEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    ByteArrayOutputStream buf = new ByteArrayOutputStream(4096);
    try {
      for (JournalEvent e : events) {
        buf.write(Json.mapper().writeValueAsBytes(JournalCodec.encode(e)));
        buf.write('\n');
      }
      if (out == null) {
        Path segment = new Path(dir, String.format("%06d.jsonl", nextSegment++));
        out = fs.create(segment, false);
        syncable = out.hasCapability(StreamCapabilities.HSYNC);
      }
      out.write(buf.toByteArray());
      if (syncable) {
        out.hsync();
      } else {
        out.close();
        out = null;
      }
    } catch (IOException e) {
      throw new RunFailedException(Message.of("spark.journal.write", dir.toString(), String.valueOf(e.getMessage())),
          e);
    }
    probe.appended(partition, attempt, events);
  }

  @Override
  public void close() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException ignored) {
        // every append was synced or closed already
      }
      out = null;
    }
  }

  private static int number(Path segment) {
    String name = segment.getName();
    return Integer.parseInt(name.substring(0, name.indexOf('.')));
  }

  /** The events of a list of segments, in order; lines that do not decode are skipped. */
  private static final class Events implements Iterator<JournalEvent> {
    private final FileSystem fs;
    private final Iterator<Path> segments;
    private BufferedReader reader;
    private JournalEvent next;

    Events(FileSystem fs, List<Path> segments) {
      this.fs = fs;
      this.segments = segments.iterator();
      advance();
    }

    private void advance() {
      next = null;
      try {
        while (true) {
          if (reader == null) {
            if (!segments.hasNext()) {
              return;
            }
            reader = new BufferedReader(new InputStreamReader(fs.open(segments.next()), StandardCharsets.UTF_8));
          }
          String line = reader.readLine();
          if (line == null) {
            reader.close();
            reader = null;
            continue;
          }
          if (!line.isBlank()) {
            next = decode(line);
            if (next != null) {
              return;
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read a journal segment: " + e.getMessage(), e);
      }
    }

    private static JournalEvent decode(String line) {
      try {
        JsonNode node = Json.mapper().readTree(line);
        return node == null ? null : JournalCodec.decode(node);
      } catch (JsonProcessingException | RuntimeException e) {
        return null;
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public JournalEvent next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      JournalEvent e = next;
      advance();
      return e;
    }
  }
}
