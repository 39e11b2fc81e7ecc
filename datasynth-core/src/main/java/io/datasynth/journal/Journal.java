package io.datasynth.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.ConfigException;
import io.datasynth.error.InputException;
import io.datasynth.error.RunFailedException;
import io.datasynth.json.Json;
import io.datasynth.provider.Usage;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * The crash-safe record of a run: every accepted record, and the usage of every reply, appended as JSON Lines and
 * forced to disk before the records count as accepted. After a crash the journal alone is enough to resume; a torn
 * last line (the process died mid-write) is detected and cut off when the journal is reopened, and a damaged line
 * before the end is skipped without losing the lines after it.
 *
 * <p>Lines are {@code {"record": {...}}} or {@code {"usage": {...}, "requests": n}}. An open journal holds an
 * exclusive file lock, so a second run of the same output cannot append to it at the same time. Not thread-safe:
 * owned by the engine's single writer.
 */
public final class Journal implements AutoCloseable {
  /**
   * The byte the lock covers: far past any content, so that where locks are mandatory (Windows) reading and
   * appending are not blocked by it.
   */
  private static final long LOCK_POSITION = Long.MAX_VALUE - 1;

  private final Path file;
  private final FileChannel channel;
  private long records;
  private Usage usage;
  private long requests;
  private final boolean tornLineDropped;
  private final long damagedLines;

  private Journal(Path file, FileChannel channel, Scan scan) {
    this.file = file;
    this.channel = channel;
    this.records = scan.records;
    this.usage = scan.usage;
    this.requests = scan.requests;
    this.tornLineDropped = scan.torn;
    this.damagedLines = scan.damaged;
  }

  /** The journal next to an output: {@code synthetic.json} → {@code synthetic.journal.jsonl}. */
  public static Path pathFor(Path output) {
    return io.datasynth.sink.OutputFiles.of(output).journal();
  }

  /**
   * What a journal held when it was opened.
   *
   * @param tornLineDropped whether an incomplete last line (a crash mid-write) was cut off
   * @param damagedLines lines before the end that could not be read and were skipped
   */
  public record Contents(long records, Usage usage, long requests, boolean tornLineDropped, long damagedLines) {}

