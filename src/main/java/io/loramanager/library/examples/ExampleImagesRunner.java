package io.loramanager.library.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.errors.FileErrorReason;
import io.loramanager.errors.LmException;
import io.loramanager.events.ProgressEvents;
import io.loramanager.library.CorruptSidecarException;
import io.loramanager.library.ModelCatalog;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelMetadata;
import io.loramanager.library.ModelType;
import io.loramanager.library.SidecarStore;
import io.loramanager.library.lifecycle.SidecarEditor;
import io.loramanager.settings.SettingsStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * The example-image run (anchor-downloads §7): one at a time, in the background, over every
 * catalogued model with a SHA-256 of the requested types. Its history lives in the progress file,
 * read at every start and written after every model, so a stopped or interrupted run (even by a
 * restart) resumes where it was.
 */
@ApplicationScoped
public class ExampleImagesRunner {

  private static final Logger LOG = Logger.getLogger(ExampleImagesRunner.class);
  static final List<ModelType> DEFAULT_TYPES = List.of(ModelType.LORA, ModelType.CHECKPOINT);

  private final ExampleImagesFolder folders;
  private final ProgressFile progressFile;
  private final ModelMediaDownloader media;
  private final MetadataRefresher refresher;
  private final ModelCatalog catalog;
  private final SidecarStore sidecars;
  private final SidecarEditor editor;
  private final SettingsStore settings;
  private final ProgressEvents events;
  private final Clock clock;
  private final RunState state = new RunState();
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "example-images-run");
            thread.setDaemon(true);
            return thread;
          });

  @Inject
  public ExampleImagesRunner(
      ExampleImagesFolder folders,
      ProgressFile progressFile,
      ModelMediaDownloader media,
      MetadataRefresher refresher,
      ModelCatalog catalog,
      SidecarStore sidecars,
      SidecarEditor editor,
      SettingsStore settings,
      ProgressEvents events,
      Clock clock) {
    this.folders = folders;
    this.progressFile = progressFile;
    this.media = media;
    this.refresher = refresher;
    this.catalog = catalog;
    this.sidecars = sidecars;
    this.editor = editor;
    this.settings = settings;
    this.events = events;
    this.clock = clock;
  }

  @PreDestroy
  void shutdown() {
    worker.shutdownNow();
  }

  /**
   * What a run works on. {@code modelHashes} non-empty = explicit targets: only those models,
   * failed ones retried, missing images filled in.
   */
  public record Options(
      boolean autoMode,
      boolean optimize,
      List<ModelType> types,
      double delaySeconds,
      boolean force,
      List<String> modelHashes) {

    public Options {
      types = types == null || types.isEmpty() ? DEFAULT_TYPES : List.copyOf(types);
      modelHashes =
          modelHashes == null
              ? List.of()
              : modelHashes.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    }
  }

  /** How a start ended: a message and, when a run started, its snapshot. */
  public record Started(String message, Map<String, Object> status) {}

  /** Starts a run in the background; 400 when one is active or no folder is configured. */
  public Started start(Options options) {
    var root = folders.root();
    if (root.isEmpty()) {
      if (options.autoMode()) {
        return new Started("Example images path not configured, skipping auto download", null);
      }
      throw LmException.badInput("Example images path not configured in settings");
    }
    // The run stays in the library active now, even if another is activated meanwhile.
    Path libraryRoot = folders.libraryRootIn(root.get());
    Path progress = folders.progressFileOf(root.get(), libraryRoot);
    ProgressFile.History history = progressFile.load(progress);
    state.start(history, now());
    broadcast();
    worker.submit(() -> run(new Location(root.get(), libraryRoot), history.raw(), options));
    return new Started("Download started", state.snapshot());
  }

  /**
   * After a model download: fetches its example images when {@code auto_download_example_images} is
   * on; skipped silently while another run is active. The seam the download manager calls.
   */
  public void afterModelDownloaded(ModelType type, String sha256) {
    if (!settings.bool("auto_download_example_images", false)
        || sha256 == null
        || sha256.isBlank()
        || folders.root().isEmpty()) {
      return;
    }
    try {
      start(
          new Options(
              true,
              settings.bool("optimize_example_images", true),
              List.of(type),
              0,
              false,
              List.of(sha256)));
    } catch (RunInProgress e) {
      LOG.debugf("Example images for %s skipped: a run is active", sha256);
    }
  }

  public void pause() {
    state.pause();
    broadcast();
  }

  public void resume() {
    state.resume();
    broadcast();
  }

  public void stop() {
    state.stop();
    broadcast();
  }

  public boolean isRunning() {
    return state.status().active();
  }

  public Map<String, Object> status() {
    return state.snapshot();
  }

  /** How many models still need their images, from the progress file and the folders. */
  public Map<String, Object> needed(List<ModelType> types) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("success", true);
    if (isRunning()) {
      out.put("is_downloading", true);
      out.put("total_models", 0);
      out.put("pending_count", 0);
      out.put("processed_count", 0);
      out.put("failed_count", 0);
      out.put("needs_download", false);
      out.put("message", "Download already in progress");
      return out;
    }
    Path top = folders.requireRoot();
    Path root = folders.libraryRootIn(top);
    ProgressFile.History history = progressFile.load(folders.progressFileOf(top, root));
    List<Target> models = targets(types, List.of());
    int pending = 0;
    int processed = 0;
    int failed = 0;
    for (Target model : models) {
      if (history.processed().contains(model.hash())) {
        processed++;
      } else if (history.failed().contains(model.hash())) {
        failed++;
      } else if (!ExampleImagesFolder.hasFiles(root.resolve(model.hash()))
          && (top.equals(root) || !ExampleImagesFolder.hasFiles(top.resolve(model.hash())))) {
        pending++;
      }
    }
    out.put("is_downloading", false);
    out.put("total_models", models.size());
    out.put("pending_count", pending);
    out.put("processed_count", processed);
    out.put("failed_count", failed);
    out.put("needs_download", pending > 0);
    return out;
  }

  private record Target(ModelType type, ModelEntry entry, String hash) {

    String label() {
      return entry.modelName() + " (" + hash.substring(0, 8) + ")";
    }
  }

  private List<Target> targets(List<ModelType> types, List<String> hashes) {
    Map<String, Target> byHash = new LinkedHashMap<>();
    for (ModelType type : types) {
      for (ModelEntry entry : catalog.snapshot(type).active()) {
        String hash = entry.sha256() == null ? "" : entry.sha256().toLowerCase(Locale.ROOT);
        if (hash.length() == 64 && (hashes.isEmpty() || hashes.contains(hash))) {
          byHash.putIfAbsent(hash, new Target(type, entry, hash));
        }
      }
    }
    return new ArrayList<>(byHash.values());
  }

  /** The configured folder and the folder of the library a run works in (the same with one). */
  private record Location(Path root, Path libraryRoot) {}

  private void run(Location location, ObjectNode rawProgress, Options options) {
    Path progress = folders.progressFile(location.libraryRoot());
    try {
      List<Target> models = targets(options.types(), options.modelHashes());
      state.total(models.size());
      broadcast();
      for (int i = 0; i < models.size(); i++) {
        if (!state.awaitTurn()) {
          break;
        }
        Target model = models.get(i);
        state.current(model.label());
        broadcast();
        boolean fetched = process(location, model, options);
        state.modelDone();
        save(progress, rawProgress);
        broadcast();
        if (fetched && options.delaySeconds() > 0 && i < models.size() - 1) {
          state.pauseBetweenModels((long) (options.delaySeconds() * 1000));
        }
      }
      save(progress, rawProgress);
      state.finish(now());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      saveQuietly(progress, rawProgress);
      state.fail("Error during example images download: interrupted", now());
    } catch (IOException e) {
      // Only the progress file throws here: without it the run's record would be lost unseen.
      LOG.errorf("Example images run failed: %s", e.getMessage());
      state.fail("Error during example images download: " + e.getMessage(), now());
    } catch (RuntimeException e) {
      LOG.error("Example images run failed", e);
      saveQuietly(progress, rawProgress);
      state.fail("Error during example images download: " + e.getMessage(), now());
    }
    broadcast();
  }

  /** One model; true when it went to the network (the inter-model delay applies). */
  private boolean process(Location location, Target model, Options options)
      throws InterruptedException {
    String hash = model.hash();
    boolean explicit = !options.modelHashes().isEmpty();
    if (state.isFailed(hash) && !options.force() && !explicit) {
      return false;
    }
    folders.adoptLegacyFolder(location.root(), location.libraryRoot(), hash);
    Path folder = location.libraryRoot().resolve(hash);
    if (!explicit) {
      boolean hasFiles = ExampleImagesFolder.hasFiles(folder);
      boolean processed = state.isProcessed(hash);
      if (processed && hasFiles) {
        return false;
      }
      if (!processed && hasFiles) {
        state.markProcessed(hash);
        return false;
      }
      if (processed) {
        state.markReprocessed(hash);
      }
    }
    try {
      createFolder(folder);
      JsonNode images = images(model);
      if (images.isEmpty()) {
        state.markFailed(hash);
        return false;
      }
      ModelMediaDownloader.Outcome outcome = media.download(folder, images, options.optimize());
      if (!outcome.notFound().isEmpty() && !state.isRefreshed(hash)) {
        state.markRefreshed(hash);
        if (refresher.refresh(model.type(), model.entry())) {
          outcome = media.download(folder, images(model), options.optimize());
        }
      }
      classify(model, outcome, explicit || options.force());
      return outcome.attempted() > 0;
    } catch (IOException | CorruptSidecarException | LmException e) {
      state.error("Error processing model " + model.label() + ": " + e.getMessage());
      state.markFailed(hash);
      return false;
    }
  }

  private void classify(Target model, ModelMediaDownloader.Outcome outcome, boolean retrying) {
    String hash = model.hash();
    for (String failure : outcome.failures()) {
      state.error("Error processing model " + model.label() + ": " + failure);
    }
    if (!outcome.notFound().isEmpty()) {
      markNotFound(model, outcome.notFound());
    }
    if (outcome.rateLimited()) {
      state.markRateLimited(hash);
    } else if (!outcome.notFound().isEmpty()) {
      state.markProcessed(hash);
      state.markFailed(hash);
    } else if (outcome.failures().isEmpty()) {
      state.markProcessed(hash);
      if (retrying) {
        state.clearFailed(hash);
      }
    } else {
      state.markFailed(hash);
    }
  }

  /** Flags images the CDN no longer has, so that later runs skip them. */
  private void markNotFound(Target model, List<Integer> indexes) {
    editor.edit(
        model.type(),
        model.entry().filePath(),
        (entry, sidecar) -> {
          JsonNode images = sidecar.path("civitai").path("images");
          for (int index : indexes) {
            if (images.get(index) instanceof ObjectNode image) {
              image.put("downloadFailed", true);
              image.put("downloadError", "not_found");
            }
          }
        });
  }

  private JsonNode images(Target model) throws IOException, CorruptSidecarException {
    ModelMetadata metadata =
        sidecars.read(SidecarStore.sidecarOf(Path.of(model.entry().filePath())));
    JsonNode images = metadata == null ? null : metadata.civitai().get("images");
    return images != null && images.isArray() ? images : JsonNodeFactory.instance.arrayNode();
  }

  private static void createFolder(Path folder) throws IOException {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new IOException(
          "Cannot create the example images folder " + folder + ": " + FileErrorReason.of(e), e);
    }
  }

  private void save(Path progress, ObjectNode raw) throws IOException {
    try {
      progressFile.save(progress, raw, state.progress());
    } catch (IOException e) {
      throw new IOException(
          "Cannot save the progress file " + progress + ": " + FileErrorReason.of(e), e);
    }
  }

  /** After the run has already failed: the first failure is the one reported. */
  private void saveQuietly(Path progress, ObjectNode raw) {
    try {
      save(progress, raw);
    } catch (IOException e) {
      LOG.warn(e.getMessage());
    }
  }

  private void broadcast() {
    events.broadcast(state.frame());
  }

  private double now() {
    return clock.millis() / 1000.0;
  }
}
