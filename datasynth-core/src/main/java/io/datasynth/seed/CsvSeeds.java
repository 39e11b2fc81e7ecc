package io.datasynth.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasynth.error.InputException;
import io.datasynth.json.InputKind;
import io.datasynth.json.Json;
import io.datasynth.json.JsonFiles;
import io.datasynth.schema.Field;
import io.datasynth.schema.FieldType;
import io.datasynth.schema.Schema;
import io.datasynth.text.Message;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Seeds in a CSV file: a header row naming the fields, then one record per row (RFC 4180: comma-separated, fields
 * in double quotes may hold commas, line breaks and doubled quotes {@code ""}). Cells are read as the schema's
 * types: {@code 5} for an int field, {@code true} for a bool, a JSON list or object for list and object fields; an
 * empty cell leaves the field out. A row with more or fewer cells than the header is an error naming its line.
 */
final class CsvSeeds {
  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
  private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  private CsvSeeds() {}

  /** Whether a file is read as CSV: its name ends in {@code .csv}. */
  static boolean isCsv(Path file) {
    return file.getFileName() != null && file.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
        .endsWith(".csv");
  }

  /** The rows of {@code file} as records, typed by {@code schema} (null: every cell is text), with their lines. */
  static List<Row> read(Path file, Schema schema) {
    List<Row> rows = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(JsonFiles.open(file, InputKind.SEEDS), 1 << 16)) {
      Parser p = new Parser(r, file);
      List<String> header = p.next();
      while (header != null && header.size() == 1 && header.get(0).isBlank()) {
        header = p.next();
      }
      if (header == null) {
        throw InputException.of(file, Message.of("input.empty"), Message.of("csv.empty.fix"));
      }
      int headerLine = p.rowLine;
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < header.size(); i++) {
        String name = header.get(i).strip();
        if (name.isEmpty()) {
          throw InputException.at(file, headerLine, 0, Message.of("csv.header.blank", i + 1),
              Message.of("csv.header.fix"));
        }
        if (!seen.add(name)) {
          throw InputException.at(file, headerLine, 0, Message.of("csv.header.twice", name),
              Message.of("csv.header.fix"));
        }
        header.set(i, name);
      }
      for (List<String> cells; (cells = p.next()) != null; ) {
        if (cells.size() == 1 && cells.get(0).isEmpty()) {
          continue;
        }
        if (cells.size() != header.size()) {
          throw InputException.at(file, p.rowLine, 0, Message.of("csv.ragged", cells.size(), header.size()),
              Message.of("csv.ragged.fix"));
        }
        ObjectNode record = Json.object();
        for (int i = 0; i < cells.size(); i++) {
          if (!cells.get(i).isEmpty()) {
            record.set(header.get(i), value(cells.get(i), schema == null ? null
                : schema.field(header.get(i)).orElse(null)));
          }
        }
        rows.add(new Row(p.rowLine, record));
      }
    } catch (IOException e) {
      throw JsonFiles.unreadable(file, e.getMessage());
    }
    if (rows.isEmpty()) {
      throw InputException.of(file, Message.of("csv.no_rows"), Message.of("csv.empty.fix"));
    }
    return rows;
  }

  /** One row: the line it starts on and the record it holds. */
  record Row(int line, ObjectNode record) {}

  /** A cell as the field's type where it reads as one; otherwise text, which validation then reports. */
  private static JsonNode value(String cell, Field field) {
    var nodes = Json.mapper().getNodeFactory();
    FieldType type = field == null ? FieldType.TEXT : field.type();
    String t = cell.strip();
    switch (type) {
      case INT -> {
        if (INTEGER.matcher(t).matches() && t.length() < 19) {
          return nodes.numberNode(Long.parseLong(t.startsWith("+") ? t.substring(1) : t));
        }
      }
      case FLOAT -> {
        if (NUMBER.matcher(t).matches()) {
          return nodes.numberNode(new java.math.BigDecimal(t.startsWith("+") ? t.substring(1) : t));
        }
      }
      case BOOL -> {
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
          return nodes.booleanNode(Boolean.parseBoolean(t.toLowerCase(java.util.Locale.ROOT)));
        }
      }
      case LIST, OBJECT -> {
        try {
          JsonNode parsed = Json.mapper().readTree(t);
          if (parsed != null && (parsed.isArray() || parsed.isObject())) {
            return parsed;
          }
        } catch (IOException notJson) {
          // kept as text
        }
      }
      default -> {
        return nodes.textNode(cell);
      }
    }
    return nodes.textNode(cell);
  }

  /** Reads RFC 4180 rows one at a time, keeping the line each starts on. */
  private static final class Parser {
    private final Reader in;
    private final Path file;
    private int line = 1;
    private int pending = -2;
    int rowLine;

    Parser(Reader in, Path file) {
      this.in = in;
      this.file = file;
    }

    private int read() throws IOException {
      if (pending != -2) {
        int c = pending;
        pending = -2;
        return c;
      }
      return in.read();
    }

    /** The next row's cells, or null at the end of the file. */
    List<String> next() throws IOException {
      int c = read();
      if (c < 0) {
        return null;
      }
      rowLine = line;
      List<String> cells = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      boolean quoted = false;
      boolean wasQuoted = false;
      int quoteLine = line;
      while (true) {
        if (c < 0) {
          if (quoted) {
            throw InputException.at(file, quoteLine, 0, Message.of("csv.unclosed_quote"),
                Message.of("csv.unclosed_quote.fix"));
          }
          cells.add(cell.toString());
          return cells;
        }
        if (quoted) {
          if (c == '"') {
            int d = read();
            if (d == '"') {
              cell.append('"');
            } else {
              quoted = false;
              pending = d;
            }
          } else {
            if (c == '\n') {
              line++;
            }
            cell.append((char) c);
          }
        } else if (c == '"' && cell.isEmpty() && !wasQuoted) {
          quoted = true;
          wasQuoted = true;
          quoteLine = line;
        } else if (c == ',') {
          cells.add(cell.toString());
          cell.setLength(0);
          wasQuoted = false;
        } else if (c == '\r' || c == '\n') {
          if (c == '\r') {
            int d = read();
            if (d != '\n') {
              pending = d;
            }
          }
          line++;
          cells.add(cell.toString());
          return cells;
        } else {
          cell.append((char) c);
        }
        c = read();
      }
    }
  }
}
