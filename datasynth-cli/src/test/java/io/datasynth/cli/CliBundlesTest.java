package io.datasynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The command line's bundle: the same keys in both languages, and every key the CLI and MCP code names. */
class CliBundlesTest {
  static final Pattern KEY = Pattern.compile("(?:Message\\.of|text)\\(\\s*\"((?:cli|[a-z_]+)\\.[a-z0-9_.]+)\"");
  static final Pattern CHOSEN = Pattern.compile("\\?\\s*\"(cli\\.[a-z0-9_.]+)\"\\s*:\\s*\"(cli\\.[a-z0-9_.]+)\"");

  static Properties load(String name) throws IOException {
    Properties p = new Properties();
    try (InputStream in = CliBundlesTest.class.getClassLoader().getResourceAsStream(name)) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  @Test
  void bothLanguagesHoldTheSameKeysWithTheSameArguments() throws IOException {
    Properties en = load("io/datasynth/cli/cli.properties");
    Properties zh = load("io/datasynth/cli/cli_zh.properties");
    assertThat(new TreeSet<>(zh.stringPropertyNames())).isEqualTo(new TreeSet<>(en.stringPropertyNames()));
    for (String k : en.stringPropertyNames()) {
      assertThat(new MessageFormat(zh.getProperty(k), Locale.CHINESE).getFormatsByArgumentIndex().length).as(k)
          .isEqualTo(new MessageFormat(en.getProperty(k), Locale.ROOT).getFormatsByArgumentIndex().length);
    }
  }

  @Test
  void everyKeyTheCodeNamesIsInABundle() throws IOException {
    Set<String> known = new TreeSet<>(load("io/datasynth/cli/cli.properties").stringPropertyNames());
    known.addAll(load("io/datasynth/text/messages.properties").stringPropertyNames());
    Set<String> named = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        String src = Files.readString(f);
        for (Matcher m = KEY.matcher(src); m.find(); ) {
          named.add(m.group(1));
        }
        for (Matcher m = CHOSEN.matcher(src); m.find(); ) {
          named.add(m.group(1));
          named.add(m.group(2));
        }
      }
    }
    assertThat(named).contains("cli.done", "cli.summary.tokens", "cli.journal.budget");
    named.removeAll(known);
    assertThat(named).isEmpty();
  }
}
