package io.loramanager.library.lifecycle;

import io.loramanager.errors.LmException;
import io.loramanager.events.ProgressEvents;
import io.loramanager.library.CatalogUpdater;
import io.loramanager.library.CorruptSidecarException;
import io.loramanager.library.ModelCatalog;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelFileProcessor;
import io.loramanager.library.ModelLookup;
import io.loramanager.library.ModelMetadata;
import io.loramanager.library.ModelReader;
import io.loramanager.library.ModelType;
import io.loramanager.library.SidecarStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Hides a model from the list and brings it back (anchor-library §4.4). The flag lives in the
 * sidecar ({@code exclude}), written atomically with every other key kept; the catalogue entry is
 * then read again so that it moves between {@code list} and {@code excluded}.
 */
@ApplicationScoped
public class ModelExclusion {

  private final ModelCatalog catalog;
  private final ModelLookup lookup;
  private final SidecarStore sidecars;
  private final ModelReader reader;
  private final CatalogUpdater updater;
  private final ProgressEvents events;

  @Inject
  public ModelExclusion(
      ModelCatalog catalog,
      ModelLookup lookup,
      SidecarStore sidecars,
      ModelReader reader,
      CatalogUpdater updater,
      ProgressEvents events) {
    this.catalog = catalog;
    this.lookup = lookup;
    this.sidecars = sidecars;
    this.reader = reader;
    this.updater = updater;
    this.events = events;
  }

  /** Excludes the model; 409 when it already is. Returns the entry as now catalogued. */
  public ModelEntry exclude(ModelType type, String filePath) {
    return setExcluded(type, filePath, true);
  }

  /** Brings an excluded model back; 404 when it is not excluded. */
  public ModelEntry unexclude(ModelType type, String filePath) {
    return setExcluded(type, filePath, false);
  }

  private ModelEntry setExcluded(ModelType type, String filePath, boolean exclude) {
    ModelEntry updated =
        catalog.change(
            type,
            () -> {
              ModelEntry entry = lookup.byPath(type, filePath);
              if (entry.exclude() && exclude) {
                throw LmException.conflict(
                    type.label() + " is already excluded: " + entry.filePath());
              }
              if (!entry.exclude() && !exclude) {
                throw LmException.notFound(type.label() + " is not excluded: " + entry.filePath());
              }
              Path model = Path.of(entry.filePath());
              writeFlag(type, model, exclude);
              ModelEntry reread = reread(type, model);
              updater.apply(type, List.of(reread), List.of());
              return reread;
            });
    events.modelsChanged();
    return updated;
  }

  private void writeFlag(ModelType type, Path model, boolean exclude) {
    Path sidecar = SidecarStore.sidecarOf(model);
    try {
      ModelMetadata meta = sidecars.read(sidecar);
      if (meta == null) {
        // Gone since the scan: recreate it as a scan would, then flag it.
        reread(type, model);
        meta = sidecars.read(sidecar);
        if (meta == null) {
          throw LmException.conflict("Sidecar of " + model + " cannot be created");
        }
      }
      meta.node().put("exclude", exclude);
      sidecars.write(sidecar, meta);
    } catch (CorruptSidecarException e) {
      throw LmException.conflict("Sidecar of " + model + " is corrupt: " + e.getMessage());
    } catch (IOException e) {
      throw new LmException(
          LmException.Kind.UNAVAILABLE,
          "Cannot write the sidecar of " + model + ": " + e.getMessage(),
          e);
    }
  }

  private ModelEntry reread(ModelType type, Path model) {
    try {
      ModelFileProcessor.Outcome outcome = reader.read(type, model);
      if (outcome instanceof ModelFileProcessor.Catalogued catalogued) {
        return catalogued.entry();
      }
      ModelFileProcessor.Problem problem = (ModelFileProcessor.Problem) outcome;
      throw LmException.conflict("Cannot read " + model + ": " + problem.problem().error());
    } catch (IOException | IllegalArgumentException e) {
      throw LmException.conflict("Cannot read " + model + ": " + e.getMessage());
    }
  }
}
