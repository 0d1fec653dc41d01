package io.loramanager.recipe;

import io.loramanager.library.lifecycle.PendingDeletes;
import io.loramanager.recipe.store.RecipeFolder;
import io.loramanager.recipe.store.RecipeSync;
import io.loramanager.storage.Database;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Loads the recipe book in the background at start: pending deletes left in the recipes folder are
 * swept, then the SQLite copy is reconciled with the files ({@link RecipeSync}). Recipe endpoints
 * answer 503 until then.
 */
@ApplicationScoped
public class RecipeStartup {

  private static final Logger LOG = Logger.getLogger(RecipeStartup.class);

  private final Database database;
  private final RecipeSync sync;
  private final RecipeFolder folder;
  private final PendingDeletes pending;
  private final Clock clock;
  private final ExecutorService background =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "recipe-startup");
            thread.setDaemon(true);
            return thread;
          });

  @Inject
  public RecipeStartup(
      Database database,
      RecipeSync sync,
      RecipeFolder folder,
      PendingDeletes pending,
      Clock clock) {
    this.database = database;
    this.sync = sync;
    this.folder = folder;
    this.pending = pending;
    this.clock = clock;
  }

  void onStart(@Observes StartupEvent event) {
    background.submit(this::bringUp);
  }

  void onStop(@Observes ShutdownEvent event) {
    background.shutdownNow();
  }

  private void bringUp() {
    try {
      database.open();
      folder.root().ifPresent(root -> pending.sweepFolder(root, clock.instant()));
      RecipeSync.Report report = sync.sync();
      LOG.infof(
          "Recipes loaded: %d (%d unchanged, %d read from files, %d removed, %d problems)",
          report.total(),
          report.reused(),
          report.read(),
          report.removed(),
          report.problems().size());
    } catch (RuntimeException e) {
      LOG.error("Recipe start-up failed", e);
    }
  }
}
