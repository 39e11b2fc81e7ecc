package io.datasynth.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasynth.json.InputKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The core's message bundles: the same keys in English and Chinese, and every key the code names is in them. */
class MessageBundlesTest {
  /** {@code Message.of("key"} and {@code text("key"} in source, the ways code names a key. */
  static final Pattern KEY_IN_CODE = Pattern.compile("(?:Message\\.of|\\.text)\\(\\s*\"([a-z][a-z0-9_]*(?:\\.[a-z0-9_]+)+)\"");
  /** Keys chosen with {@code cond ? "a.b" : "a.c"} inside a {@code Message.of(}. */
  static final Pattern CHOSEN_KEY = Pattern.compile("Message\\.of\\([^;]*?\\?\\s*\"([a-z_]+\\.[a-z0-9_.]+)\"\\s*:\\s*\"([a-z_]+\\.[a-z0-9_.]+)\"");

  static Properties bundle(String name) {
    Properties p = new Properties();
    try (InputStream in = Messages.class.getClassLoader().getResourceAsStream("io/datasynth/text/" + name)) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  static Set<String> keys(Properties p) {
    return new TreeSet<>(p.stringPropertyNames());
  }

  /** The message keys that the main sources under {@code root} name literally. */
  static Set<String> keysInCode(Path root) throws IOException {
    Set<String> keys = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        String src = Files.readString(f);
        Matcher m = KEY_IN_CODE.matcher(src);
        while (m.find()) {
          keys.add(m.group(1));
        }
        Matcher c = CHOSEN_KEY.matcher(src);
        while (c.find()) {
          keys.add(c.group(1));
          keys.add(c.group(2));
        }
      }
    }
    return keys;
  }

  @Nested
  class BothLanguages {
    @Test
    void holdTheSameKeys() {
      assertThat(keys(bundle("messages_zh.properties"))).isEqualTo(keys(bundle("messages.properties")));
    }

    @Test
    void everyPatternIsAValidMessageFormatWithTheSameArguments() {
      Properties en = bundle("messages.properties");
      Properties zh = bundle("messages_zh.properties");
      for (String key : keys(en)) {
        MessageFormat e = new MessageFormat(en.getProperty(key), Locale.ROOT);
        MessageFormat z = new MessageFormat(zh.getProperty(key, ""), Locale.CHINESE);
        assertThat(z.getFormatsByArgumentIndex().length).as(key)
            .isEqualTo(e.getFormatsByArgumentIndex().length);
      }
    }

    @Test
    void nameNoCommandLineFlagOrCommand() {
      // Settings and commands are arguments ({@link io.datasynth.error.Setting}, {@link io.datasynth.error.Command}),
      // so the command line says --batch-size and MCP batch_size; iconv's flags are a shell command to copy.
      Pattern flag = Pattern.compile("(?<![\\w/-])--?[a-z][a-z-]*|datasynth [a-z]+\\b");
      for (String name : new String[] {"messages.properties", "messages_zh.properties"}) {
        Properties p = bundle(name);
        for (String key : keys(p)) {
          String text = p.getProperty(key).replaceAll("iconv( -[ft] [A-Z0-9-]+)+", "iconv");
          assertThat(flag.matcher(text).find()).as("%s %s names a flag or command: %s", name, key, text).isFalse();
        }
      }
    }

    @Test
    void chineseTextsAreWrittenInChinese() {
      Properties zh = bundle("messages_zh.properties");
      Properties en = bundle("messages.properties");
      for (String key : keys(zh)) {
        String text = zh.getProperty(key);
        boolean hasWords = en.getProperty(key).replaceAll("\\{[^}]*}|'[^']*'|[^A-Za-z]", "").length() > 12;
        if (hasWords) {
          assertThat(text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
              .as("%s is Chinese: %s", key, text).isTrue();
        }
      }
    }
  }

  @Nested
  class TheCode {
    @Test
    void namesOnlyKeysThatTheBundlesHold() throws IOException {
      Set<String> missing = keysInCode(Path.of("src/main/java"));
      missing.removeAll(keys(bundle("messages.properties")));
      assertThat(missing).isEmpty();
    }

    @Test
    void theParquetAndSparkModulesNameOnlyKeysTheirBundlesHold() throws IOException {
      // Parquet has no bundle of its own; Spark renders through the CLI's text, the CLI's bundle before the core's.
      Set<String> missing = new TreeSet<>();
      Path parquet = Path.of("../datasynth-parquet/src/main/java");
      if (Files.isDirectory(parquet)) {
        missing.addAll(keysInCode(parquet));
      }
      Path spark = Path.of("../datasynth-spark/src/main/java");
      Path cli = Path.of("../datasynth-cli/src/main/resources/io/datasynth/cli/cli.properties");
      if (Files.isDirectory(spark) && Files.isRegularFile(cli)) {
        Set<String> sparkKeys = keysInCode(spark);
        Properties cliBundle = new Properties();
        try (var in = Files.newBufferedReader(cli, StandardCharsets.UTF_8)) {
          cliBundle.load(in);
        }
        sparkKeys.removeAll(keys(cliBundle));
        missing.addAll(sparkKeys);
      }
      missing.removeAll(keys(bundle("messages.properties")));
      assertThat(missing).isEmpty();
    }

    @Test
    void findsTheKeysItScansFor() throws IOException {
      // Guards the test above against a pattern that matches nothing.
      assertThat(keysInCode(Path.of("src/main/java"))).contains("input.not_found", "schema.unknown_key",
          "infer.no_records", "infer.no_values");
    }

    @Test
    void hasATextForEveryInputKindAndJsonKind() {
      Messages english = Messages.english();
      Messages chinese = new Messages(Locale.SIMPLIFIED_CHINESE, SettingNames.KEYS);
      for (InputKind k : InputKind.values()) {
        assertThat(english.has(k.label().key())).as(k.name()).isTrue();
        assertThat(chinese.render(k.label())).doesNotContain("input.kind");
      }
      for (String k : new String[] {"list", "object", "string", "number", "boolean", "null", "missing", "binary"}) {
        assertThat(english.has("json.kind." + k)).as(k).isTrue();
      }
    }
  }
}
