package io.datasynth.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Instants as the text {@link Instant#toString} gives and {@link Instant#parse} reads ({@code
 * 2026-12-02T07:01:47.123Z}), written and read without the general {@code DateTimeFormatter}, which is a noticeable
 * part of journaling a record: every record's provenance carries one. Years 1970 to 9999 take the short path, the
 * rest (and any text of another shape) the JDK's. Stateless.
 */
public final class InstantText {
  /** 9999-12-31T23:59:59Z. */
  private static final long MAX_SHORT = 253_402_300_799L;

  private InstantText() {}

  /** Exactly {@code at.toString()}. */
  public static String format(Instant at) {
    long seconds = at.getEpochSecond();
    if (seconds < 0 || seconds > MAX_SHORT) {
      return at.toString();
    }
    long days = Math.floorDiv(seconds, 86_400);
    int secondOfDay = (int) Math.floorMod(seconds, 86_400);
    LocalDate date = LocalDate.ofEpochDay(days);
    char[] c = new char[30];
    digits(c, 0, date.getYear(), 4);
    c[4] = '-';
    digits(c, 5, date.getMonthValue(), 2);
    c[7] = '-';
    digits(c, 8, date.getDayOfMonth(), 2);
    c[10] = 'T';
    digits(c, 11, secondOfDay / 3600, 2);
    c[13] = ':';
    digits(c, 14, secondOfDay / 60 % 60, 2);
    c[16] = ':';
    digits(c, 17, secondOfDay % 60, 2);
    int n = 19;
    int nano = at.getNano();
    if (nano > 0) {
      // As ISO_INSTANT: the fraction in groups of three digits, as many groups as it needs.
      c[n++] = '.';
      int groups = nano % 1_000_000 == 0 ? 1 : nano % 1_000 == 0 ? 2 : 3;
      digits(c, n, nano / (groups == 1 ? 1_000_000 : groups == 2 ? 1_000 : 1), groups * 3);
      n += groups * 3;
    }
    c[n++] = 'Z';
    return new String(c, 0, n);
  }

  /**
   * The instant of a text as {@link Instant#parse} reads it.
   *
   * @throws java.time.format.DateTimeParseException as {@link Instant#parse} does
   */
  public static Instant parse(String s) {
    int len = s.length();
    if (len < 20 || len > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
        || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(len - 1) != 'Z') {
      return Instant.parse(s);
    }
    int year = number(s, 0, 4);
    int month = number(s, 5, 2);
    int day = number(s, 8, 2);
    int hour = number(s, 11, 2);
    int minute = number(s, 14, 2);
    int second = number(s, 17, 2);
    int nano = 0;
    if (len > 20) {
      int digits = len - 21;
      if (s.charAt(19) != '.' || digits < 1 || digits > 9) {
        return Instant.parse(s);
      }
      int fraction = number(s, 20, digits);
      if (fraction < 0) {
        return Instant.parse(s);
      }
      nano = fraction;
      for (int i = digits; i < 9; i++) {
        nano *= 10;
      }
    }
    if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
        || second > 59) {
      return Instant.parse(s);  // malformed, or a leap second: the JDK's rules and messages
    }
    LocalDate date;
    try {
      date = LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      return Instant.parse(s);
    }
    return Instant.ofEpochSecond(date.toEpochDay() * 86_400 + hour * 3600L + minute * 60L + second, nano);
  }

  private static void digits(char[] c, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /** The decimal number of {@code width} ASCII digits at {@code at}, or -1 when one is not a digit. */
  private static int number(String s, int at, int width) {
    int v = 0;
    for (int i = at; i < at + width; i++) {
      char ch = s.charAt(i);
      if (ch < '0' || ch > '9') {
        return -1;
      }
      v = v * 10 + (ch - '0');
    }
    return v;
  }
}
