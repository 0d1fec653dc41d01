package io.loramanager.library;

import io.loramanager.events.ProgressEvents;
import io.loramanager.settings.SettingsChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Makes a change of {@code folder_paths} or {@code extra_folder_paths} (a settings POST or a
 * library activation) take effect without a restart: the roots are resolved again, each type whose
 * roots changed is rescanned before the change is answered (models of a removed root leave the
 * catalogue, models of a new one join it), and the watcher follows the new roots. Changes made
 * during start-up are caught up once it is done.
 */
@ApplicationScoped
public class LibraryRootsFollower {

  private static final Logger LOG = Logger.getLogger(LibraryRootsFollower.class);

  private final LibraryRoots roots;
  private final LibraryScanner scanner;
  private final LibraryWatch watch;
  private final ProgressEvents events;
  private Map<ModelType, List<ModelRoot>> followed;

  @Inject
  public LibraryRootsFollower(
      LibraryRoots roots, LibraryScanner scanner, LibraryWatch watch, ProgressEvents events) {
    this.roots = roots;
    this.scanner = scanner;
    this.watch = watch;
    this.events = events;
  }

  synchronized void onLibraryReady(@Observes LibraryReady event) {
    if (followed == null) {
      followed = resolvedRoots();
    }
    follow(); // start-up may have scanned with roots changed while it ran
  }

  synchronized void onSettingsChanged(@Observes SettingsChanged change) {
    if (!change.changed("folder_paths") && !change.changed("extra_folder_paths")) {
      return;
    }
    if (followed == null) {
      return; // start-up has not finished: its scans and onLibraryReady see the new roots
    }
    follow();
  }

  private void follow() {
    Map<ModelType, List<ModelRoot>> now = new EnumMap<>(roots.refresh());
    boolean rootsChanged = false;
    boolean modelsChanged = false;
    for (ModelType type : ModelType.values()) {
      if (now.get(type).equals(followed.get(type))) {
        continue;
      }
      rootsChanged = true;
      LOG.infof(
          "%s folders changed in the settings: %s",
          type.label(), now.get(type).stream().map(ModelRoot::display).toList());
      try {
        modelsChanged |= scanner.scan(type, false).changedSet();
      } catch (RuntimeException e) {
        // The settings are saved either way; a later scan (manual or watcher) catches up.
        LOG.errorf(e, "Rescanning the %s folders after a settings change failed", type.label());
      }
    }
    followed = now;
    if (rootsChanged) {
      watch.followRoots();
      if (!modelsChanged) {
        events.modelsChanged(); // the folders changed even though no model did
      }
    }
  }

  private Map<ModelType, List<ModelRoot>> resolvedRoots() {
    Map<ModelType, List<ModelRoot>> resolved = new EnumMap<>(ModelType.class);
    for (ModelType type : ModelType.values()) {
      resolved.put(type, roots.of(type));
    }
    return resolved;
  }
}
