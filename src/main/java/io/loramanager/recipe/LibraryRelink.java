package io.loramanager.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.events.Broadcast;
import io.loramanager.events.ModelsChanged;
import io.loramanager.library.ModelEntry;
import io.loramanager.recipe.store.Recipe;
import io.loramanager.recipe.store.RecipeCatalog;
import io.loramanager.recipe.store.RecipeFiles;
import io.loramanager.recipe.store.RecipeTable;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Keeps the stored {@code file_name} of recipe LoRAs in step with the library after a model is
 * renamed or moved (the reference's {@code update_lora_filename_by_hash}, here written to the
 * recipe's own file, wherever it lies). It listens to the library's {@code models_changed}
 * broadcast, so the library never depends on recipes. Reads do not wait for it: list and get link
 * by hash at read time ({@link LibraryLinks}).
 */
@ApplicationScoped
public class LibraryRelink {

  private static final Logger LOG = Logger.getLogger(LibraryRelink.class);

  private final RecipeCatalog catalog;
  private final RecipeTable table;
  private final RecipeFiles files;
  private final LibraryLinks links;
  private final AtomicBoolean queued = new AtomicBoolean();
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "recipe-relink");
            thread.setDaemon(true);
            return thread;
          });

  @Inject
  public LibraryRelink(
      RecipeCatalog catalog, RecipeTable table, RecipeFiles files, LibraryLinks links) {
    this.catalog = catalog;
    this.table = table;
    this.files = files;
    this.links = links;
  }

  void onBroadcast(@Observes Broadcast broadcast) {
    if (broadcast.payload() instanceof ModelsChanged && queued.compareAndSet(false, true)) {
      // One pass covers any number of changes made before it starts.
      worker.submit(
          () -> {
            queued.set(false);
            relink();
          });
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    worker.shutdownNow();
  }

  /** Rewrites every recipe whose linked LoRA has another file name now; returns how many. */
  public int relink() {
    if (!catalog.isLoaded()) {
      return 0;
    }
    try {
      return catalog.change(this::relinkLocked);
    } catch (RuntimeException e) {
      LOG.warnf("Updating recipe LoRA names after a library change failed: %s", e.getMessage());
      return 0;
    }
  }

  private int relinkLocked() {
    List<Recipe> changed = new ArrayList<>();
    for (Recipe recipe : catalog.snapshot().all()) {
      ObjectNode tree = null;
      List<JsonNode> loras = recipe.loras();
      for (int i = 0; i < loras.size(); i++) {
        JsonNode lora = loras.get(i);
        if (lora.path("hash").asText("").isEmpty()) {
          continue;
        }
        ModelEntry entry = links.loraOf(lora);
        if (entry != null && !entry.fileName().equals(lora.path("file_name").asText(""))) {
          tree = tree == null ? recipe.copyJson() : tree;
          ((ObjectNode) tree.withArray("loras").get(i)).put("file_name", entry.fileName());
        }
      }
      if (tree != null) {
        try {
          changed.add(files.write(catalog.snapshot().root(), recipe.jsonPath(), tree));
        } catch (IOException e) {
          LOG.warnf("Cannot update LoRA names in %s: %s", recipe.jsonPath(), e.getMessage());
        }
      }
    }
    catalog.commit(table, changed, List.of());
    return changed.size();
  }
}
