package io.loramanager.library;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the result of an operation on a few models to the catalogue: SQLite first, then a new
 * snapshot. Call it inside {@link ModelCatalog#change} so that it never interleaves with a scan.
 */
@ApplicationScoped
public class CatalogUpdater {

  private final ModelCatalog catalog;
  private final CatalogStore store;

  @Inject
  public CatalogUpdater(ModelCatalog catalog, CatalogStore store) {
    this.catalog = catalog;
    this.store = store;
  }

  /** Adds or replaces {@code upserts} (by path) and drops {@code removedPaths}. */
  public void apply(
      ModelType type, Collection<ModelEntry> upserts, Collection<String> removedPaths) {
    store.apply(type, upserts, removedPaths);
    Map<String, ModelEntry> byPath = new HashMap<>();
    for (ModelEntry entry : catalog.current(type).all()) {
      byPath.put(entry.filePath(), entry);
    }
    for (String path : removedPaths) {
      byPath.remove(path);
    }
    for (ModelEntry entry : upserts) {
      byPath.put(entry.filePath(), entry);
    }
    List<ModelEntry> entries = new ArrayList<>(byPath.values());
    entries.sort(Comparator.comparing(ModelEntry::filePath));
    catalog.publish(new CatalogSnapshot(type, entries));
  }
}
