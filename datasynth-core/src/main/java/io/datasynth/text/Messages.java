package io.datasynth.text;

import io.datasynth.error.Command;
import io.datasynth.error.Setting;
import io.datasynth.error.SettingValue;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Renders {@link Message}s from the bundles {@code io/datasynth/text/messages*.properties} (English, and Chinese
 * for {@code zh} locales), after any bundles of the adapter's own, which may also reword a core key in their terms
 * (the MCP server names its tools where the core says "interactive mode"). Patterns are {@link MessageFormat}
 * patterns. A key missing from every bundle renders as the key and its arguments, so a missing text is visible but
 * never fatal. Thread-safe.
 */
public final class Messages {
  /** The core bundle's base name. */
  public static final String CORE_BUNDLE = "io.datasynth.text.messages";

  private static final Locale CHINESE = Locale.CHINESE;

  private final Locale locale;
  private final SettingNames names;
  private final List<ResourceBundle> bundles;

  /** The core messages in {@code locale} (Chinese for any {@code zh} locale, else English). */
  public Messages(Locale locale, SettingNames names) {
    this(locale, names, List.of());
  }

  /**
   * Messages looked up in {@code adapterBundles} first, in order, then in the core bundle.
   *
   * @param adapterBundles base names of the adapter's bundles, found with this class's class loader; may be empty
   */
  public Messages(Locale locale, SettingNames names, List<String> adapterBundles) {
    this.locale = isChinese(locale) ? CHINESE : Locale.ROOT;
    this.names = names;
    List<ResourceBundle> list = new ArrayList<>();
    for (String b : adapterBundles) {
      list.add(bundle(b, this.locale));
    }
    list.add(bundle(CORE_BUNDLE, this.locale));
    this.bundles = List.copyOf(list);
  }

  /** English, settings by their keys: for logs and exception messages. */
  public static Messages english() {
    return new Messages(Locale.ROOT, SettingNames.KEYS);
  }

  /** Whether a locale's messages are the Chinese ones. */
  public static boolean isChinese(Locale locale) {
    return locale != null && "zh".equals(locale.getLanguage());
  }

  /** A bundle in English ({@link Locale#ROOT}) or Chinese, with no fallback to the JVM's default locale. */
  public static ResourceBundle bundle(String baseName, Locale locale) {
    return ResourceBundle.getBundle(baseName, isChinese(locale) ? CHINESE : Locale.ROOT,
        Messages.class.getClassLoader(),
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /** {@link Locale#ROOT} for English, {@link Locale#CHINESE} for Chinese. */
  public Locale locale() {
    return locale;
  }

  /** Whether any bundle has this key. */
  public boolean has(String key) {
    return pattern(key) != null;
  }

  /** The message in this locale. */
  public String render(Message m) {
    Object[] args = m.args().stream().map(this::argument).toArray();
    String pattern = pattern(m.key());
    if (pattern == null) {
      return m.key() + (args.length == 0 ? "" : " " + Arrays.toString(args));
    }
    return new MessageFormat(pattern, locale).format(args);
  }

  /** The text of one key with these arguments. */
  public String text(String key, Object... args) {
    return render(Message.of(key, args));
  }

  private String pattern(String key) {
    for (ResourceBundle b : bundles) {
      try {
        return b.getString(key);
      } catch (MissingResourceException e) {
        // try the next bundle
      }
    }
    return null;
  }

  private Object argument(Object a) {
    if (a instanceof Setting s) {
      return names.name(s);
    }
    if (a instanceof SettingValue v) {
      return names.value(v);
    }
    if (a instanceof Command c) {
      return names.command(c);
    }
    if (a instanceof Message m) {
      return render(m);
    }
    if (a instanceof Path p) {
      return p.toString();
    }
    if (a instanceof java.util.List<?> list) {
      // A list of parts ("truncated 3, duplicate 2"), joined as the language joins a list.
      return list.stream().map(this::argument).map(String::valueOf)
          .collect(java.util.stream.Collectors.joining(isChinese(locale) ? "，" : ", "));
    }
    if (a instanceof Enum<?> e) {
      return e.name().toLowerCase(Locale.ROOT);
    }
    return a;
  }
}
