package io.datasynth.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasynth.cost.Billing;
import io.datasynth.cost.Purpose;
import io.datasynth.journal.JournalCodec;
import io.datasynth.journal.JournalEvent;
import io.datasynth.provider.Usage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BatchLedgerTest {
  static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

  /** Feeds events through the journal's codec, as a resumed run reads them back. */
  static BatchLedger replay(JournalEvent... events) {
    BatchLedger ledger = new BatchLedger();
    for (JournalEvent e : events) {
      ledger.accept(JournalCodec.decode(JournalCodec.encode(e)));
    }
    return ledger;
  }

  @Nested
  class AfterACrash {
    @Test
    void aSubmittedBatchWithoutResultsIsPendingWithAllItsCalls() {
      BatchLedger l = replay(new JournalEvent.BatchSubmitting("ds1-1", "anthropic", List.of("g0x5-0", "g1x5-0"), AT),
          new JournalEvent.BatchSubmitted("ds1-1", "msgbatch_01", AT, AT.plusSeconds(86_400)));
      assertThat(l.pending()).singleElement().satisfies(p -> {
        assertThat(p.batchId()).isEqualTo("msgbatch_01");
        assertThat(p.unsettled()).containsExactly("g0x5-0", "g1x5-0");
        assertThat(p.expiresAt()).isEqualTo(AT.plusSeconds(86_400));
      });
    }

    @Test
    void aBatchJournaledOnlyAsAnIntentIsPendingWithoutAnId() {
      BatchLedger l = replay(new JournalEvent.BatchSubmitting("ds1-1", "openai", List.of("g0x5-0"), AT));
      assertThat(l.pending()).singleElement().satisfies(p -> assertThat(p.batchId()).isNull());
    }

    @Test
    void repliesAndFailedItemsSettleTheirCallsAndAFullySettledBatchIsNotPending() {
      BatchLedger l = replay(new JournalEvent.BatchSubmitting("ds1-1", "anthropic", List.of("g0x5-0", "g1x5-0"), AT),
          new JournalEvent.BatchSubmitted("ds1-1", "msgbatch_01", AT, null),
          new JournalEvent.ReplyUsage(new Usage(10, 20, 0, 0, 0), 1, Purpose.GENERATE, Billing.BATCH, "g0x5-0"));
      assertThat(l.unsettledCalls()).containsExactly("g1x5-0");
      l.accept(JournalCodec.decode(JournalCodec.encode(new JournalEvent.BatchItemsFailed("msgbatch_01",
          List.of("g1x5-0"), "expired"))));
      assertThat(l.pending()).isEmpty();
      assertThat(l.all()).hasSize(1);
    }
  }
}
