package io.loramanager.library.lifecycle;

import io.loramanager.errors.LmException;
import io.loramanager.events.ProgressEvents;
import io.loramanager.library.ModelCatalog;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.library.PathNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Renames a model in its folder (anchor-library §4.1 rename): the model, its sidecar, {@code
 * .metadata.json.bak}, {@code .civitai.info} and every preview variant take the new base name.
 */
@ApplicationScoped
public class ModelRenamer {

  private final ModelCatalog catalog;
  private final ModelSources sources;
  private final ModelRelocator relocator;
  private final ProgressEvents events;

  @Inject
  public ModelRenamer(
      ModelCatalog catalog, ModelSources sources, ModelRelocator relocator, ProgressEvents events) {
    this.catalog = catalog;
    this.sources = sources;
    this.relocator = relocator;
    this.events = events;
  }

  /** The renamed model; {@code renamedFiles} holds the new paths, the model first. */
  public record Renamed(ModelEntry entry, List<String> renamedFiles) {}

  public Renamed rename(ModelType type, String filePath, String newName) {
    FileNameRules.check(newName, "");
    sources.require(type, filePath);
    Renamed renamed = catalog.change(type, () -> renameLocked(type, filePath, newName));
    if (!renamed.renamedFiles().isEmpty()) {
      events.modelsChanged();
    }
    return renamed;
  }

  private Renamed renameLocked(ModelType type, String filePath, String newName) {
    ModelEntry entry = sources.require(type, filePath);
    Path model = Path.of(entry.filePath());
    String fileName = model.getFileName().toString();
    String oldBase = PathNames.baseName(fileName);
    if (newName.equals(oldBase)) {
      return new Renamed(entry, List.of());
    }
    String longest = fileName.substring(oldBase.length());
    for (String suffix : CompanionFiles.present(model)) {
      longest = suffix.length() > longest.length() ? suffix : longest;
    }
    FileNameRules.check(newName, longest);
    Path folder = model.getParent();
    String clash;
    try {
      clash = CompanionFiles.taken(folder, newName, type, true);
    } catch (IOException e) {
      throw new LmException(
          LmException.Kind.UNAVAILABLE, "Cannot list " + folder + ": " + e.getMessage(), e);
    }
    if (clash != null) {
      throw LmException.conflict(
          "A file with this name already exists: " + PathNames.slashes(folder.resolve(clash)));
    }
    ModelRelocator.Relocated relocated = relocator.relocate(type, entry, folder, newName);
    List<String> renamed =
        relocated.steps().stream().map(step -> PathNames.slashes(step.to())).toList();
    return new Renamed(relocated.entry(), renamed);
  }
}
