package io.loramanager.library;

import io.loramanager.library.query.SortSpec;
import io.loramanager.library.query.SortedViews;
import io.loramanager.settings.LibrarySettings;
import io.loramanager.storage.Database;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Brings the catalogue up without holding the server: per type, serve the SQLite copy at once, then
 * reconcile with the disk in the background; with no copy, scan first. Readiness turns true once
 * every type is loaded.
 */
@ApplicationScoped
public class LibraryStartup {

  private static final Logger LOG = Logger.getLogger(LibraryStartup.class);

  private final Database database;
  private final LibraryScanner scanner;
  private final ModelCatalog catalog;
  private final LibrarySettings settings;
  private final ExecutorService background =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "library-startup");
            thread.setDaemon(true);
            return thread;
          });

  @Inject Event<LibraryReady> ready;

  @Inject
  public LibraryStartup(
      Database database, LibraryScanner scanner, ModelCatalog catalog, LibrarySettings settings) {
    this.database = database;
    this.scanner = scanner;
    this.catalog = catalog;
    this.settings = settings;
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
      List<ModelType> stored = new ArrayList<>();
      List<ModelType> empty = new ArrayList<>();
      for (ModelType type : ModelType.values()) {
        (scanner.loadStored(type) ? stored : empty).add(type);
      }
      // Types with nothing stored are not ready yet: scan those first.
      for (ModelType type : empty) {
        scanAndLog(type, "built");
      }
      // The first page of the grid needs the name order; build it before the reconcile competes
      // for the cores. A reconcile that changes nothing keeps this snapshot and its views.
      for (ModelType type : stored) {
        SortedViews.sorted(catalog.current(type), SortSpec.NAME, settings.displayFileName());
      }
      for (ModelType type : stored) {
        scanAndLog(type, "reconciled");
      }
      ready.fire(new LibraryReady());
    } catch (RuntimeException e) {
      LOG.error("Library start-up failed", e);
    }
  }

  private void scanAndLog(ModelType type, String verb) {
    ScanReport report = scanner.scan(type, false);
    LOG.infof(
        "%s catalogue %s: %d models (%d added, %d updated, %d removed, %d problems)",
        type.label(),
        verb,
        report.total(),
        report.added(),
        report.updated(),
        report.removed(),
        report.problems().size());
  }
}
