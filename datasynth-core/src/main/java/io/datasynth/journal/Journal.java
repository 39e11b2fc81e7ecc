package io.datasynth.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.InputException;
import io.datasynth.error.RunFailedException;
import io.datasynth.json.Json;
import io.datasynth.provider.Usage;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * The crash-safe record of a run: every accepted record, and the usage of every reply, appended as JSON Lines and
 * forced to disk before the records count as accepted. After a crash the journal alone is enough to resume; a torn
 * last line (the process died mid-write) is detected and cut off when the journal is reopened.
 *
 * <p>Lines are {@code {"record": {...}}} or {@code {"usage": {...}, "requests": n}}. Not thread-safe: owned by the
 * engine's single writer.
 */
public final class Journal implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private long records;
  private Usage usage;
  private long requests;
  private final boolean tornLineDropped;

  private Journal(Path file, FileChannel channel, Scan scan) {
    this.file = file;
    this.channel = channel;
    this.records = scan.records;
    this.usage = scan.usage;
    this.requests = scan.requests;
    this.tornLineDropped = scan.torn;
  }

  /** The journal next to an output: {@code synthetic.json} → {@code synthetic.journal.jsonl}. */
  public static Path pathFor(Path output) {
    String name = output.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return output.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".journal.jsonl");
  }

  /** What a journal held when it was opened. */
  public record Contents(long records, Usage usage, long requests, boolean tornLineDropped) {}

  /**
   * Opens a journal for appending, creating it when absent. An existing journal is scanned: its records are passed
   * to {@code onRecord} in order, and a torn last line is cut off.
   */
  public static Journal open(Path file, Consumer<ObjectNode> onRecord) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      Scan scan = scan(file, onRecord);
      if (scan.goodBytes < ch.size()) {
        ch.truncate(scan.goodBytes);
        ch.force(true);
      }
      ch.position(scan.goodBytes);
      return new Journal(file, ch, scan);
    } catch (AccessDeniedException e) {
      if (Files.exists(file)) {
        throw InputException.of(file, "the journal of an unfinished run is not writable",
            "make it writable (chmod u+w), or pass --no-resume to start over");
      }
      Path denied = Path.of(e.getFile() == null ? file.toString() : e.getFile()).toAbsolutePath().getParent();
      throw InputException.of(denied, "folder is not writable", "make it writable or choose another output with -o");
    } catch (IOException e) {
      String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.toString();
      throw new RunFailedException("cannot open the journal " + file + " (" + reason + ")", e);
    }
  }

  /** What the journal held when it was opened. */
  public Contents contents() {
    return new Contents(records, usage, requests, tornLineDropped);
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

  /** Iterates the first {@code limit} journaled records from disk, in order, without holding them in memory. */
  public static Iterable<ObjectNode> records(Path file, long limit) {
    return () -> new RecordIterator(file, limit);
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

  private record Scan(long goodBytes, long records, Usage usage, long requests, boolean torn) {}

  private static Scan scan(Path file, Consumer<ObjectNode> onRecord) throws IOException {
    byte[] all = Files.readAllBytes(file);
    long good = 0;
    long records = 0;
    long requests = 0;
    Usage usage = Usage.ZERO;
    boolean torn = false;
    int start = 0;
    for (int i = 0; i <= all.length; i++) {
      if (i == all.length || all[i] == '\n') {
        if (i == all.length && start == all.length) {
          break;
        }
        String line = new String(all, start, i - start, StandardCharsets.UTF_8).strip();
        JsonNode node = line.isEmpty() ? null : parse(line);
        boolean complete = i < all.length;
        if (!line.isEmpty() && (node == null || !complete)) {
          // A line that does not parse, or lacks its newline, was cut by a crash: drop it and what follows.
          torn = true;
          break;
        }
        if (node != null) {
          if (node.path("record").isObject()) {
            records++;
            onRecord.accept((ObjectNode) node.get("record"));
          } else if (node.path("usage").isObject()) {
            JsonNode u = node.get("usage");
            usage = usage.plus(new Usage(u.path("input").asLong(), u.path("output").asLong(),
                u.path("cache_read").asLong(), u.path("cache_write").asLong(), u.path("reasoning").asLong()));
            requests += node.path("requests").asLong();
          }
        }
        good = i + 1L;
        start = i + 1;
      }
    }
    return new Scan(Math.min(good, all.length), records, usage, requests, torn);
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

    RecordIterator(Path file, long limit) {
      this.left = limit;
      try {
        reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
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
