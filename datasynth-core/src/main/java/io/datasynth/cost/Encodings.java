package io.datasynth.cost;

import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * The OpenAI encodings DataSynth counts with, each loaded once on first use.
 *
 * <p>Loading an encoding reads a multi-megabyte vocabulary, so each is built once per JVM in a holder
 * class. jtokkit's {@link Encoding} is immutable and thread-safe, so sharing it is safe; no registry is
 * kept, since a registry can be mutated by registering encodings.
 */
final class Encodings {
  private Encodings() {}

  static Encoding o200k() {
    return O200k.ENCODING;
  }

  static Encoding cl100k() {
    return Cl100k.ENCODING;
  }

  private static final class O200k {
    static final Encoding ENCODING =
        com.knuddels.jtokkit.Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
  }

  private static final class Cl100k {
    static final Encoding ENCODING =
        com.knuddels.jtokkit.Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
  }
}
