package io.datasynth.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasynth.error.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PriceTableTest {
  private static final PriceTable BUNDLED = PriceTable.bundled();

  private static String priced(String model) {
    return BUNDLED.lookup(model).map(ModelPrice::model).orElse("(none)");
  }

  @Nested
  class BundledList {

    @Test
    void saysWhenItsPricesWereChecked() {
      assertThat(LocalDate.parse(BUNDLED.asOf())).isAfter(LocalDate.of(2025, 1, 1));
    }

    @Test
    void isLoadedOnceAndShared() {
      assertThat(PriceTable.bundled()).isSameAs(BUNDLED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
      "claude-opus-4-5", "claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1", "claude-opus-4",
      "claude-sonnet-4", "claude-3-7-sonnet", "claude-3-5-sonnet", "claude-3-5-haiku", "claude-3-haiku",
      "claude-3-opus", "gpt-5", "gpt-5-mini", "gpt-5-nano", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano",
      "gpt-4o", "gpt-4o-mini", "o1", "o1-mini", "o3", "o3-mini", "o4-mini"
    })
    void pricesEveryModelItPromisesUnderItsOwnId(String model) {
      assertThat(priced(model)).isEqualTo(model);
    }

    @Test
    void neverChargesLessForACacheWriteOrMoreForACacheReadThanForInput() {
      assertThat(BUNDLED.entries()).allSatisfy(price -> {
        assertThat(price.cachedInputPerMTok()).isLessThanOrEqualTo(price.inputPerMTok());
        assertThat(price.cacheWritePerMTok()).isGreaterThanOrEqualTo(price.inputPerMTok());
        assertThat(price.outputPerMTok()).isGreaterThan(price.inputPerMTok());
      });
    }

    @Test
    void listsEachModelOnce() {
      assertThat(BUNDLED.entries()).extracting(ModelPrice::model).doesNotHaveDuplicates();
    }

    @Test
    void holdsTheListedPricesOfWellKnownModels() {
      assertThat(BUNDLED.lookup("claude-sonnet-4-5"))
          .contains(new ModelPrice("claude-sonnet-4-5", 3.0, 15.0, 0.30, 3.75));
      assertThat(BUNDLED.lookup("claude-3-5-haiku"))
          .contains(new ModelPrice("claude-3-5-haiku", 0.80, 4.0, 0.08, 1.00));
      assertThat(BUNDLED.lookup("gpt-4o-mini")).contains(new ModelPrice("gpt-4o-mini", 0.15, 0.60, 0.075, 0.15));
    }

    @Test
    void entriesCannotBeModified() {
      assertThatThrownBy(() -> BUNDLED.entries().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Nested
  class Matching {

    @ParameterizedTest(name = "{0} is priced as {1}")
    @CsvSource({
      "claude-3-5-haiku-20241022, claude-3-5-haiku",
      "claude-3-5-sonnet-20241022, claude-3-5-sonnet",
      "gpt-4o-mini-2024-07-18, gpt-4o-mini",
      "gpt-4o-2024-08-06, gpt-4o",
      "gpt-4.1-mini, gpt-4.1-mini",
      "gpt-4.1-mini-2025-04-14, gpt-4.1-mini",
      "gpt-4.1-2025-04-14, gpt-4.1",
      "o1-mini, o1-mini",
      "o1-mini-2024-09-12, o1-mini",
      "o1-2024-12-17, o1",
      "o3-mini-2025-01-31, o3-mini",
      "claude-sonnet-4-5-20250929, claude-sonnet-4-5",
      "claude-sonnet-4-20250514, claude-sonnet-4",
      "claude-opus-4-1-20250805, claude-opus-4-1",
      "claude-haiku-4-5-20251001, claude-haiku-4-5",
      "claude-3-haiku-20240307, claude-3-haiku",
      "gpt-5-2025-08-07, gpt-5",
      "gpt-5-mini-2025-08-07, gpt-5-mini",
    })
    void aDatedSnapshotIsPricedAsTheLongestMatchingId(String model, String expected) {
      assertThat(priced(model)).isEqualTo(expected);
    }

    @Test
    void neverPricesHaikuAsSonnet() {
      ModelPrice haiku = BUNDLED.lookup("claude-3-5-haiku-20241022").orElseThrow();

      assertThat(haiku.inputPerMTok()).isEqualTo(0.80);
      assertThat(haiku.model()).doesNotContain("sonnet");
    }

    @Test
    void prefersTheMiniModelOverItsBigSibling() {
      assertThat(BUNDLED.lookup("gpt-4o-mini-2024-07-18").orElseThrow().inputPerMTok()).isEqualTo(0.15);
    }

    @Test
    void anExactEntryBeatsAShorterPrefix() {
      assertThat(priced("gpt-4o-2024-05-13")).isEqualTo("gpt-4o-2024-05-13");
      assertThat(BUNDLED.lookup("gpt-4o-2024-05-13").orElseThrow().inputPerMTok()).isEqualTo(5.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GPT-4o-Mini", "  claude-sonnet-4-5  ", "Claude-Sonnet-4-5-20250929"})
    void ignoresCaseAndSurroundingSpace(String model) {
      assertThat(BUNDLED.lookup(model)).isPresent();
    }

    @Test
    void resolvesAliases() {
      assertThat(priced("claude-opus-4-0")).isEqualTo("claude-opus-4");
      assertThat(priced("claude-sonnet-4-0")).isEqualTo("claude-sonnet-4");
    }

    @ParameterizedTest(name = "{0} is priced as {1}")
    @CsvSource({
      "claude-3-5-sonnet-latest, claude-3-5-sonnet",
      "claude-3-7-sonnet-latest, claude-3-7-sonnet",
      "claude-sonnet-4-5@20250929, claude-sonnet-4-5",
      "claude-sonnet-4-5-20250929-v1:0, claude-sonnet-4-5",
      "gpt-4o:2024-11-20, gpt-4o",
    })
    void acceptsLatestAndPlatformVersionPins(String model, String expected) {
      assertThat(priced(model)).isEqualTo(expected);
    }
  }

  @Nested
  class UnknownModels {

    @ParameterizedTest
    @ValueSource(strings = {
      "llama3.1:8b", "qwen2.5-7b-instruct", "deepseek-chat", "mistral-large-latest", "gemini-2.5-pro",
      "", "   ", "claude", "gpt", "o", "claude-3", "anthropic.claude-sonnet-4-5-20250929-v1:0"
    })
    void haveNoPrice(String model) {
      assertThat(BUNDLED.lookup(model)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"o1-pro", "o3-pro", "o3-deep-research", "gpt-5-pro", "gpt-4o-realtime-preview",
        "gpt-4o-audio-preview", "gpt-4o-mini-tts"})
    void aVariantIsNotPricedAsItsBaseModel(String model) {
      assertThat(BUNDLED.lookup(model)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-5.5", "gpt-4.5-preview", "claude-sonnet-4-7", "claude-opus-4-9", "o3.1"})
    void aNewerVersionIsNotPricedAsAnOlderOne(String model) {
      assertThat(BUNDLED.lookup(model)).isEmpty();
    }

    @Test
    void aPrefixThatDoesNotEndAtABoundaryDoesNotMatch() {
      assertThat(BUNDLED.lookup("o1x")).isEmpty();
      assertThat(BUNDLED.lookup("gpt-4oo")).isEmpty();
    }

    @Test
    void nullIsABug() {
      assertThatThrownBy(() -> BUNDLED.lookup(null)).isInstanceOf(NullPointerException.class);
    }
  }

  @Nested
  class Overrides {
    @TempDir Path dir;

    private Path write(String json) throws IOException {
      Path file = dir.resolve("prices.json");
      Files.writeString(file, json, StandardCharsets.UTF_8);
      return file;
    }

    @Test
    void aUserEntryWinsOverTheBundledOne() throws IOException {
      Path file = write("{\"models\": [{\"model\": \"gpt-4o\", \"input\": 1.0, \"output\": 4.0, "
          + "\"cached_input\": 0.5, \"cache_write\": 1.0}]}");

      PriceTable table = PriceTable.withOverrides(file);

      assertThat(table.lookup("gpt-4o")).contains(new ModelPrice("gpt-4o", 1.0, 4.0, 0.5, 1.0));
      assertThat(table.lookup("gpt-4o-2024-08-06").orElseThrow().inputPerMTok()).isEqualTo(1.0);
      assertThat(table.entries()).filteredOn(p -> p.model().equals("gpt-4o")).hasSize(1);
    }

    @Test
    void userEntriesAreMergedWithTheBundledOnes() throws IOException {
      Path file = write("{\"models\": [{\"model\": \"llama3.1:8b\", \"input\": 0, \"output\": 0}]}");

      PriceTable table = PriceTable.withOverrides(file);

      assertThat(table.lookup("llama3.1:8b")).contains(new ModelPrice("llama3.1:8b", 0, 0, 0, 0));
      assertThat(table.lookup("claude-sonnet-4-5")).isEqualTo(BUNDLED.lookup("claude-sonnet-4-5"));
      assertThat(table.entries()).hasSize(BUNDLED.entries().size() + 1);
      assertThat(table.asOf()).isEqualTo(BUNDLED.asOf());
    }

    @Test
    void cachePricesDefaultToTheInputPrice() throws IOException {
      Path file = write("{\"models\": [{\"model\": \"my-model\", \"input\": 2, \"output\": 6}]}");

      assertThat(PriceTable.withOverrides(file).lookup("my-model"))
          .contains(new ModelPrice("my-model", 2, 6, 2, 2));
    }

    @Test
    void aReplacedModelKeepsItsBundledAliases() throws IOException {
      Path file = write("{\"models\": [{\"model\": \"claude-opus-4\", \"input\": 1, \"output\": 2}]}");

      PriceTable table = PriceTable.withOverrides(file);

      assertThat(table.lookup("claude-opus-4-0").orElseThrow().inputPerMTok()).isEqualTo(1.0);
    }

    @Test
    void userAliasesAndDatedIdsResolveToTheUserEntry() throws IOException {
      Path file = write("{\"as_of\": \"2026-01-02\", \"currency\": \"USD\", \"unit\": \"per million tokens\","
          + " \"models\": [{\"model\": \"acme-7b\", \"aliases\": [\"acme\"], \"input\": 0.1, \"output\": 0.2,"
          + " \"source\": \"our contract\"}]}");

      PriceTable table = PriceTable.withOverrides(file);

      assertThat(table.lookup("ACME").map(ModelPrice::model)).contains("acme-7b");
      assertThat(table.lookup("acme-7b-20260101").map(ModelPrice::model)).contains("acme-7b");
      assertThat(table.lookup("acme-7b-instruct")).isEmpty();
    }

    @Test
    void theBundledTableIsNotChangedByAnOverride() throws IOException {
      PriceTable.withOverrides(write("{\"models\": [{\"model\": \"gpt-4o\", \"input\": 9, \"output\": 9}]}"));

      assertThat(PriceTable.bundled().lookup("gpt-4o").orElseThrow().inputPerMTok()).isEqualTo(2.5);
    }
  }

  @Nested
  class BadOverrideFiles {
    @TempDir Path dir;

    private InputException rejected(String json) throws IOException {
      Path file = dir.resolve("my-prices.json");
      Files.writeString(file, json, StandardCharsets.UTF_8);
      Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> PriceTable.withOverrides(file));
      assertThat(thrown).isInstanceOf(InputException.class);
      InputException e = (InputException) thrown;
      assertThat(e.file()).isEqualTo(file);
      assertThat(e.getMessage()).startsWith(file.toString());
      return e;
    }

    @Test
    void invalidJsonNamesTheFileAndPosition() throws IOException {
      InputException e = rejected("{\"models\": [{\"model\": \"x\", \"input\": 1,, }]}");

      assertThat(e.getMessage()).contains("invalid JSON");
      assertThat(e.line()).isEqualTo(1);
    }

    @Test
    void aNegativePriceNamesTheEntryAndKey() throws IOException {
      InputException e = rejected("{\"models\": [{\"model\": \"ok\", \"input\": 1, \"output\": 1},"
          + " {\"model\": \"bad\", \"input\": 1, \"output\": -3}]}");

      assertThat(e.getMessage()).contains("\"output\" of entry #2 (\"bad\") is -3")
          .contains("US dollars per million tokens");
    }

    @Test
    void aPriceWrittenAsAStringIsRejected() throws IOException {
      InputException e = rejected("{\"models\": [{\"model\": \"m\", \"input\": \"2.5\", \"output\": 1}]}");

      assertThat(e.getMessage()).contains("\"input\" of entry #1 (\"m\")");
    }

    @Test
    void aMissingModelNamesTheEntryNumber() throws IOException {
      InputException e = rejected("{\"models\": [{\"input\": 1, \"output\": 2}]}");

      assertThat(e.getMessage()).contains("entry #1 has no \"model\"").contains("add the model id");
    }

    @Test
    void aBlankModelIsRejected() throws IOException {
      assertThat(rejected("{\"models\": [{\"model\": \"  \", \"input\": 1, \"output\": 2}]}").getMessage())
          .contains("entry #1 has no \"model\"");
    }

    @Test
    void aMissingPriceIsNamed() throws IOException {
      assertThat(rejected("{\"models\": [{\"model\": \"m\", \"input\": 1}]}").getMessage())
          .contains("entry #1 (\"m\") has no \"output\"");
    }

    @Test
    void anUnknownKeyInAnEntryIsNamed() throws IOException {
      InputException e = rejected("{\"models\": [{\"model\": \"m\", \"input\": 1, \"output\": 2, \"ouput\": 3}]}");

      assertThat(e.getMessage()).contains("unknown key \"ouput\" in entry #1 (\"m\")").contains("output");
    }

    @Test
    void anUnknownTopLevelKeyIsNamed() throws IOException {
      assertThat(rejected("{\"model\": [], \"models\": [{\"model\": \"m\", \"input\": 1, \"output\": 2}]}")
              .getMessage())
          .contains("unknown key \"model\" at the top level");
    }

    @Test
    void aFileWithoutModelsIsRejected() throws IOException {
      assertThat(rejected("{\"models\": []}").getMessage()).contains("\"models\" is missing");
      assertThat(rejected("[]").getMessage()).contains("not a JSON object");
    }

    @Test
    void aNameUsedTwiceIsRejected() throws IOException {
      InputException e = rejected("{\"models\": [{\"model\": \"a\", \"input\": 1, \"output\": 2},"
          + " {\"model\": \"b\", \"aliases\": [\"A\"], \"input\": 1, \"output\": 2}]}");

      assertThat(e.getMessage()).contains("\"a\" is used twice");
    }

    @Test
    void aCurrencyOtherThanDollarsIsRejected() throws IOException {
      assertThat(rejected("{\"currency\": \"EUR\", \"models\": [{\"model\": \"m\", \"input\": 1, \"output\": 2}]}")
              .getMessage())
          .contains("\"currency\" is \"EUR\"");
    }

    @Test
    void aBadDateIsRejected() throws IOException {
      String json = "{\"as_of\": \"last week\", \"models\": [{\"model\": \"m\", \"input\": 1, \"output\": 2}]}";

      assertThat(rejected(json).getMessage())
          .contains("\"as_of\"").contains("YYYY-MM-DD");
    }

    @Test
    void aliasesMustBeStrings() throws IOException {
      assertThat(rejected("{\"models\": [{\"model\": \"m\", \"aliases\": \"n\", \"input\": 1, \"output\": 2}]}")
              .getMessage())
          .contains("\"aliases\" of entry #1 (\"m\") is not an array");
    }

    @Test
    void aMissingFileIsNamed() {
      Path missing = dir.resolve("nope.json");

      assertThatThrownBy(() -> PriceTable.withOverrides(missing))
          .isInstanceOf(InputException.class)
          .hasMessageContaining(missing.toString())
          .hasMessageContaining("not found");
    }
  }

  @Test
  void lookupReturnsAnOptionalNeverNull() {
    Optional<ModelPrice> result = BUNDLED.lookup("no-such-model");

    assertThat(result).isNotNull().isEmpty();
  }
}
