package io.loramanager.library;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.loramanager.events.InitProgressFrame;
import io.loramanager.events.ProgressEvents;
import io.loramanager.settings.LibrarySettings;
import io.loramanager.settings.LmConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Reconciles the catalogue with the disk (anchor-library §2.8, improved): an unchanged model costs
 * one {@code stat} of it and its sidecar; new models are read (and hashed when they have no
 * sidecar); edited sidecars are re-read; gone files leave. One scan per type at a time; a cancelled
 * scan applies nothing.
 */
@ApplicationScoped
public class LibraryScanner {

  private static final Logger LOG = Logger.getLogger(LibraryScanner.class);

  private final LibraryRoots roots;
  private final SidecarStore sidecars;
  private final CatalogStore store;
  private final ModelCatalog catalog;
  private final ProgressEvents events;
  private final LibrarySettings settings;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final long progressIntervalMs;
  private final ForkJoinPool pool;
  private final TaskCancellation cancellation;

  @Inject
  public LibraryScanner(
      LibraryRoots roots,
      SidecarStore sidecars,
      CatalogStore store,
      ModelCatalog catalog,
      ProgressEvents events,
      LibrarySettings settings,
      ObjectMapper mapper,
      Clock clock,
      LmConfig config,
      TaskCancellation cancellation) {
    this.roots = roots;
    this.sidecars = sidecars;
    this.store = store;
    this.catalog = catalog;
    this.events = events;
    this.settings = settings;
    this.mapper = mapper;
    this.clock = clock;
    this.progressIntervalMs = config.scan().progressInterval().toMillis();
    int threads = config.scan().threads();
    this.pool =
        new ForkJoinPool(threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
    this.cancellation = cancellation;
  }

  @PreDestroy
  void stop() {
    pool.shutdownNow();
  }

  /** Serves the stored catalogue at once; false when there is none (a full scan is needed). */
  public boolean loadStored(ModelType type) {
    return catalog.change(
        type,
        () -> {
          emit(type, "loading_cache", 0, "Loading cache...", null);
          List<ModelEntry> stored = store.load(type);
          if (stored.isEmpty()) {
            return false;
          }
          catalog.publish(new CatalogSnapshot(type, stored));
          emit(type, "loading_cache", 100, "Loaded " + stored.size() + " models from cache", null);
          return true;
        });
  }

  /**
   * Scans the roots of a type and applies the result.
   *
   * @param fullRebuild re-read every sidecar, trusting no stamp (hashes are still reused)
   */
  public ScanReport scan(ModelType type, boolean fullRebuild) {
    return catalog.change(
        type,
        () -> {
          try (TaskCancellation.Task cancel = cancellation.start(type)) {
            return runScan(type, fullRebuild, cancel);
          }
        });
  }

  private ScanReport runScan(ModelType type, boolean fullRebuild, TaskCancellation.Task cancel) {
    roots.refresh();
    emit(type, "scan_folders", 0, "Scanning " + type.label() + " folders...", null);
    LibraryWalker.Walk walk = new LibraryWalker(pool).walk(type, roots.of(type), cancel::cancelled);
    if (walk.cancelled()) {
      return cancelled(type);
    }
    CatalogSnapshot before = catalog.current(type);
    List<FoundModel> toProcess = new ArrayList<>();
    List<ModelEntry> kept = new ArrayList<>();
    for (FoundModel found : walk.models()) {
      ModelEntry known = before.byPath(found.filePath());
      if (!fullRebuild && known != null && unchanged(known, found)) {
        kept.add(known);
      } else {
        toProcess.add(found);
      }
    }
    List<ModelFileProcessor.Outcome> outcomes = process(type, toProcess, cancel);
    if (cancel.cancelled()) {
      return cancelled(type);
    }
    emit(type, "finalizing", 99, "Finalizing...", null);
    List<ModelEntry> upserts = new ArrayList<>();
    List<ScanProblem> problems = new ArrayList<>();
    for (String folder : walk.unreadable()) {
      problems.add(new ScanProblem(folder, "unreadable folder"));
    }
    int added = 0;
    for (ModelFileProcessor.Outcome outcome : outcomes) {
      if (outcome instanceof ModelFileProcessor.Catalogued catalogued) {
        ModelEntry entry = catalogued.entry();
        if (before.byPath(entry.filePath()) == null) {
          added++;
        }
        if (!entry.equals(before.byPath(entry.filePath()))) {
          upserts.add(entry);
        }
        kept.add(entry);
      } else if (outcome instanceof ModelFileProcessor.Problem problem) {
        problems.add(problem.problem());
      }
    }
    Set<String> present = new HashSet<>();
    for (ModelEntry entry : kept) {
      present.add(entry.filePath());
    }
    List<String> removed = new ArrayList<>();
    for (ModelEntry entry : before.all()) {
      if (!present.contains(entry.filePath())) {
        removed.add(entry.filePath());
      }
    }
    kept.sort(java.util.Comparator.comparing(ModelEntry::filePath));
    if (fullRebuild) {
      store.replaceAll(type, kept);
    } else {
      store.apply(type, upserts, removed);
    }
    CatalogSnapshot after = before;
    if (!upserts.isEmpty() || !removed.isEmpty() || !catalog.isLoaded(type)) {
      after = new CatalogSnapshot(type, kept);
      catalog.publish(after);
    }
    // else nothing changed: the published snapshot stays, and with it the sorted views and other
    // derived data it has built (a new, equal snapshot would make the next list rebuild them).
    ScanReport report =
        new ScanReport(
            false,
            after.size(),
            added,
            upserts.size() - added,
            removed.size(),
            kept.size() - upserts.size(),
            List.copyOf(problems));
    if (!problems.isEmpty()) {
      LOG.warnf("%s scan left out %d file(s): %s", type.label(), problems.size(), problems);
    }
    emit(
        type,
        "finalizing",
        100,
        type.label() + " scan completed: " + report.total() + " models",
        "complete");
    if (report.changedSet()) {
      events.modelsChanged();
    }
    return report;
  }

  private ScanReport cancelled(ModelType type) {
    emit(type, "finalizing", 100, type.label() + " scan cancelled", "complete");
    return new ScanReport(true, catalog.current(type).size(), 0, 0, 0, 0, List.of());
  }

  /** Same model and sidecar stamps, and the preview is where the entry says. */
  private static boolean unchanged(ModelEntry known, FoundModel found) {
    if (!known.stamp().equals(found.stamp())) {
      return false;
    }
    if (known.previewUrl().isEmpty()) {
      return found.listing().previewOf(found.baseName()) == null;
    }
    return ModelFileProcessor.previewStillThere(found, known.previewUrl());
  }

  private List<ModelFileProcessor.Outcome> process(
      ModelType type, List<FoundModel> models, TaskCancellation.Task cancel) {
    if (models.isEmpty()) {
      return List.of();
    }
    ModelFileProcessor processor =
        new ModelFileProcessor(type, sidecars, mapper, clock, settings.hashChunkBytes());
    ProgressThrottle throttle = new ProgressThrottle(type, models.size());
    ModelFileProcessor.Outcome[] outcomes = new ModelFileProcessor.Outcome[models.size()];
    pool.submit(
            () ->
                java.util.stream.IntStream.range(0, models.size())
                    .parallel()
                    .forEach(
                        i -> {
                          if (!cancel.cancelled()) {
                            outcomes[i] = processor.process(models.get(i));
                            throttle.done();
                          }
                        }))
        .join();
    List<ModelFileProcessor.Outcome> result = new ArrayList<>(models.size());
    for (ModelFileProcessor.Outcome outcome : outcomes) {
      if (outcome != null) {
        result.add(outcome);
      }
    }
    return result;
  }

  /** Sends {@code process_models} frames at most once per progress interval. */
  private final class ProgressThrottle {
    private final ModelType type;
    private final int total;
    private final AtomicInteger done = new AtomicInteger();
    private volatile long lastSent;

    ProgressThrottle(ModelType type, int total) {
      this.type = type;
      this.total = total;
      this.lastSent = clock.millis();
    }

    void done() {
      int count = done.incrementAndGet();
      long now = clock.millis();
      if (now - lastSent >= progressIntervalMs) {
        lastSent = now;
        int percent = Math.max(1, Math.min(99, count * 100 / total));
        emit(
            type,
            "process_models",
            percent,
            "Processed " + count + " of " + total + " models",
            null);
      }
    }
  }

  private void emit(ModelType type, String stage, int progress, String details, String status) {
    events.initProgress(
        new InitProgressFrame(stage, progress, details, type.id(), type.prefix(), status));
  }
}
