package io.datasynth.quality;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The field values a batch's diversity plan fixes (its combination): a valid record without them is off the plan.
 * Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface PlanFit {
  /** No field is fixed: every record fits. */
  PlanFit ANY = record -> Optional.empty();

  /** Why a cleaned record falls outside the plan, or empty when it fits. */
  Optional<RejectReason.OffPlan> check(ObjectNode record);
}
