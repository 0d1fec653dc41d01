package io.loramanager.library.lifecycle;

import io.loramanager.errors.LmException;
import io.loramanager.events.ProgressEvents;
import io.loramanager.library.LibraryRoots;
import io.loramanager.library.ModelCatalog;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelRoot;
import io.loramanager.library.ModelType;
import io.loramanager.library.PathNames;
import io.loramanager.library.TaskCancellation;
import io.loramanager.settings.LibrarySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Auto-organize (anchor-library §4.5): moves each model of a type (or of a list) into {@code <its
 * root>/<its template folder>}, one model at a time with the all-or-nothing move of {@link
 * ModelMover}, then removes the folders left empty. One run at a time in the whole server;
 * cancel-task stops it between two models.
 */
@ApplicationScoped
public class AutoOrganizer {

  public static final String ALREADY_RUNNING =
      "Auto-organize is already running. Please wait for it to complete.";
  static final String INSUFFICIENT_METADATA = "Skipped - insufficient metadata for organization";
  static final String NOT_IN_ROOT = "Model file not found in any configured root directory";

  /** Models between two {@code processing} frames, as the reference batches them. */
  static final int BATCH = 50;

  private final ModelCatalog catalog;
  private final LibraryRoots roots;
  private final ModelSources sources;
  private final TargetFolders folders;
  private final ModelMover mover;
  private final PathTemplates templates;
  private final LibrarySettings settings;
  private final TaskCancellation cancellation;
  private final OrganizeProgress progress;
  private final ProgressEvents events;
  private final AtomicBoolean running = new AtomicBoolean();

  @Inject
  public AutoOrganizer(
      ModelCatalog catalog,
      LibraryRoots roots,
      ModelSources sources,
      TargetFolders folders,
      ModelMover mover,
      PathTemplates templates,
      LibrarySettings settings,
      TaskCancellation cancellation,
      OrganizeProgress progress,
      ProgressEvents events) {
    this.catalog = catalog;
    this.roots = roots;
    this.sources = sources;
    this.folders = folders;
    this.mover = mover;
    this.templates = templates;
    this.settings = settings;
    this.cancellation = cancellation;
    this.progress = progress;
    this.events = events;
  }

  /**
   * Organizes models of a type.
   *
   * @param filePaths the models to organize (each must be catalogued, else 400/404 before anything
   *     moves), or null for every model of the type
   * @param exclusionPatterns globs of models to leave alone, or null for {@code
   *     auto_organize_exclusions}
   * @throws LmException 409 while another auto-organize runs
   */
  public OrganizeReport organize(
      ModelType type, List<String> filePaths, List<String> exclusionPatterns) {
    if (!running.compareAndSet(false, true)) {
      throw LmException.conflict(ALREADY_RUNNING);
    }
    String operationType = filePaths == null ? "all" : "bulk";
    try (TaskCancellation.Task task = cancellation.start(type)) {
      List<ModelEntry> models = select(type, filePaths);
      PathTemplate template = templates.of(type);
      ExclusionPatterns exclusions =
          ExclusionPatterns.of(
              exclusionPatterns != null ? exclusionPatterns : settings.autoOrganizeExclusions());
      List<ModelRoot> typeRoots = roots.of(type);
      List<Placed> placed = new ArrayList<>(models.size());
      for (ModelEntry entry : models) {
        Placed one = Placed.of(entry, typeRoots);
        if (one.root() == null || !excluded(one, exclusions)) {
          placed.add(one);
        }
      }
      try {
        return run(type, placed, template, operationType, typeRoots, task);
      } catch (RuntimeException e) {
        progress.send(OrganizeProgressFrame.error(operationType, String.valueOf(e.getMessage())));
        throw e;
      }
    } finally {
      running.set(false);
    }
  }

  private List<ModelEntry> select(ModelType type, List<String> filePaths) {
    if (filePaths == null) {
      return catalog.snapshot(type).active();
    }
    Map<String, ModelEntry> chosen = new LinkedHashMap<>();
    for (String filePath : filePaths) {
      ModelEntry entry = sources.require(type, filePath);
      chosen.put(entry.filePath(), entry);
    }
    return List.copyOf(chosen.values());
  }

  private static boolean excluded(Placed model, ExclusionPatterns exclusions) {
    return !exclusions.isEmpty()
        && exclusions.excludes(model.fileName(), model.relativePath(), model.entry().filePath());
  }

