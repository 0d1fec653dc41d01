package io.loramanager.bench;

import io.loramanager.library.CatalogSnapshot;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.query.ListedModel;
import io.loramanager.library.query.ModelQuery;
import io.loramanager.library.query.ModelQueryService;
import io.loramanager.library.query.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code ModelQueryService.list(CatalogSnapshot, ModelQuery)} over a 100,000-LoRA catalogue: page 1
 * of 100 sorted by name, without and with a search term. Sample mode, so JMH reports the median and
 * p99 per call. The sorted view is cached per snapshot, so the steady-state figures exclude the
 * sort; {@link #firstListOfNewSnapshot} measures what the first list after a rescan pays.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ListQueryBenchmark {

  /** Matches about 1 model in 40 ("Neon ..." names). */
  public static final String SEARCH_TERM = "neon";

  @Param("100000")
  public int models;

  private List<ModelEntry> entries;
  private CatalogSnapshot snapshot;
  private ModelQueryService service;
  private ModelQuery byName;
  private ModelQuery byNameWithSearch;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    entries = QueryFixture.loraEntries(models, 42);
    snapshot = QueryFixture.snapshot(entries);
    Path data = Files.createTempDirectory("lm-bench");
    service = QueryFixture.service(data);
    byName = QueryFixture.nameQuery(1, 100, null);
    byNameWithSearch = QueryFixture.nameQuery(1, 100, SEARCH_TERM);
    Page<ListedModel> all = service.list(snapshot, byName);
    Page<ListedModel> found = service.list(snapshot, byNameWithSearch);
    if (all.total() < models * 0.98 || found.total() == 0 || found.items().isEmpty()) {
      throw new IllegalStateException(
          "unexpected catalogue: " + all.total() + " listed, " + found.total() + " found");
    }
  }

  @Benchmark
  public Page<ListedModel> nameSort() {
    return service.list(snapshot, byName);
  }

  @Benchmark
  public Page<ListedModel> nameSortWithSearch() {
    return service.list(snapshot, byNameWithSearch);
  }

  /** A new snapshot (as each scan publishes) and its first list: builds rows and sorts them. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 5)
  @Measurement(iterations = 10)
  public Page<ListedModel> firstListOfNewSnapshot() {
    return service.list(QueryFixture.snapshot(entries), byName);
  }

  /** The same, searching: also builds the search index of the sorted view. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 5)
  @Measurement(iterations = 10)
  public Page<ListedModel> firstSearchOfNewSnapshot() {
    return service.list(QueryFixture.snapshot(entries), byNameWithSearch);
  }
}
