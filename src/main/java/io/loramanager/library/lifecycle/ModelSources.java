package io.loramanager.library.lifecycle;

import io.loramanager.errors.LmException;
import io.loramanager.library.CorruptSidecarException;
import io.loramanager.library.ModelCatalog;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelMetadata;
import io.loramanager.library.ModelType;
import io.loramanager.library.PathNames;
import io.loramanager.library.SidecarStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The model a request names by {@code file_path}: only catalogued models are reached; a path
 * outside the roots is bad input (400), an unknown one inside them is not found (404).
 */
@ApplicationScoped
public class ModelSources {

  private final ModelCatalog catalog;
  private final TargetFolders folders;
  private final SidecarStore sidecars;

  @Inject
  public ModelSources(ModelCatalog catalog, TargetFolders folders, SidecarStore sidecars) {
    this.catalog = catalog;
    this.folders = folders;
    this.sidecars = sidecars;
  }

  public ModelEntry require(ModelType type, String filePath) {
    if (filePath == null || filePath.isBlank()) {
      throw LmException.badInput("file_path is required");
    }
    ModelEntry entry = catalog.snapshot(type).byPath(PathNames.slashes(filePath.trim()));
    if (entry != null) {
      return entry;
    }
    if (!folders.inside(type, filePath.trim())) {
      throw LmException.badInput(
          "Path '" + filePath + "' is outside the configured " + type.id() + " folders");
    }
    throw LmException.notFound(type.label() + " not found: " + filePath);
  }

  /** The model's sidecar, or null when it has none; 409 when it is corrupt (never rewritten). */
  public ModelMetadata sidecar(ModelEntry entry) {
    Path sidecar = SidecarStore.sidecarOf(Path.of(entry.filePath()));
    try {
      return sidecars.read(sidecar);
    } catch (CorruptSidecarException e) {
      throw LmException.conflict(
          "Sidecar of " + entry.filePath() + " is corrupt (" + e.getMessage() + "); fix it first");
    } catch (IOException e) {
      throw new LmException(
          LmException.Kind.UNAVAILABLE, "Cannot read " + sidecar + ": " + e.getMessage(), e);
    }
  }
}
