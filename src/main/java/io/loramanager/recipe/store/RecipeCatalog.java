package io.loramanager.recipe.store;

import io.loramanager.errors.LmException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The in-memory recipe book: one {@link RecipeSnapshot}, read lock-free and replaced by one writer
 * at a time ({@link #change}), so concurrent saves, edits and deletes never lose each other.
 */
@ApplicationScoped
public class RecipeCatalog {

  private final ReentrantLock writer = new ReentrantLock();
  private volatile RecipeSnapshot snapshot = RecipeSnapshot.empty(null);
  private volatile boolean loaded;

  /** Runs a change as the only writer: file writes, the SQLite copy and the swap. */
  public <T> T change(Supplier<T> work) {
    writer.lock();
    try {
      return work.get();
    } finally {
      writer.unlock();
    }
  }

  /** The current snapshot; 503 until the recipes are loaded. */
  public RecipeSnapshot snapshot() {
    if (!loaded) {
      throw LmException.notReady("Service not ready: the recipes are loading");
    }
    return snapshot;
  }

  public boolean isLoaded() {
    return loaded;
  }

  /** Swaps in a new snapshot; call inside {@link #change}. */
  public void publish(RecipeSnapshot next) {
    if (!writer.isHeldByCurrentThread()) {
      throw new IllegalStateException("publish outside change()");
    }
    snapshot = next;
    loaded = true;
  }

  /**
   * Records a change made to the files: the SQLite rows (and their search text) first, then the
   * snapshot readers see. Call inside {@link #change}.
   */
  public void commit(RecipeTable table, List<Recipe> upserts, List<String> removedIds) {
    if (!writer.isHeldByCurrentThread()) {
      throw new IllegalStateException("commit outside change()");
    }
    table.apply(upserts, removedIds);
    snapshot = snapshot.with(upserts, removedIds);
  }
}
