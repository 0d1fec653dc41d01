package io.loramanager.library.lifecycle;

import io.loramanager.errors.LmException;
import io.loramanager.library.LibraryRoots;
import io.loramanager.library.ModelRoot;
import io.loramanager.library.ModelType;
import io.loramanager.library.lifecycle.StagingManifest.Entry;
import io.loramanager.library.lifecycle.StagingManifest.State;
import io.loramanager.settings.LmConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Deleted models wait here for the undo window (anchor-library §4.3): their files are renamed into
 * {@code .lm-pending-delete/<batch>/} beside them, never across devices. Stage, undo and purge
 * share one lock; the batches are known from memory, and after a restart from the start-up sweep.
 *
 * <p>Crash safety: a folder's manifest is written (state {@code staging}) before its first file
 * moves, and set to {@code staged} once every file of the batch has moved. The sweep rolls an
 * interrupted {@code staging} batch back (each file is either at its original or its staged path),
 * and quarantines a folder without a usable manifest.
 */
@ApplicationScoped
public class PendingDeletes {

  private static final Logger LOG = Logger.getLogger(PendingDeletes.class);
  private static final int REMEMBERED_EXPIRED = 1000;

  private final StagingArea area;
  private final LibraryRoots roots;
  private final Clock clock;
  private final LmConfig config;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Batch> batches = new HashMap<>();

