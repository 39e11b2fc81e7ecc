package io.datasynth.journal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasynth.error.InputException;
import io.datasynth.error.RunFailedException;
import io.datasynth.json.ChunkedLines;
import io.datasynth.json.Json;
import io.datasynth.sink.FileGuard;
import io.datasynth.sink.OutputFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The crash-safe record of a run: every {@link JournalEvent} (records accepted and rejected, usage paid for, runs
 * begun and ended), appended as JSON Lines and forced to disk before it counts. After a crash the journal alone is
 * enough to resume. A torn last line (the process died mid-write, or a power loss left zeros) is cut off when the
 * journal is reopened; a damaged line before the end is skipped without losing the lines after it.
 *
 * <p>The journal is read and written as a stream, so its size is bounded by the disk, not the heap. It is opened
 * only under the output's {@link OutputLock}. {@link #append} may be called from several threads (the stages'
 * writer and a batch dispatcher): each call's events land together, in the order the calls took the lock. The
 * writer may {@link #write} the events of several replies and {@link #force} them once (group commit).
 */
public final class Journal implements AutoCloseable, EventLog {
  private final Path file;
  private final FileChannel channel;
  private GroupBuffer buffer = new GroupBuffer();
  private final Contents contents;
  /** Whether bytes were written since the last forced write. */
  private boolean unforced;

  private Journal(Path file, FileChannel channel, Contents contents) {
    this.file = file;
    this.channel = channel;
    this.contents = contents;
  }

  /** The journal next to an output; see {@link OutputFiles#journal()}. */
  public static Path pathFor(Path output) {
    return OutputFiles.of(output).journal();
  }

  /**
   * What a journal held when it was opened.
   *
   * @param events the events read
   * @param tornLineDropped whether an incomplete last line (a crash mid-write) was cut off
   * @param damagedLines lines before the end that could not be read and were skipped
   */
  public record Contents(long events, boolean tornLineDropped, long damagedLines) {
    /** Whether the journal held nothing. */
    public boolean isEmpty() {
      return events == 0;
    }
  }

  /**
   * Opens a journal for appending, creating it when absent, and replays what it holds.
   *
   * @param lock the output's lock, held by the caller: proof that no other run writes this journal
   * @param replay receives every event in order
   */
  public static Journal open(Path file, OutputLock lock, FileGuard guard, Consumer<JournalEvent> replay) {
    Objects.requireNonNull(lock, "lock");
    FileChannel ch = null;
    try {
      guard.folder(file.toAbsolutePath().getParent());
      ch = guard.openForWriting(file);
      Scan scan = scan(ch, replay);
      if (scan.goodBytes < ch.size()) {
        ch.truncate(scan.goodBytes);
        ch.force(true);
      }
      ch.position(scan.goodBytes);
      return new Journal(file, ch, new Contents(scan.events, scan.torn, scan.damaged));
    } catch (AccessDeniedException e) {
      closeQuietly(ch);
      if (Files.exists(file)) {
        throw InputException.of(file, io.datasynth.text.Message.of("journal.not_writable"),
            io.datasynth.text.Message.of("journal.not_writable.fix", io.datasynth.error.SettingValue.of(
                io.datasynth.error.Setting.RESUME, false)));
      }
      Path denied = Path.of(e.getFile() == null ? file.toString() : e.getFile()).toAbsolutePath().getParent();
      throw InputException.of(denied, io.datasynth.text.Message.of("output.folder_not_writable"),
          io.datasynth.text.Message.of("output.folder_not_writable.fix", io.datasynth.error.Setting.OUTPUT));
    } catch (IOException e) {
      closeQuietly(ch);
      throw new RunFailedException(io.datasynth.text.Message.of("journal.cannot_open", file, reason(e)), e);
    } catch (RuntimeException e) {
      closeQuietly(ch);
      throw e;
    }
  }

  /**
   * Reads the events of a journal without opening it for writing or taking its lock, for commands that only look
   * (a run may be appending meanwhile; a torn last line is skipped).
   *
   * @return false when there is no journal
   */
  public static boolean read(Path file, FileGuard guard, Consumer<JournalEvent> replay) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (FileChannel ch = FileChannel.open(file, java.nio.file.StandardOpenOption.READ)) {
      guard.folder(file.toAbsolutePath().getParent());
      scan(ch, replay);
      return true;
    } catch (IOException e) {
      throw new RunFailedException(io.datasynth.text.Message.of("journal.cannot_read", file, reason(e)), e);
    }
  }

  /** What the journal held when it was opened. */
  public Contents contents() {
    return contents;
  }

  /** Appends events and forces them to disk, with any {@link #write} wrote before; they count once this returns. */
  @Override
  public synchronized void append(List<? extends JournalEvent> events) {
    write(events);
    force();
  }

  /** Appends events to be forced by the next {@link #force} or {@link #append}; they do not count before. */
  @Override
  public synchronized void write(List<? extends JournalEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    ObjectMapper m = Json.mapper();
    if (buffer.capacity() > GroupBuffer.KEPT) {
      buffer = new GroupBuffer();  // a large group (a batch's results) does not hold its memory for the run
    }
    GroupBuffer buf = buffer;
    buf.reset();
    try {
      // One generator for the group, each event a line: the bytes writeValueAsBytes gives, without its set-up each.
      try (JsonGenerator g = m.createGenerator(buf)) {
        g.setRootValueSeparator(null);
        for (JournalEvent e : events) {
          m.writeValue(g, JournalCodec.encode(e));
          g.writeRaw('\n');
        }
      }
      ByteBuffer bytes = buf.view();
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      unforced = true;
    } catch (IOException e) {
      throw new RunFailedException(io.datasynth.text.Message.of("journal.cannot_write", file,
          String.valueOf(e.getMessage())), e);
    }
  }

  /** The bytes of one group of events, kept for the next group unless a large one grew it. */
  private static final class GroupBuffer extends ByteArrayOutputStream {
    static final int KEPT = 1 << 20;

    GroupBuffer() {
      super(4096);
    }

    int capacity() {
      return buf.length;
    }

    ByteBuffer view() {
      return ByteBuffer.wrap(buf, 0, count);
    }
  }

  /** Forces what was written since the last force to disk; one forced write for all of it. */
  @Override
  public synchronized void force() {
    if (!unforced) {
      return;
    }
    try {
      channel.force(false);
      unforced = false;
    } catch (IOException e) {
      throw new RunFailedException(io.datasynth.text.Message.of("journal.cannot_write", file,
          String.valueOf(e.getMessage())), e);
    }
  }

  /** Appends one event and forces it to disk. */
  @Override
  public void append(JournalEvent event) {
    append(List.of(event));
  }

  /**
   * The events on disk now, in order, read as a stream through the journal's own channel (opening and closing
   * another handle to the file would drop the OS lock where locks are per process).
   */
  public Iterable<JournalEvent> events() {
    return () -> new EventIterator(channel);
  }

  public Path file() {
    return file;
  }

  /** Closes and deletes the journal, after its records are safely in the output. */
  public void delete() {
    close();
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() {
    if (unforced && channel.isOpen()) {
      try {
        channel.force(false);
      } catch (IOException ignored) {
        // what was written without a force was never counted
      }
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      if (ch != null && ch.isOpen()) {
        ch.close();
      }
    } catch (IOException ignored) {
      // everything that counted was forced
    }
  }

  private static String reason(Exception e) {
    return e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.toString();
  }

  private record Scan(long goodBytes, long events, boolean torn, long damaged) {}

  /**
   * Reads every complete line that is an event. The bytes after the last such line are the torn tail a crash can
   * leave (a line without its newline, half an object, zeros after a power loss). A damaged line followed by good
   * ones cannot come from a crash; it is skipped and counted so the events after it are kept.
   */
  private static Scan scan(FileChannel ch, Consumer<JournalEvent> replay) throws IOException {
    Lines lines = new Lines(ch);
    long good = 0;
    long events = 0;
    long damaged = 0;
    long damagedSinceGood = 0;
    boolean tornTail = false;
    for (ChunkedLines line = lines.next(); line != null; line = lines.next()) {
      if (!line.terminated()) {
        tornTail = !line.blank();
        break;
      }
      if (line.blank()) {
        continue;
      }
      JournalEvent e = decode(line);
      if (e == null) {
        damagedSinceGood++;
        continue;
      }
      replay.accept(e);
      events++;
      damaged += damagedSinceGood;
      damagedSinceGood = 0;
      good = line.end();
    }
    return new Scan(good, events, tornTail || damagedSinceGood > 0, damaged);
  }

  /** The line's event, or null when it holds none. */
  private static JournalEvent decode(ChunkedLines line) {
    JsonNode node;
    try {
      node = Json.mapper().readTree(line.bytes(), 0, line.length());
    } catch (IOException notUtf8OrNotJson) {
      // Read as text, malformed bytes replaced, as lines always were: damage there may leave a line that reads.
      try {
        node = Json.mapper().readTree(line.text());
      } catch (JsonProcessingException e) {
        return null;
      }
    }
    return node == null ? null : JournalCodec.decode(node);
  }

  /** The lines of a channel from its start, read with positional reads so the channel's position stays put. */
  private static final class Lines {
    private final ChunkedLines lines;

    Lines(FileChannel ch) {
      long[] readTo = {0};
      this.lines = new ChunkedLines((into, offset, length) -> {
        int n = ch.read(ByteBuffer.wrap(into, offset, length), readTo[0]);
        readTo[0] += Math.max(0, n);
        return n;
      });
    }

    /** The next line, valid until the next call; null at the end. */
    ChunkedLines next() throws IOException {
      return lines.next() ? lines : null;
    }
  }

  /** Iterates the events of the channel from its start; damaged and torn lines are skipped. */
  private static final class EventIterator implements Iterator<JournalEvent> {
    private final Lines lines;
    private JournalEvent next;

    EventIterator(FileChannel ch) {
      this.lines = new Lines(ch);
      advance();
    }

    private void advance() {
      next = null;
      try {
        for (ChunkedLines line = lines.next(); line != null; line = lines.next()) {
          if (line.terminated() && !line.blank()) {
            next = decode(line);
            if (next != null) {
              return;
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
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
