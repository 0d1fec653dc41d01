package io.loramanager.library;

import io.loramanager.errors.LmException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory catalogue: the current {@link CatalogSnapshot} of each type. Reads are lock-free;
 * {@link LibraryScanner} (the one writer per type) swaps in new snapshots.
 */
@ApplicationScoped
public class ModelCatalog {

  private final Map<ModelType, CatalogSnapshot> snapshots = new ConcurrentHashMap<>();
  private final Set<ModelType> loaded = ConcurrentHashMap.newKeySet();

  public ModelCatalog() {
    for (ModelType type : ModelType.values()) {
      snapshots.put(type, CatalogSnapshot.empty(type));
    }
  }

  /** The current snapshot; 503 until the type's catalogue is loaded. */
  public CatalogSnapshot snapshot(ModelType type) {
    if (!loaded.contains(type)) {
      throw LmException.notReady("Service not ready: the " + type.id() + " catalogue is loading");
    }
    return current(type);
  }

  /** The current snapshot, loaded or not. */
  public CatalogSnapshot current(ModelType type) {
    return snapshots.get(type);
  }

  public boolean isLoaded(ModelType type) {
    return loaded.contains(type);
  }

  public boolean allLoaded() {
    return loaded.size() == ModelType.values().length;
  }

  /** Swaps in a new snapshot and marks the type loaded. */
  void publish(CatalogSnapshot snapshot) {
    snapshots.put(snapshot.type(), snapshot);
    loaded.add(snapshot.type());
  }
}
