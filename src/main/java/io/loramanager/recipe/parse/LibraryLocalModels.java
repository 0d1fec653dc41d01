package io.loramanager.recipe.parse;

import io.loramanager.library.CatalogSnapshot;
import io.loramanager.library.HashIndex;
import io.loramanager.library.ModelCatalog;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.library.PathNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@link LocalModels} over the live catalogue: the current snapshot of each type, never locked. */
@ApplicationScoped
public class LibraryLocalModels implements LocalModels {

  private final ModelCatalog catalog;

  @Inject
  public LibraryLocalModels(ModelCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public Optional<ModelEntry> loraByHash(String hash) {
    return byHash(ModelType.LORA, hash);
  }

  @Override
  public Optional<ModelEntry> checkpointByHash(String hash) {
    return byHash(ModelType.CHECKPOINT, hash);
  }

  @Override
  public Optional<ModelEntry> loraByName(String name, String recipeBaseModel) {
    return byName(catalog.current(ModelType.LORA).active(), name, recipeBaseModel);
  }

  @Override
  public Optional<ModelEntry> loraByVersionId(long versionId) {
    for (ModelEntry entry : catalog.current(ModelType.LORA).active()) {
      Long id = entry.civitaiVersionId();
      if (id != null && id == versionId) {
        return Optional.of(entry);
      }
    }
    return Optional.empty();
  }

  private Optional<ModelEntry> byHash(ModelType type, String hash) {
    if (hash == null || hash.isBlank()) {
      return Optional.empty();
    }
    CatalogSnapshot snapshot = catalog.current(type);
    HashIndex index = snapshot.hashIndex();
    String path = index.pathOf(hash.trim());
    return path == null ? Optional.empty() : Optional.ofNullable(snapshot.byPath(path));
  }

  /** The unambiguous match of a name among {@code entries}; shared with the test fake. */
  static Optional<ModelEntry> byName(List<ModelEntry> entries, String name, String baseModel) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    String wanted = stem(name);
    List<ModelEntry> named = new ArrayList<>();
    for (ModelEntry entry : entries) {
      if (entry.fileName().toLowerCase(Locale.ROOT).equals(wanted)) {
        named.add(entry);
      }
    }
    if (baseModel != null && !baseModel.isBlank()) {
      named.removeIf(e -> !e.baseModel().isBlank() && !e.baseModel().equalsIgnoreCase(baseModel));
    }
    return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
  }

  /** The lower-cased base name of a LoRA reference: no folder, no {@code .safetensors}. */
  static String stem(String name) {
    String last = PathNames.lastSegment(name.trim().replace('\\', '/'));
    String lower = last.toLowerCase(Locale.ROOT);
    for (String extension : List.of(".safetensors", ".ckpt", ".pt", ".bin", ".pth")) {
      if (lower.endsWith(extension)) {
        return lower.substring(0, lower.length() - extension.length());
      }
    }
    return lower;
  }
}