  /**
   * Opens a journal for appending, creating it when absent. An existing journal is scanned: its records are passed
   * to {@code onRecord} in order, and a torn last line is cut off.
   */
  public static Journal open(Path file, Consumer<ObjectNode> onRecord) {
    FileChannel ch = null;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      if (!lock(ch)) {
        throw inUse(file);
      }
      Scan scan = scan(ch, onRecord);
      if (scan.goodBytes < ch.size()) {
        ch.truncate(scan.goodBytes);
        ch.force(true);
      }
      ch.position(scan.goodBytes);
      return new Journal(file, ch, scan);
    } catch (AccessDeniedException e) {
      closeQuietly(ch);
      if (Files.exists(file)) {
        throw InputException.of(file, "the journal of an unfinished run is not writable",
            "make it writable (chmod u+w), or pass --no-resume to start over");
      }
      Path denied = Path.of(e.getFile() == null ? file.toString() : e.getFile()).toAbsolutePath().getParent();
      throw InputException.of(denied, "folder is not writable", "make it writable or choose another output with -o");
    } catch (IOException | RuntimeException e) {
      closeQuietly(ch);
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new RunFailedException("cannot open the journal " + file + " (" + reason(e) + ")", e);
    }
  }

  private static String reason(Exception e) {
    return e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.toString();
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      if (ch != null) {
        ch.close();
      }
    } catch (IOException ignored) {
      // already failing; the first error is the one to report
    }
  }

  /**
   * Fails when another run (in this process or another) has the journal open; a killed run's lock is gone with it.
   *
   * @throws ConfigException naming the journal
   */
  public static void requireNotInUse(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      if (!lock(ch)) {
        throw inUse(file);
      }
    } catch (NoSuchFileException e) {
      // nothing to be in use
    } catch (IOException e) {
      throw new RunFailedException("cannot open the journal " + file + " (" + reason(e) + ")", e);
    }
  }

  /** Takes the exclusive lock that marks the journal as written by this run; false when another run holds it. */
  private static boolean lock(FileChannel ch) throws IOException {
    try {
      return ch.tryLock(LOCK_POSITION, 1, false) != null;
    } catch (OverlappingFileLockException e) {
      return false;
    }
  }

  private static ConfigException inUse(Path file) {
    return new ConfigException("another run is writing " + file + " right now; wait for it to finish or stop it "
        + "(Ctrl-C), then run this command again to resume, or write to another output with -o");
  }

  /** What the journal held when it was opened. */
  public Contents contents() {
    return new Contents(records, usage, requests, tornLineDropped, damagedLines);
  }

  /** Appends the accepted records of one reply and its usage, and forces them to disk. */
  public void append(List<ObjectNode> accepted, Usage replyUsage, int requestCount) {
    ObjectMapper m = Json.mapper();
    ByteArrayOutputStream buf = new ByteArrayOutputStream(4096);
    try {
      for (ObjectNode r : accepted) {
        ObjectNode line = Json.object();
        line.set("record", r);
        buf.write(m.writeValueAsBytes(line));
        buf.write('\n');
      }
      if (replyUsage != null || requestCount > 0) {
        Usage u = replyUsage == null ? Usage.ZERO : replyUsage;
        ObjectNode line = Json.object();
        ObjectNode uo = line.putObject("usage");
        uo.put("input", u.inputTokens());
        uo.put("output", u.outputTokens());
        uo.put("cache_read", u.cacheReadTokens());
        uo.put("cache_write", u.cacheWriteTokens());
        uo.put("reasoning", u.reasoningTokens());
        line.put("requests", requestCount);
        buf.write(m.writeValueAsBytes(line));
        buf.write('\n');
      }
      ByteBuffer bytes = ByteBuffer.wrap(buf.toByteArray());
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new RunFailedException("could not write the journal " + file + " (" + e.getMessage()
          + "); the records accepted so far are safe in it", e);
    }
    records += accepted.size();
    usage = usage.plus(replyUsage == null ? Usage.ZERO : replyUsage);
    requests += requestCount;
  }

  /** Records journaled so far (including those found when it was opened). */
  public long records() {
    return records;
  }

  public Usage usage() {
    return usage;
  }

  public long requests() {
    return requests;
  }

  public Path file() {
    return file;
  }

  /**
   * Iterates the first {@code limit} records of a journal no run has open, in order, without holding them in
   * memory. A run reads its own journal with {@link #records(long)}.
   */
  public static Iterable<ObjectNode> records(Path file, long limit) {
    return () -> {
      try {
        return new RecordIterator(Files.newBufferedReader(file, StandardCharsets.UTF_8), limit);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  /**
   * Iterates the first {@code limit} records of this open journal from disk, in order, without holding them in
   * memory. Reads through the journal's own channel: opening and closing another handle to the file would drop
   * the lock (POSIX releases a process's locks on a file when any of its handles to it is closed).
   */
  public Iterable<ObjectNode> records(long limit) {
    return () -> new RecordIterator(new BufferedReader(new InputStreamReader(new ChannelInput(channel),
        StandardCharsets.UTF_8)), limit);
  }

  /** Closes and deletes the journal (after its records are safely in the output). */
  public void delete() {
    close();
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      if (channel.isOpen()) {
        channel.close();
      }
    } catch (IOException ignored) {
      // everything was forced after each append
    }
  }

  private record Scan(long goodBytes, long records, Usage usage, long requests, boolean torn, long damaged) {}

  /**
   * Reads every complete line that parses. The bytes after the last such line are the torn tail a crash can leave
   * (a line without its newline, half an object, zeros after a power loss): they are cut off. A damaged line
   * followed by good ones cannot come from a crash; it is skipped and counted so the records after it are kept.
   */
  private static Scan scan(FileChannel ch, Consumer<ObjectNode> onRecord) throws IOException {
    byte[] all = readAll(ch);
    long good = 0;
    long records = 0;
    long requests = 0;
    long damaged = 0;
    long damagedSinceGood = 0;
    Usage usage = Usage.ZERO;
    int start = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] != '\n') {
        continue;
      }
      String line = new String(all, start, i - start, StandardCharsets.UTF_8).strip();
      start = i + 1;
      if (line.isEmpty()) {
        continue;
      }
      JsonNode node = parse(line);
      if (node == null) {
        damagedSinceGood++;
        continue;
      }
      if (node.path("record").isObject()) {
        records++;
        onRecord.accept((ObjectNode) node.get("record"));
      } else if (node.path("usage").isObject()) {
        Usage u = usage(node.get("usage"));
        if (u == null) {
          damagedSinceGood++;
          continue;
        }
        usage = usage.plus(u);
        requests += node.path("requests").asLong();
      }
      damaged += damagedSinceGood;
      damagedSinceGood = 0;
      good = i + 1L;
    }
    boolean torn = !new String(all, (int) good, all.length - (int) good, StandardCharsets.UTF_8).isBlank();
    return new Scan(good, records, usage, requests, torn, damaged);
  }

  /** The whole file, read through {@code ch} (see {@link #records(long)} for why not through another handle). */
  private static byte[] readAll(FileChannel ch) throws IOException {
    long size = ch.size();
    if (size > Integer.MAX_VALUE - 16) {
      throw new IOException("the journal is " + size + " bytes, more than can be resumed from");
    }
    ByteBuffer buf = ByteBuffer.allocate((int) size);
    while (buf.hasRemaining() && ch.read(buf, buf.position()) >= 0) {
      // positional reads leave the channel's position alone
    }
    return buf.position() == buf.capacity() ? buf.array() : Arrays.copyOf(buf.array(), buf.position());
  }

  /** Reads a channel from its start with positional reads; closing it leaves the channel open. */
  private static final class ChannelInput extends InputStream {
    private final FileChannel channel;
    private long position;

    ChannelInput(FileChannel channel) {
      this.channel = channel;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = channel.read(ByteBuffer.wrap(b, off, len), position);
      if (n > 0) {
        position += n;
      }
      return n;
    }
  }

  private static Usage usage(JsonNode u) {
    try {
      return new Usage(u.path("input").asLong(), u.path("output").asLong(), u.path("cache_read").asLong(),
          u.path("cache_write").asLong(), u.path("reasoning").asLong());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static JsonNode parse(String line) {
    try {
      return Json.mapper().readTree(line);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static final class RecordIterator implements Iterator<ObjectNode> {
    private final BufferedReader reader;
    private long left;
    private ObjectNode next;

    RecordIterator(BufferedReader reader, long limit) {
      this.left = limit;
      this.reader = reader;
      advance();
    }

    private void advance() {
      next = null;
      try {
        if (left-- <= 0) {
          reader.close();
          return;
        }
        String line;
        while ((line = reader.readLine()) != null) {
          JsonNode n = line.isBlank() ? null : parse(line);
          if (n != null && n.path("record").isObject()) {
            next = (ObjectNode) n.get("record");
            return;
          }
        }
        reader.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public ObjectNode next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      ObjectNode r = next;
      advance();
      return r;
    }
  }
}
