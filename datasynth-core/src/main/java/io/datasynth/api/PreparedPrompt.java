package io.datasynth.api;

import io.datasynth.prompt.DataType;
import io.datasynth.prompt.Language;
import java.nio.file.Path;

/**
 * A prompt for interactive mode, to paste into any chat model.
 *
 * @param text the whole prompt
 * @param count records it asks for
 * @param suggestedOutput where {@code parse} should write the records
 */
public record PreparedPrompt(String text, int count, DataType dataType, Language language, int promptTokens,
    Path suggestedOutput) {}