  private OrganizeReport run(
      ModelType type,
      List<Placed> models,
      PathTemplate template,
      String operationType,
      List<ModelRoot> typeRoots,
      TaskCancellation.Task task) {
    OrganizeTally tally = new OrganizeTally(models.size(), operationType);
    progress.send(OrganizeProgressFrame.counts("started", tally, null, null));
    Set<Path> sourceFolders = new LinkedHashSet<>();
    boolean cancelled = false;
    int reported = 0;
    for (Placed model : models) {
      if (task.cancelled()) {
        cancelled = true;
        break;
      }
      organizeOne(type, model, template, tally, sourceFolders);
      if (tally.processed() % BATCH == 0) {
        progress.send(OrganizeProgressFrame.counts("processing", tally, null, null));
        reported = tally.processed();
      }
    }
    if (reported != tally.processed() || models.isEmpty()) {
      progress.send(OrganizeProgressFrame.counts("processing", tally, null, null));
    }
    progress.send(
        OrganizeProgressFrame.counts("cleaning", tally, "Cleaning up empty directories...", null));
    Map<String, Integer> cleaned =
        catalog.change(type, () -> clean(operationType, sourceFolders, typeRoots));
    progress.send(
        OrganizeProgressFrame.counts(cancelled ? "cancelled" : "completed", tally, null, cleaned));
    events.modelsChanged();
    return new OrganizeReport(
        operationType,
        tally.total(),
        tally.movedCount(),
        tally.skipped(),
        tally.failures(),
        template.flat(),
        cleaned,
        tally.results(),
        tally.truncated(),
        cancelled);
  }

  private void organizeOne(
      ModelType type,
      Placed model,
      PathTemplate template,
      OrganizeTally tally,
      Set<Path> sourceFolders) {
    ModelEntry entry = model.entry();
    if (model.root() == null) {
      tally.failed(entry.modelName(), NOT_IN_ROOT);
      return;
    }
    String relative = template.flat() ? "" : template.relativePath(TemplateValues.of(entry));
    if (!template.flat() && relative.isEmpty()) {
      tally.skipped(entry.modelName(), INSUFFICIENT_METADATA);
      return;
    }
    String currentFolder = model.relativeFolder();
    if (currentFolder.equals(relative)) {
      tally.skipped(entry.modelName(), null); // already in place
      return;
    }
    try {
      Path root = model.root().path();
      Path target =
          relative.isEmpty()
              ? root
              : folders.resolve(type, PathNames.slashes(root.resolve(relative)));
      mover.moveKeepingName(type, entry.filePath(), target);
      sourceFolders.add(Path.of(entry.filePath()).getParent());
      tally.moved();
    } catch (LmException e) {
      tally.failed(
          entry.modelName(),
          e.getMessage().startsWith("Target file already exists")
              ? e.getMessage()
              : "Failed to move model: " + e.getMessage());
    }
  }

  /** Empty folders under every root (all), or the source folders and their parents (bulk). */
  private static Map<String, Integer> clean(
      String operationType, Set<Path> sourceFolders, List<ModelRoot> typeRoots) {
    Map<String, Integer> cleaned = new LinkedHashMap<>();
    if ("all".equals(operationType)) {
      for (ModelRoot root : typeRoots) {
        cleaned.put(root.display(), EmptyFolders.removeBelow(root.path(), false));
      }
      return cleaned;
    }
    for (Path folder : sourceFolders) {
      ModelRoot root = rootOf(folder, typeRoots);
      int removed = EmptyFolders.removeBelow(folder, root != null && !isRoot(folder, root));
      for (Path up = folder.getParent();
          removed > 0
              && root != null
              && up != null
              && up.startsWith(root.path())
              && !isRoot(up, root);
          up = up.getParent()) {
        int parent = EmptyFolders.removeBelow(up, true);
        if (parent == 0) {
          break;
        }
        removed += parent;
      }
      cleaned.merge(PathNames.slashes(folder), removed, Integer::sum);
    }
    return cleaned;
  }

  private static ModelRoot rootOf(Path folder, List<ModelRoot> typeRoots) {
    for (ModelRoot root : typeRoots) {
      if (folder.startsWith(root.path())) {
        return root;
      }
    }
    return null;
  }

  private static boolean isRoot(Path folder, ModelRoot root) {
    return folder.equals(root.path());
  }

  /** A model with the root that holds it (null when none does) and its paths relative to it. */
  private record Placed(ModelEntry entry, ModelRoot root, String fileName, String relativePath) {

    static Placed of(ModelEntry entry, List<ModelRoot> roots) {
      String path = entry.filePath();
      String fileName = PathNames.lastSegment(path);
      for (ModelRoot root : roots) {
        String prefix = root.display().endsWith("/") ? root.display() : root.display() + "/";
        if (path.startsWith(prefix)) {
          return new Placed(entry, root, fileName, path.substring(prefix.length()));
        }
      }
      return new Placed(entry, null, fileName, path);
    }

    String relativeFolder() {
      int slash = relativePath.lastIndexOf('/');
      return slash < 0 ? "" : relativePath.substring(0, slash);
    }
  }
}
