package io.loramanager.library;

import io.loramanager.errors.LmException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The in-memory catalogue: the current {@link CatalogSnapshot} of each type. Reads are lock-free;
 * {@link LibraryScanner} (the one writer per type) swaps in new snapshots.
 */
@ApplicationScoped
public class ModelCatalog {

  private final Map<ModelType, CatalogSnapshot> snapshots = new ConcurrentHashMap<>();
  private final Set<ModelType> loaded = ConcurrentHashMap.newKeySet();
  private final Map<ModelType, ReentrantLock> writers = new EnumMap<>(ModelType.class);

  public ModelCatalog() {
    for (ModelType type : ModelType.values()) {
      snapshots.put(type, CatalogSnapshot.empty(type));
      writers.put(type, new ReentrantLock());
    }
  }

  /**
   * Runs a change of one type's catalogue (a scan, an edit, a move) as its only writer: changes of
   * a type never interleave, so none is lost. Readers are never blocked.
   */
  public <T> T change(ModelType type, Supplier<T> work) {
    ReentrantLock writer = writers.get(type);
    writer.lock();
    try {
      return work.get();
    } finally {
      writer.unlock();
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
