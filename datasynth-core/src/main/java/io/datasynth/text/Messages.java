package io.datasynth.text;

import io.datasynth.error.Setting;
import io.datasynth.error.SettingValue;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Renders {@link Message}s from the bundles {@code io/datasynth/text/messages*.properties} (English, and Chinese
 * for {@code zh} locales). Patterns are {@link MessageFormat} patterns. A key missing from the bundles renders as
 * the key and its arguments, so a missing text is visible but never fatal. Thread-safe.
 */
public final class Messages {
  private static final String BUNDLE = "io.datasynth.text.messages";

  private final Locale locale;
  private final SettingNames names;
  private final ResourceBundle bundle;

  public Messages(Locale locale, SettingNames names) {
    this.locale = locale;
    this.names = names;
    this.bundle = ResourceBundle.getBundle(BUNDLE, locale, Messages.class.getClassLoader(),
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /** English, settings by their keys: for logs and exception messages. */
  public static Messages english() {
    return new Messages(Locale.ROOT, SettingNames.KEYS);
  }

  public Locale locale() {
    return locale;
  }

  /** The message in this locale. */
  public String render(Message m) {
    Object[] args = m.args().stream().map(this::argument).toArray();
    String pattern;
    try {
      pattern = bundle.getString(m.key());
    } catch (MissingResourceException e) {
      return m.key() + (args.length == 0 ? "" : " " + Arrays.toString(args));
    }
    return new MessageFormat(pattern, locale).format(args);
  }

  /** The text of one key with these arguments. */
  public String text(String key, Object... args) {
    return render(Message.of(key, args));
  }

  private Object argument(Object a) {
    if (a instanceof Setting s) {
      return names.name(s);
    }
    if (a instanceof SettingValue v) {
      return names.value(v);
    }
    if (a instanceof Message m) {
      return render(m);
    }
    if (a instanceof Path p) {
      return p.toString();
    }
    return a;
  }
}
