package io.loramanager.library.lifecycle;

import io.loramanager.errors.LmException;
import io.loramanager.library.CatalogUpdater;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelFileProcessor;
import io.loramanager.library.ModelReader;
import io.loramanager.library.ModelType;
import io.loramanager.library.SidecarStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Relocates one catalogued model (rename or move) and brings the catalogue and SQLite along: the
 * old path leaves, the model is re-read at its new path as a scan would. Call it inside {@code
 * ModelCatalog.change}.
 */
@ApplicationScoped
public class ModelRelocator {

  private final ModelSources sources;
  private final ModelReader reader;
  private final CatalogUpdater updater;
  private final ModelRelocation relocation;

  @Inject
  public ModelRelocator(
      ModelSources sources, ModelReader reader, CatalogUpdater updater, SidecarStore sidecars) {
    this(sources, reader, updater, new ModelRelocation(new FileMover(), sidecars));
  }

  ModelRelocator(
      ModelSources sources,
      ModelReader reader,
      CatalogUpdater updater,
      ModelRelocation relocation) {
    this.sources = sources;
    this.reader = reader;
    this.updater = updater;
    this.relocation = relocation;
  }

  /** The new catalogue entry and every file moved (model first). */
  public record Relocated(ModelEntry entry, List<ModelRelocation.Step> steps) {}

  public Relocated relocate(ModelType type, ModelEntry entry, Path folder, String newBase) {
    List<ModelRelocation.Step> steps =
        relocation.relocate(Path.of(entry.filePath()), folder, newBase, sources.sidecar(entry));
    Path newModel = steps.get(0).to();
    ModelFileProcessor.Outcome outcome;
    try {
      outcome = reader.read(type, newModel);
    } catch (IOException | IllegalArgumentException e) {
      updater.apply(type, List.of(), List.of(entry.filePath()));
      throw new LmException(
          LmException.Kind.UNAVAILABLE,
          "Moved to " + newModel + " but cannot read it there: " + e.getMessage(),
          e);
    }
    if (outcome instanceof ModelFileProcessor.Catalogued catalogued) {
      updater.apply(type, List.of(catalogued.entry()), List.of(entry.filePath()));
      return new Relocated(catalogued.entry(), steps);
    }
    updater.apply(type, List.of(), List.of(entry.filePath()));
    throw LmException.conflict(
        "Moved to "
            + newModel
            + " but it cannot be catalogued: "
            + ((ModelFileProcessor.Problem) outcome).problem().error());
  }
}
