package io.datasynth.plan;

import java.util.List;

/**
 * What a run's diversity plan is made of, as the user asked for it; {@link Plan#resolve} checks it against the
 * schema.
 *
 * @param balance schema fields to balance, in order
 * @param axes axes the user gave ({@code --axis}, {@code --axes}), in order
 * @param seedGuide whether each batch is told which seed examples to lean on and which region of the seed set to
 *     move away from
 */
public record PlanSettings(List<Balance> balance, List<Axis> axes, boolean seedGuide) {
  /** No axes; seed guidance on. */
  public static final PlanSettings DEFAULT = new PlanSettings(List.of(), List.of(), true);

  public PlanSettings {
    balance = List.copyOf(balance);
    axes = List.copyOf(axes);
  }

  /** Whether any axis was asked for. */
  public boolean hasAxes() {
    return !balance.isEmpty() || !axes.isEmpty();
  }
}
