package io.datasynth.spark;

import io.datasynth.api.GenerationSlice;
import io.datasynth.api.SynthesisConfig;
import io.datasynth.cli.CliText;
import io.datasynth.error.DataSynthException;
import io.datasynth.provider.LlmClients;
import io.datasynth.secret.Redactor;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;

/**
 * What the task of one partition does on its executor, in one round: it replays the partition's journal from the
 * job's storage and generates against the partition's endpoint until the partition has delivered its target for
 * the round, journaling as it goes, then hands back what the partition holds. A task Spark runs again (a killed or
 * lost attempt) resumes from the journal, so it pays again only for requests that were in flight.
 */
final class SliceTask implements Function<Integer, SliceOutput>, Serializable {
  private final JobSnapshot snapshot;
  private final JobStorage storage;
  private final String journals;
  private final Fleet fleet;
  private final RoundPlan plan;
  private final JournalProbe probe;

  /**
   * @param journals the folder of the partitions' journals, qualified
   */
  SliceTask(JobSnapshot snapshot, JobStorage storage, String journals, Fleet fleet, RoundPlan plan,
      JournalProbe probe) {
    this.snapshot = snapshot;
    this.storage = storage;
    this.journals = journals;
    this.fleet = fleet;
    this.plan = plan;
    this.probe = probe;
  }

  /** The journal folder of a partition. */
  static Path journalOf(Path journals, int partition) {
    return new Path(journals, String.format("part-%05d", partition));
  }

  @Override
  public SliceOutput call(Integer partition) {
    TaskContext task = TaskContext.get();
    int attempt = task == null ? 0 : task.attemptNumber();
    java.nio.file.Path scratch;
    try {
      scratch = Files.createTempDirectory("datasynth-slice-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a scratch folder on this executor: " + e.getMessage(), e);
    }
    try {
      Endpoint endpoint = fleet.endpointOf(partition);
      SynthesisConfig base = snapshot.config(scratch);
      SynthesisConfig config = base.toBuilder()
          .concurrency(plan.concurrency()[partition])
          .maxRequests(plan.maxRequests()[partition])
          .maxCost(plan.maxCost() == null ? null : new BigDecimal(plan.maxCost()))
          .apiKeyVariable(endpoint.keyVariable() != null ? endpoint.keyVariable() : base.apiKeyVariable())
          .build();
      Path dir = journalOf(new Path(journals), partition);
      double share = plan.shares()[partition];
      try (PartitionJournal journal = PartitionJournal.open(storage.fileSystem(dir), dir, partition, attempt,
          probe)) {
        GenerationSlice.Result r = GenerationSlice.builder()
            .config(config).inputs(snapshot.inputs())
            .clients(s -> new SharedLimitClient(LlmClients.create(s), share))
            .baseUrl(endpoint.baseUrl())
            .log(journal, journal.earlier())
            .firstBatch((long) partition << 32)
            .target(plan.targets()[partition])
            .build()
            .run();
        return SliceOutput.of(partition, r);
      }
    } catch (DataSynthException e) {
      if (!e.isUsageError()) {
        throw e;
      }
      // Bad settings fail every attempt alike: report them instead of letting Spark retry.
      return SliceOutput.failed(partition, Redactor.forEnvironment(System.getenv()).scrub(CliText.english()
          .message(e)), true);
    } finally {
      deleteQuietly(scratch);
    }
  }

  private static void deleteQuietly(java.nio.file.Path dir) {
    try (Stream<java.nio.file.Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a scratch folder left in the executor's temporary folder holds no key and no record
    }
  }
}
