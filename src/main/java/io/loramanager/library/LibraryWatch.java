package io.loramanager.library;

import io.loramanager.settings.LmConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Catalogues changes made on disk without a manual rescan ({@code lm.scan.watch}): once start-up is
 * done, a {@link RootWatcher} rescans a type when files under its roots change.
 */
@ApplicationScoped
public class LibraryWatch {

  private static final Logger LOG = Logger.getLogger(LibraryWatch.class);

  private final LibraryRoots roots;
  private final LibraryScanner scanner;
  private final LmConfig.Scan config;
  private RootWatcher watcher;
  private Map<ModelType, List<ModelRoot>> watched;

  @Inject
  public LibraryWatch(LibraryRoots roots, LibraryScanner scanner, LmConfig config) {
    this.roots = roots;
    this.scanner = scanner;
    this.config = config.scan();
  }

  // After start-up, so that the watcher's rescans never race the first full scan.
  synchronized void onLibraryReady(@Observes LibraryReady event) {
    if (!config.watch() || watcher != null) {
      return;
    }
    try {
      watcher = new RootWatcher(config.watchDebounce(), this::rescan);
    } catch (IOException e) {
      LOG.warnf("Cannot watch the model folders (%s); changes need a manual rescan", e);
      return;
    }
    followRoots();
    LOG.infof("Watching the model folders (debounce %s)", config.watchDebounce());
  }

  /**
   * Watches the roots as {@link LibraryRoots} last resolved them; cheap when they are unchanged.
   * Call after {@link LibraryRoots#refresh()} when the configured folders change.
   */
  public synchronized void followRoots() {
    if (watcher == null) {
      return;
    }
    Map<ModelType, List<ModelRoot>> current = new EnumMap<>(ModelType.class);
    for (ModelType type : ModelType.values()) {
      current.put(type, roots.of(type));
    }
    if (!current.equals(watched)) {
      watched = current;
      watcher.watch(current);
    }
  }

  private void rescan(ModelType type) {
    LOG.debugf("%s folders changed on disk; rescanning", type.label());
    scanner.scan(type, false);
    followRoots(); // the scan re-resolved the roots; a folder may have appeared or gone
  }

  @PreDestroy
  synchronized void stop() {
    if (watcher != null) {
      watcher.close();
      watcher = null;
    }
  }
}
