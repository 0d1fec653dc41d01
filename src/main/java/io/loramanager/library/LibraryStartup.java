package io.loramanager.library;

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
  private final ExecutorService background =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "library-startup");
            thread.setDaemon(true);
            return thread;
          });

  @Inject Event<LibraryReady> ready;

  @Inject
  public LibraryStartup(Database database, LibraryScanner scanner) {
    this.database = database;
    this.scanner = scanner;
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
      boolean[] stored = new boolean[ModelType.values().length];
      for (ModelType type : ModelType.values()) {
        stored[type.ordinal()] = scanner.loadStored(type);
      }
      // Types with nothing stored are not ready yet: scan those before reconciling the others.
      List<ModelType> order = new ArrayList<>();
      for (ModelType type : ModelType.values()) {
        if (!stored[type.ordinal()]) {
          order.add(type);
        }
      }
      for (ModelType type : ModelType.values()) {
        if (stored[type.ordinal()]) {
          order.add(type);
        }
      }
      for (ModelType type : order) {
        ScanReport report = scanner.scan(type, false);
        LOG.infof(
            "%s catalogue %s: %d models (%d added, %d updated, %d removed, %d problems)",
            type.label(),
            stored[type.ordinal()] ? "reconciled" : "built",
            report.total(),
            report.added(),
            report.updated(),
            report.removed(),
            report.problems().size());
      }
      ready.fire(new LibraryReady());
    } catch (RuntimeException e) {
      LOG.error("Library start-up failed", e);
    }
  }
}
