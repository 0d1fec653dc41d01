package io.loramanager.library.lifecycle;

import io.loramanager.events.ProgressEvents;
import io.loramanager.library.CatalogUpdater;
import io.loramanager.library.ModelCatalog;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelLookup;
import io.loramanager.library.ModelType;
import io.loramanager.library.PathNames;
import io.loramanager.library.TaskCancellation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deletes models with undo: every path is checked against the catalogue before any file moves, the
 * files go into one pending-delete batch, and the models leave the catalogue and SQLite.
 */
@ApplicationScoped
public class ModelDeletion {

  private final ModelCatalog catalog;
  private final ModelLookup lookup;
  private final PendingDeletes pending;
  private final CatalogUpdater updater;
  private final ProgressEvents events;
  private final TaskCancellation cancellation;

  @Inject
  public ModelDeletion(
      ModelCatalog catalog,
      ModelLookup lookup,
      PendingDeletes pending,
      CatalogUpdater updater,
      ProgressEvents events,
      TaskCancellation cancellation) {
    this.catalog = catalog;
    this.lookup = lookup;
    this.pending = pending;
    this.updater = updater;
    this.events = events;
    this.cancellation = cancellation;
  }

  /**
   * The result of a delete.
   *
   * @param filePaths the models deleted, as catalogued
   * @param batchId the undo batch, null when no file was left on disk to stage
   * @param cancelled true when cancel-task stopped the delete between two models; {@code filePaths}
   *     are then only the models deleted before it
   */
  public record Deleted(
      List<String> filePaths, String batchId, Instant undoExpiresAt, boolean cancelled) {}

  /**
   * Deletes the catalogued models at {@code filePaths} (404 for any unknown one, nothing moved).
   */
  public Deleted delete(ModelType type, List<String> filePaths) {
    Deleted deleted =
        catalog.change(
            type,
            () -> {
              Map<String, ModelEntry> entries = new LinkedHashMap<>();
              for (String filePath : filePaths) {
                ModelEntry entry = lookup.byPath(type, filePath);
                entries.put(entry.filePath(), entry);
              }
              List<PendingDeletes.ModelFiles> files = new ArrayList<>();
              for (ModelEntry entry : entries.values()) {
                files.add(
                    new PendingDeletes.ModelFiles(
                        Path.of(entry.filePath()), CompanionFiles.of(entry)));
              }
              PendingDeletes.Staged staged;
              try (TaskCancellation.Task task = cancellation.start(type)) {
                staged = pending.stage(type, files, task::cancelled);
              }
              List<String> paths =
                  staged.cancelled()
                      ? staged.models().stream().map(PathNames::slashes).toList()
                      : List.copyOf(entries.keySet());
              try {
                updater.apply(type, List.of(), paths);
              } catch (RuntimeException e) {
                // The catalogue still lists the models: put their files back rather than purge
                // them.
                if (staged.batchId() != null) {
                  pending.restore(staged.batchId());
                }
                throw e;
              }
              return new Deleted(paths, staged.batchId(), staged.expiresAt(), staged.cancelled());
            });
    events.modelsChanged();
    return deleted;
  }
}
