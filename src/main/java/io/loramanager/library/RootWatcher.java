package io.loramanager.library;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Turns file-system events under the model roots into one debounced "rescan this type" call per
 * burst of changes. A {@link WatchService} is not recursive, so every folder under every root is
 * registered, new folders as they appear, except {@code .lm-pending-delete}. Callbacks run one at a
 * time on a daemon thread, {@code debounce} after the last relevant event of their type.
 */
public final class RootWatcher implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(RootWatcher.class);
  private static final WatchEvent.Kind<?>[] KINDS = {ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY};

  private final Duration debounce;
  private final Consumer<ModelType> onChange;
  private final WatchService service;
  private final ScheduledThreadPoolExecutor scheduler;
  private final Object registration = new Object();
  private final Map<WatchKey, Watched> keys = new HashMap<>();
  private final Map<ModelType, ScheduledFuture<?>> pending = new EnumMap<>(ModelType.class);
  private final AtomicBoolean warned = new AtomicBoolean();
  private volatile boolean closed;

  /** A watched folder and the types whose roots contain it. */
  private record Watched(Path dir, Set<ModelType> types) {
    Watched with(Watched other) {
      Set<ModelType> union = EnumSet.copyOf(types);
      union.addAll(other.types);
      return new Watched(dir, union);
    }
  }

  /**
   * Starts the watcher with nothing registered; call {@link #watch} with the roots.
   *
   * @param onChange called with a type once its roots have been quiet for {@code debounce}
   */
  public RootWatcher(Duration debounce, Consumer<ModelType> onChange) throws IOException {
    this.debounce = debounce;
    this.onChange = onChange;
    this.service = FileSystems.getDefault().newWatchService();
    this.scheduler = new ScheduledThreadPoolExecutor(1, daemon("lm-root-watch-debounce"));
    // A burst of events cancels many pending calls; drop them now rather than at their due time.
    scheduler.setRemoveOnCancelPolicy(true);
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    daemon("lm-root-watch").newThread(this::pollEvents).start();
  }

  /**
   * Watches exactly these roots: folders newly under them are registered, folders no longer under
   * any root are dropped, and each folder reports to the types whose roots now contain it.
   */
  public void watch(Map<ModelType, List<ModelRoot>> roots) {
    synchronized (registration) {
      if (closed) {
        return;
      }
      Set<WatchKey> seen = new HashSet<>();
      try {
        roots.forEach(
            (type, list) ->
                list.forEach(root -> registerTree(root.path(), EnumSet.of(type), seen)));
      } catch (ClosedWatchServiceException e) {
        return; // closed meanwhile
      }
      for (Iterator<WatchKey> it = keys.keySet().iterator(); it.hasNext(); ) {
        WatchKey key = it.next();
        if (!seen.contains(key)) {
          key.cancel();
          it.remove();
        }
      }
    }
  }

  /** Stops watching: no callback starts afterwards; one already running is left to finish. */
  @Override
  public void close() {
    synchronized (pending) {
      closed = true;
      scheduler.shutdown();
    }
    try {
      service.close();
    } catch (IOException e) {
      LOG.debugf("Closing the watch service failed: %s", e);
    }
  }

  private void pollEvents() {
    try {
      while (true) {
        WatchKey key = service.take();
        try {
          handle(key);
        } catch (RuntimeException e) {
          if (!closed) { // after close(), registering fails by design
            LOG.warnf(e, "Handling file-system events under %s failed", key.watchable());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ClosedWatchServiceException e) {
      LOG.debug("Root watcher stopped");
    }
  }

  private void handle(WatchKey key) {
    List<WatchEvent<?>> events = key.pollEvents();
    Set<ModelType> changed = EnumSet.noneOf(ModelType.class);
    synchronized (registration) {
      Watched watched = keys.get(key);
      if (watched == null) {
        key.cancel(); // dropped by watch() or forget() while its events were queued
        return;
      }
      for (WatchEvent<?> event : events) {
        if (event.kind() == OVERFLOW) {
          // Events were lost, folder creations among them: register what is there now.
          registerTree(watched.dir(), watched.types(), new HashSet<>(keys.keySet()));
          changed.addAll(watched.types());
        } else {
          Path path = watched.dir().resolve((Path) event.context());
          changed.addAll(affected(watched, event.kind(), path));
        }
      }
      if (!key.reset()) { // the folder itself is gone
        keys.remove(key);
        changed.addAll(watched.types());
      }
    }
    changed.forEach(this::schedule);
  }

  /** The types an event concerns; none for files no scan reads. */
  private Set<ModelType> affected(Watched watched, WatchEvent.Kind<?> kind, Path path) {
    String name = path.getFileName().toString();
    if (ignored(name)) {
      return Set.of();
    }
    if (kind == ENTRY_CREATE && Files.isDirectory(path)) {
      registerTree(path, watched.types(), new HashSet<>(keys.keySet()));
      return watched.types();
    }
    Set<ModelType> types = readBy(watched.types(), name);
    if (types.isEmpty() && kind == ENTRY_DELETE && forget(path)) {
      return watched.types();
    }
    return types;
  }

  /** Our own atomic-write temp files, partial downloads and the undo folder. */
  private static boolean ignored(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".tmp")
        || lower.endsWith(".part")
        || LibraryWalker.PENDING_DELETE_DIR.equals(name);
  }

  /** The types whose scan reads a file of this name: their model files, sidecars and previews. */
  private static Set<ModelType> readBy(Set<ModelType> types, String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(SidecarStore.SUFFIX) || lower.endsWith(SidecarStore.CIVITAI_INFO_SUFFIX)) {
      return types;
    }
    for (String suffix : PreviewLocator.SUFFIXES) {
      if (lower.endsWith(suffix)) {
        return types;
      }
    }
    Set<ModelType> models = EnumSet.noneOf(ModelType.class);
    for (ModelType type : types) {
      if (type.accepts(name)) {
        models.add(type);
      }
    }
    return models;
  }

  /** Drops the watches of a folder that was deleted or moved away; true when it was watched. */
  private boolean forget(Path dir) {
    boolean found = false;
    for (Iterator<Map.Entry<WatchKey, Watched>> it = keys.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<WatchKey, Watched> entry = it.next();
      if (entry.getValue().dir().startsWith(dir)) {
        entry.getKey().cancel();
        it.remove();
        found = true;
      }
    }
    return found;
  }

  /**
   * Registers a folder and every folder below it (following links, as the scan does).
   *
   * @param seen keys already registered in this pass: their types are widened, others replaced
   */
  private void registerTree(Path start, Set<ModelType> types, Set<WatchKey> seen) {
    try {
      Files.walkFileTree(
          start,
          EnumSet.of(FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              if (LibraryWalker.PENDING_DELETE_DIR.equals(String.valueOf(dir.getFileName()))) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              register(dir, types, seen);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              if (!(e instanceof FileSystemLoopException)) { // a loop's folder is watched already
                cannotWatch(file, e);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      cannotWatch(start, e);
    }
  }

  private void register(Path dir, Set<ModelType> types, Set<WatchKey> seen) {
    try {
      WatchKey key = dir.register(service, KINDS);
      Watched watched = new Watched(dir, types);
      if (seen.add(key)) {
        keys.put(key, watched);
      } else {
        keys.merge(key, watched, Watched::with);
      }
    } catch (IOException e) {
      cannotWatch(dir, e);
    }
  }

  private void cannotWatch(Path dir, IOException e) {
    if (warned.compareAndSet(false, true)) {
      LOG.warnf(
          "Cannot watch %s for changes (%s); changes there and in any other folder that cannot be"
              + " watched are catalogued only by a manual rescan. On Linux, a full inotify table"
              + " is raised with sysctl fs.inotify.max_user_watches.",
          dir, e);
    } else {
      LOG.debugf("Cannot watch %s: %s", dir, e);
    }
  }

  /** (Re)starts the quiet period of a type; the callback runs when it ends. */
  private void schedule(ModelType type) {
    synchronized (pending) {
      if (closed) {
        return;
      }
      ScheduledFuture<?> previous = pending.get(type);
      if (previous != null) {
        previous.cancel(false); // a running callback finishes; this one queues behind it
      }
      pending.put(
          type, scheduler.schedule(() -> fire(type), debounce.toNanos(), TimeUnit.NANOSECONDS));
    }
  }

  private void fire(ModelType type) {
    if (closed) {
      return;
    }
    try {
      onChange.accept(type);
    } catch (RuntimeException e) {
      LOG.warnf(e, "Reacting to changes in the %s folders failed", type.label());
    }
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