  /** Ids of purged batches, so that a late undo says "expired" rather than "unknown". */
  private final Set<String> expired =
      Collections.newSetFromMap(
          new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > REMEMBERED_EXPIRED;
            }
          });

  @Inject
  public PendingDeletes(StagingArea area, LibraryRoots roots, Clock clock, LmConfig config) {
    this.area = area;
    this.roots = roots;
    this.clock = clock;
    this.config = config;
  }

  /** A batch waiting for undo or purge: one staging folder per source folder. */
  record Batch(String id, ModelType type, Instant expiresAt, List<Path> dirs, String kind) {}

  /** One model to stage: its file and the files that go with it (the model file included). */
  public record ModelFiles(Path model, List<Path> files) {}

  /**
   * A staged batch; {@code batchId} is null when none of the models had a file left on disk (or a
   * cancel came before the first).
   *
   * @param models the models whose files were staged
   * @param cancelled true when a cancel stopped the staging before the last model
   */
  public record Staged(
      String batchId, Instant expiresAt, List<Path> files, List<Path> models, boolean cancelled) {}

  /**
   * A restored batch: every file put back, and the model files (for recipes: the recipe JSON files)
   * among them.
   */
  public record Restored(
      String batchId, ModelType type, List<Path> files, List<Path> models, String kind) {}

  /**
   * Moves every file of {@code models} into one batch. All or nothing: on a failure every file
   * already moved is moved back, and the error names the model, the file and the reason.
   */
  public Staged stage(ModelType type, List<ModelFiles> models) {
    return stage(StagingManifest.MODEL_KIND, type, models, () -> false);
  }

  /**
   * Like {@link #stage(ModelType, List)}, but {@code cancelled} is asked before each model: once it
   * says yes, no further model is staged and the batch holds only the models staged so far ({@link
   * Staged#models()}).
   */
  public Staged stage(ModelType type, List<ModelFiles> models, BooleanSupplier cancelled) {
    return stage(StagingManifest.MODEL_KIND, type, models, cancelled);
  }

  /**
   * Stages recipe files ({@code model} is the recipe JSON, {@code files} it and its media) as one
   * batch of kind {@code recipe}, with the same undo window and guarantees as models.
   */
  public Staged stageRecipes(List<ModelFiles> recipes) {
    return stage(StagingManifest.RECIPE_KIND, null, recipes, () -> false);
  }

  private Staged stage(
      String kind, ModelType type, List<ModelFiles> models, BooleanSupplier cancelled) {
    lock.lock();
    try {
      String id = UUID.randomUUID().toString().replace("-", "");
      Instant now = clock.instant();
      Instant expires = roundUp(now.plus(config.lifecycle().undoWindow()));
      Map<Path, List<Entry>> byFolder = new LinkedHashMap<>();
      Map<Entry, Path> modelOf = new HashMap<>();
      List<Path> files = new ArrayList<>();
      for (ModelFiles model : models) {
        for (Path file : model.files()) {
          Path folder = file.getParent();
          Entry entry =
              new Entry(
                  file,
                  StagingArea.dirOf(folder, id).resolve(file.getFileName()),
                  file.equals(model.model()));
          byFolder.computeIfAbsent(folder, f -> new ArrayList<>()).add(entry);
          modelOf.put(entry, model.model());
          files.add(file);
        }
      }
      if (byFolder.isEmpty()) {
        return new Staged(null, null, List.of(), List.of(), false);
      }
      // Every folder's manifest is on disk (state "staging") before any file moves, and is set to
      // "staged" once the moves end. Manifests are written folder by folder in parallel.
      Map<Path, StagingManifest> manifests = new LinkedHashMap<>();
      List<Path> dirs = new ArrayList<>();
      List<Entry> moved = new ArrayList<>();
      Path failedModel = null;
      String step = null;
      Set<Path> stagedModels = new LinkedHashSet<>();
      boolean stopped = false;
      try {
        for (Map.Entry<Path, List<Entry>> group : byFolder.entrySet()) {
          Path dir = StagingArea.dirOf(group.getKey(), id);
          failedModel = modelOf.get(group.getValue().get(0));
          step = "creating the staging folder " + dir.getParent();
          Files.createDirectories(dir);
          dirs.add(dir);
          manifests.put(
              dir,
              new StagingManifest(id, type, State.STAGING, now, expires, group.getValue(), kind));
        }
        area.writeAll(manifests);
        failedModel = null;
        moves:
        for (Map.Entry<Path, StagingManifest> manifest : manifests.entrySet()) {
          for (Entry entry : manifest.getValue().entries()) {
            Path model = modelOf.get(entry);
            if (!model.equals(failedModel) && cancelled.getAsBoolean()) {
              stopped = true; // between two models: those staged so far make the batch
              break moves;
            }
            failedModel = model;
            stagedModels.add(model);
            step = "moving " + entry.original() + " into " + manifest.getKey().getParent();
            Files.move(entry.original(), entry.staged());
            moved.add(entry);
          }
        }
        Map<Path, StagingManifest> staged = new LinkedHashMap<>();
        for (Map.Entry<Path, StagingManifest> manifest : manifests.entrySet()) {
          List<Entry> kept =
              stopped
                  ? manifest.getValue().entries().stream().filter(moved::contains).toList()
                  : manifest.getValue().entries();
          if (kept.isEmpty()) {
            area.discard(manifest.getKey());
          } else {
            staged.put(
                manifest.getKey(),
                new StagingManifest(id, type, State.STAGED, now, expires, kept, kind));
          }
        }
        area.writeAll(staged);
        dirs = List.copyOf(staged.keySet());
      } catch (StagingArea.ManifestNotWritten e) {
        throw failed(
            modelOf.get(manifests.get(e.dir()).entries().get(0)),
            "writing " + e.dir().resolve(StagingManifest.FILE_NAME),
            e.reason(),
            moved,
            dirs);
      } catch (IOException e) {
        throw failed(failedModel, step, e, moved, dirs);
      }
      if (dirs.isEmpty()) {
        return new Staged(null, null, List.of(), List.of(), stopped);
      }
      batches.put(id, new Batch(id, type, expires, List.copyOf(dirs), kind));
      List<Path> stagedFiles =
          stopped ? moved.stream().map(Entry::original).toList() : List.copyOf(files);
      return new Staged(id, expires, stagedFiles, List.copyOf(stagedModels), stopped);
    } finally {
      lock.unlock();
    }
  }

  private LmException failed(
      Path model, String step, IOException e, List<Entry> moved, List<Path> dirs) {
    rollBack(moved, dirs);
    return LmException.conflict(
        "Cannot delete "
            + model
            + ": "
            + step
            + " failed ("
            + StagingArea.reason(e)
            + "); nothing was deleted");
  }

  private void rollBack(List<Entry> moved, List<Path> dirs) {
    boolean complete = true;
    for (int i = moved.size() - 1; i >= 0; i--) {
      Entry entry = moved.get(i);
      try {
        Files.move(entry.staged(), entry.original());
      } catch (IOException e) {
        complete = false;
        LOG.errorf(
            "Cannot move %s back to %s (%s); the start-up sweep will retry",
            entry.staged(), entry.original(), StagingArea.reason(e));
      }
    }
    if (!complete) {
      // The manifests still say "staging": the sweep finishes the roll-back.
      return;
    }
    for (Path dir : dirs) {
      try {
        area.discard(dir);
      } catch (IOException e) {
        LOG.warnf("Cannot remove staging folder %s: %s", dir, StagingArea.reason(e));
      }
    }
  }

  /** The kind of a batch that can still be undone ({@code model}, {@code recipe}); 404 else. */
  public String kindOf(String batchId) {
    lock.lock();
    try {
      return undoable(batchId).kind();
    } finally {
      lock.unlock();
    }
  }

  /** The model type of a batch that can still be undone; 404 when unknown or expired. */
  public ModelType typeOf(String batchId) {
    lock.lock();
    try {
      return undoable(batchId).type();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Puts every file of the batch back. Refused as a whole (409) when any original path is taken; a
   * move that fails midway moves the restored files back into staging.
   */
  public Restored restore(String batchId) {
    lock.lock();
    try {
      Batch batch = undoable(batchId);
      List<Entry> entries = new ArrayList<>();
      for (Path dir : batch.dirs()) {
        try {
          entries.addAll(area.read(dir).entries());
        } catch (IOException e) {
          throw LmException.notFound(
              "Batch " + batchId + " can no longer be restored: " + dir + ": " + e.getMessage());
        }
      }
      for (Entry entry : entries) {
        if (Files.exists(entry.original(), LinkOption.NOFOLLOW_LINKS)) {
          throw LmException.conflict(
              "Cannot undo batch "
                  + batchId
                  + ": "
                  + entry.original()
                  + " already exists; nothing was restored");
        }
      }
      List<Entry> restored = new ArrayList<>();
      for (Entry entry : entries) {
        if (!Files.exists(entry.staged(), LinkOption.NOFOLLOW_LINKS)) {
          LOG.warnf(
              "Staged file %s is gone; %s cannot be restored", entry.staged(), entry.original());
          continue;
        }
        try {
          Files.move(entry.staged(), entry.original());
          restored.add(entry);
        } catch (IOException e) {
          putBack(restored);
          throw LmException.conflict(
              "Cannot undo batch "
                  + batchId
                  + ": restoring "
                  + entry.original()
                  + " failed ("
                  + StagingArea.reason(e)
                  + "); nothing was restored");
        }
      }
      for (Path dir : batch.dirs()) {
        try {
          area.discard(dir);
        } catch (IOException e) {
          LOG.warnf("Cannot remove staging folder %s: %s", dir, StagingArea.reason(e));
        }
      }
      batches.remove(batchId);
      List<Path> files = restored.stream().map(Entry::original).toList();
      List<Path> models = restored.stream().filter(Entry::model).map(Entry::original).toList();
      return new Restored(batchId, batch.type(), files, models, batch.kind());
    } finally {
      lock.unlock();
    }
  }

  private void putBack(List<Entry> restored) {
    for (int i = restored.size() - 1; i >= 0; i--) {
      Entry entry = restored.get(i);
      try {
        Files.move(entry.original(), entry.staged());
      } catch (IOException e) {
        LOG.errorf(
            "Cannot move %s back into staging (%s); it stays restored",
            entry.original(), StagingArea.reason(e));
      }
    }
  }

  private Batch undoable(String batchId) {
    Batch batch = batches.get(batchId);
    if (batch == null && expired.contains(batchId)
        || batch != null && !clock.instant().isBefore(batch.expiresAt())) {
      throw LmException.notFound("Undo window expired for batch " + batchId);
    }
    if (batch == null) {
      throw LmException.notFound("Unknown batch id: " + batchId);
    }
    return batch;
  }

  /** Deletes the staged files of every batch whose window has passed at {@code now}. */
  public List<String> purgeExpired(Instant now) {
    lock.lock();
    try {
      List<String> purged = new ArrayList<>();
      for (Batch batch : List.copyOf(batches.values())) {
        if (!now.isBefore(batch.expiresAt())) {
          for (Path dir : batch.dirs()) {
            purgeDir(dir);
          }
          batches.remove(batch.id());
          expired.add(batch.id());
          purged.add(batch.id());
        }
      }
      return purged;
    } finally {
      lock.unlock();
    }
  }

  private void purgeDir(Path dir) {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      StagingManifest manifest;
      try {
        manifest = area.read(dir);
      } catch (IOException e) {
        area.quarantine(dir, e.getMessage());
        return;
      }
      boolean complete = true;
      for (Entry entry : manifest.entries()) {
        try {
          Files.deleteIfExists(entry.staged());
        } catch (IOException e) {
          // A locked file is kept, with its manifest, for the next start-up sweep.
          complete = false;
          LOG.warnf("Cannot purge %s: %s", entry.staged(), StagingArea.reason(e));
        }
      }
      if (complete) {
        area.discard(dir);
        LOG.debugf("Purged expired pending-delete folder %s", dir);
      }
    } catch (IOException e) {
      LOG.warnf(
          "Cannot purge %s (%s); the next start-up sweep retries", dir, StagingArea.reason(e));
    }
  }

  /**
   * Walks every root for {@code .lm-pending-delete} folders left by an earlier run: rolls back
   * interrupted stagings, purges expired batches, keeps the others undoable, and quarantines
   * folders without a usable manifest.
   */
  public void sweep(Instant now) {
    sweep(roots.all(), now);
  }

  /**
   * Sweeps one more folder tree as {@link #sweep(Instant)} sweeps the roots: for a folder of staged
   * files that lies outside them (a recipes folder configured elsewhere).
   */
  public void sweepFolder(Path folder, Instant now) {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try {
      sweep(List.of(new ModelRoot(folder, folder.toRealPath(), null)), now);
    } catch (IOException e) {
      LOG.warnf("Cannot sweep %s: %s", folder, StagingArea.reason(e));
    }
  }

  private void sweep(List<ModelRoot> folders, Instant now) {
    lock.lock();
    try {
      PendingDeleteFolders.find(folders)
          .forEach(
              (pending, batchDirs) -> {
                for (Path dir : batchDirs) {
                  try {
                    sweepBatch(dir, now);
                  } catch (IOException e) {
                    LOG.warnf("Cannot sweep %s: %s", dir, StagingArea.reason(e));
                  }
                }
                area.removeIfEmpty(pending);
              });
    } finally {
      lock.unlock();
    }
  }

  private void sweepBatch(Path dir, Instant now) throws IOException {
    StagingManifest manifest;
    try {
      manifest = area.read(dir);
    } catch (IOException e) {
      area.quarantine(dir, e.getMessage());
      return;
    }
    switch (manifest.state()) {
      case STAGING -> area.rollBackInterrupted(dir, manifest);
      case RESTORED -> area.discard(dir);
      case STAGED -> {
        if (now.isBefore(manifest.expiresAt())) {
          remember(dir, manifest);
        } else {
          purgeDir(dir);
          expired.add(manifest.batchId());
        }
      }
    }
  }

  private void remember(Path dir, StagingManifest manifest) {
    Batch known = batches.get(manifest.batchId());
    List<Path> dirs = new ArrayList<>(known == null ? List.of() : known.dirs());
    if (!dirs.contains(dir)) {
      dirs.add(dir);
    }
    batches.put(
        manifest.batchId(),
        new Batch(
            manifest.batchId(),
            manifest.type(),
            manifest.expiresAt(),
            List.copyOf(dirs),
            manifest.kind()));
  }

  private static Instant roundUp(Instant instant) {
    // The manifest keeps whole seconds (as the reference); never shorten the window.
    return instant.getNano() == 0 ? instant : Instant.ofEpochSecond(instant.getEpochSecond() + 1);
  }
}
