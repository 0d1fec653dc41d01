package io.loramanager.library.lifecycle;

import io.loramanager.errors.LmException;
import io.loramanager.events.ProgressEvents;
import io.loramanager.library.CatalogUpdater;
import io.loramanager.library.FolderListing;
import io.loramanager.library.ModelCatalog;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelFileProcessor;
import io.loramanager.library.ModelReader;
import io.loramanager.library.ModelType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Undoes a delete: the batch's files go back and its models are read again as a scan would. A batch
 * of another kind (recipes) is handed to the {@link BatchRestorer} of that kind.
 */
@ApplicationScoped
public class DeleteUndo {

  private static final Logger LOG = Logger.getLogger(DeleteUndo.class);

  private final ModelCatalog catalog;
  private final PendingDeletes pending;
  private final ModelReader reader;
  private final CatalogUpdater updater;
  private final ProgressEvents events;

  @Inject Instance<BatchRestorer> restorers;

  @Inject
  public DeleteUndo(
      ModelCatalog catalog,
      PendingDeletes pending,
      ModelReader reader,
      CatalogUpdater updater,
      ProgressEvents events) {
    this.catalog = catalog;
    this.pending = pending;
    this.reader = reader;
    this.updater = updater;
    this.events = events;
  }

  /** Restores batch {@code batchId}; checks its form before it names any folder. */
  public PendingDeletes.Restored undo(String batchId) {
    if (batchId == null || batchId.isEmpty()) {
      throw LmException.badInput("batch_id is required");
    }
    if (!StagingManifest.BATCH_ID.matcher(batchId).matches()) {
      throw LmException.badInput("Invalid batch_id: expected 32 lower-case hex characters");
    }
    String kind = pending.kindOf(batchId);
    if (!StagingManifest.MODEL_KIND.equals(kind)) {
      return restorerOf(kind).undo(batchId);
    }
    ModelType type = pending.typeOf(batchId);
    PendingDeletes.Restored restored =
        catalog.change(
            type,
            () -> {
              PendingDeletes.Restored files = pending.restore(batchId);
              List<ModelEntry> upserts = new ArrayList<>();
              // A bulk undo restores many models per folder: list each folder once.
              Map<Path, FolderListing> listings = new HashMap<>();
              for (Path model : files.models()) {
                read(type, model, listings, upserts);
              }
              updater.apply(type, upserts, List.of());
              return files;
            });
    events.modelsChanged();
    return restored;
  }

  private BatchRestorer restorerOf(String kind) {
    for (BatchRestorer restorer : restorers) {
      if (restorer.kind().equals(kind)) {
        return restorer;
      }
    }
    throw LmException.conflict("No service can restore a batch of kind '" + kind + "'");
  }

  private void read(
      ModelType type, Path model, Map<Path, FolderListing> listings, List<ModelEntry> upserts) {
    try {
      Path folder = model.toAbsolutePath().normalize().getParent();
      FolderListing listing = listings.get(folder);
      if (listing == null) {
        listing = FolderListing.read(folder);
        listings.put(folder, listing);
      }
      ModelFileProcessor.Outcome outcome = reader.read(type, model, listing);
      if (outcome instanceof ModelFileProcessor.Catalogued catalogued) {
        upserts.add(catalogued.entry());
      } else if (outcome instanceof ModelFileProcessor.Problem problem) {
        LOG.warnf("Restored %s is not catalogued: %s", model, problem.problem().error());
      }
    } catch (IOException | IllegalArgumentException e) {
      // The files are back; the next scan catalogues what it can.
      LOG.warnf("Restored %s but cannot read it: %s", model, e.getMessage());
    }
  }
}
