package io.loramanager.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.errors.LmException;
import io.loramanager.settings.LmConfig;
import io.loramanager.storage.JsonFiles;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * When each recipe was last opened (anchor-recipes §4.10, {@code POST /recipe/{id}/opened}), for
 * the {@code opened} sort. Kept outside the recipe files in {@code <data dir>/stats/
 * recipe_last_opened.json} as {@code {id: unix seconds}}. As the reference: opens within one second
 * are written together, the disk copy is merged in (the later time wins, so two servers or an edit
 * by hand lose nothing), and the file is replaced atomically. A pending write is done on shutdown.
 */
@ApplicationScoped
public class RecipeOpenStats {

  static final String FILE = "stats/recipe_last_opened.json";
  private static final long DEBOUNCE_MS = 1000;
  private static final Logger LOG = Logger.getLogger(RecipeOpenStats.class);

  private final Path file;
  private final JsonFiles json;
  private final Clock clock;
  private final RecipeLookup lookup;
  private final ScheduledExecutorService writer;
  private final Map<String, Double> opened = new ConcurrentHashMap<>();
  private boolean loaded;
  private ScheduledFuture<?> pending;

  @Inject
  public RecipeOpenStats(LmConfig config, JsonFiles json, Clock clock, RecipeLookup lookup) {
    this.file = config.dataDir().resolve(FILE);
    this.json = json;
    this.clock = clock;
    this.lookup = lookup;
    this.writer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "recipe-open-stats");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Records that the recipe was opened now; 404 when there is no such recipe file. */
  public void recordOpen(String id) {
    var recipe = lookup.byId(id);
    if (!Files.isRegularFile(recipe.jsonPath())) {
      throw LmException.notFound("Recipe not found");
    }
    ensureLoaded();
    opened.merge(recipe.id(), clock.millis() / 1000.0, Math::max);
    scheduleWrite();
  }

  /** Recipe id → last open (unix seconds), for the {@code opened} sort. */
  public Map<String, Double> lastOpened() {
    ensureLoaded();
    return Collections.unmodifiableMap(opened);
  }

  private synchronized void ensureLoaded() {
    if (!loaded) {
      loaded = true;
      readDisk().forEach((id, at) -> opened.merge(id, at, Math::max));
    }
  }

  private synchronized void scheduleWrite() {
    if (pending == null || pending.isDone()) {
      pending = writer.schedule(this::write, DEBOUNCE_MS, TimeUnit.MILLISECONDS);
    }
  }

  /** Merges the disk copy in and replaces the file (sorted keys, so diffs stay readable). */
  synchronized void write() {
    pending = null; // an open recorded from here on schedules the next write
    readDisk().forEach((id, at) -> opened.merge(id, at, Math::max));
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    new TreeMap<>(opened).forEach(tree::put);
    try {
      Files.createDirectories(file.getParent());
      json.write(file, tree);
    } catch (IOException e) {
      // Open times are a convenience: the next open tries again.
      LOG.warnf("Cannot write %s: %s", file, e.getMessage());
    }
  }

  private Map<String, Double> readDisk() {
    Map<String, Double> disk = new HashMap<>();
    if (!Files.exists(file)) {
      return disk;
    }
    try {
      ObjectNode tree = json.readObject(file);
      tree.fields()
          .forEachRemaining(
              entry -> {
                JsonNode at = entry.getValue();
                if (at.isNumber()) {
                  disk.put(entry.getKey(), at.asDouble());
                }
              });
    } catch (IOException e) {
      LOG.warnf("Ignoring unreadable %s: %s", file, e.getMessage());
    }
    return disk;
  }

  @PreDestroy
  synchronized void flushOnShutdown() {
    if (pending != null && pending.cancel(false)) {
      write();
    }
    writer.shutdown();
  }
}
