package io.loramanager.library.lifecycle;

import io.loramanager.errors.LmException;
import io.loramanager.events.ProgressEvents;
import io.loramanager.library.ModelCatalog;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.library.PathNames;
import io.loramanager.library.TaskCancellation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;

/**
 * Moves models to another folder inside the roots of their type (anchor-library §4.2), keeping
 * their names unless taken there ({@link UniqueNames}). Only a model's own companions go along.
 */
@ApplicationScoped
public class ModelMover {

  private final ModelCatalog catalog;
  private final ModelSources sources;
  private final TargetFolders folders;
  private final ModelRelocator relocator;
  private final ProgressEvents events;
  private final PathTemplates templates;
  private final TaskCancellation cancellation;

  @Inject
  public ModelMover(
      ModelCatalog catalog,
      ModelSources sources,
      TargetFolders folders,
      ModelRelocator relocator,
      ProgressEvents events,
      PathTemplates templates,
      TaskCancellation cancellation) {
    this.catalog = catalog;
    this.sources = sources;
    this.folders = folders;
    this.relocator = relocator;
    this.events = events;
    this.templates = templates;
    this.cancellation = cancellation;
  }

  /**
   * Moves of several models.
   *
   * @param cancelled true when cancel-task stopped the run; the models not reached are not listed
   */
  public record BulkMoved(List<Moved> moved, boolean cancelled) {}

  /**
   * One model's move: its entry at the new path (null when it failed), or the failure's message.
   *
   * @param unchanged true when the model already was in the target folder
   */
  public record Moved(
      String originalPath, String newPath, ModelEntry entry, boolean unchanged, String error) {

    public boolean success() {
      return error == null;
    }
  }

  /**
   * Moves one model; failures are thrown (400/404/409/503).
   *
   * @param useDefaultPaths move into {@code targetPath/<the model's template folder>}
   */
  public Moved move(ModelType type, String filePath, String targetPath, boolean useDefaultPaths) {
    Function<ModelEntry, Path> target = targets(type, targetPath, useDefaultPaths);
    sources.require(type, filePath);
    Moved moved = catalog.change(type, () -> moveLocked(type, filePath, target));
    if (!moved.unchanged()) {
      events.modelsChanged();
    }
    return moved;
  }

  /**
   * Moves several models; the target and every path are checked before any file is touched, then
   * each model moves on its own (a failure is reported in its result, the others go on).
   */
  public BulkMoved moveAll(
      ModelType type, List<String> filePaths, String targetPath, boolean useDefaultPaths) {
    if (filePaths.isEmpty()) {
      throw LmException.badInput("file_paths must not be empty");
    }
    Function<ModelEntry, Path> target = targets(type, targetPath, useDefaultPaths);
    for (String filePath : filePaths) {
      sources.require(type, filePath);
    }
    List<Moved> results = new ArrayList<>();
    boolean changed = false;
    boolean cancelled = false;
    try (TaskCancellation.Task task = cancellation.start(type)) {
      for (String filePath : new LinkedHashSet<>(filePaths)) {
        if (task.cancelled()) {
          cancelled = true;
          break;
        }
        try {
          Moved moved = catalog.change(type, () -> moveLocked(type, filePath, target));
          changed |= !moved.unchanged();
          results.add(moved);
        } catch (LmException e) {
          results.add(new Moved(filePath, null, null, false, e.getMessage()));
        }
      }
    }
    if (changed) {
      events.modelsChanged();
    }
    return new BulkMoved(results, cancelled);
  }

  /**
   * Where each model goes: the target folder, or with {@code useDefaultPaths} the model's template
   * folder below it (checked against the roots again: a folder on the way may be a link).
   */
  private Function<ModelEntry, Path> targets(
      ModelType type, String targetPath, boolean useDefaultPaths) {
    Path folder = folders.resolve(type, targetPath);
    if (!useDefaultPaths) {
      return entry -> folder;
    }
    PathTemplate template = templates.of(type);
    return entry -> {
      String relative = template.relativePath(TemplateValues.of(entry));
      return relative.isEmpty()
          ? folder
          : folders.resolve(type, PathNames.slashes(folder.resolve(relative)));
    };
  }

  /**
   * Moves one model into {@code folder} (already checked against the roots) under its own name, as
   * auto-organize does: 409 "Target file already exists" when the name is taken there. Takes the
   * type's lock; broadcasts nothing.
   */
  public Moved moveKeepingName(ModelType type, String filePath, Path folder) {
    return catalog.change(type, () -> moveLocked(type, filePath, entry -> folder, true));
  }

  private Moved moveLocked(ModelType type, String filePath, Function<ModelEntry, Path> target) {
    return moveLocked(type, filePath, target, false);
  }

  private Moved moveLocked(
      ModelType type, String filePath, Function<ModelEntry, Path> target, boolean keepName) {
    ModelEntry entry = sources.require(type, filePath);
    Path folder = target.apply(entry);
    Path model = Path.of(entry.filePath());
    if (sameFolder(model.getParent(), folder)) {
      return new Moved(entry.filePath(), entry.filePath(), entry, true, null);
    }
    String fileName = model.getFileName().toString();
    String base = PathNames.baseName(fileName);
    if (keepName && !free(folder, base, type)) {
      throw LmException.conflict("Target file already exists: " + folder.resolve(fileName));
    }
    List<Path> created = createFolders(folder);
    try {
      String newBase = UniqueNames.choose(base, entry.sha256(), name -> free(folder, name, type));
      ModelRelocator.Relocated relocated = relocator.relocate(type, entry, folder, newBase);
      return new Moved(
          entry.filePath(), relocated.entry().filePath(), relocated.entry(), false, null);
    } catch (RuntimeException e) {
      removeEmpty(created);
      throw e;
    }
  }

  private static boolean free(Path folder, String base, ModelType type) {
    try {
      return CompanionFiles.taken(folder, base, type, false) == null;
    } catch (IOException e) {
      throw new LmException(
          LmException.Kind.UNAVAILABLE, "Cannot list " + folder + ": " + e.getMessage(), e);
    }
  }

  private static boolean sameFolder(Path current, Path target) {
    if (current.normalize().equals(target)) {
      return true;
    }
    try {
      return Files.isDirectory(target) && Files.isSameFile(current, target);
    } catch (IOException e) {
      return false;
    }
  }

  /** Creates the missing folders of {@code folder}; returns them, deepest last. */
  private static List<Path> createFolders(Path folder) {
    List<Path> missing = new ArrayList<>();
    for (Path p = folder; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); ) {
      missing.add(0, p);
      p = p.getParent();
    }
    try {
      Files.createDirectories(folder);
      return missing;
    } catch (IOException e) {
      removeEmpty(missing);
      throw LmException.badInput(
          "Cannot create target folder " + folder + ": " + ModelRelocation.reason(e));
    }
  }

  /** Removes folders this move created, deepest first, when they are (still) empty. */
  private static void removeEmpty(List<Path> created) {
    for (int i = created.size() - 1; i >= 0; i--) {
      try {
        Files.deleteIfExists(created.get(i));
      } catch (IOException e) {
        return; // not empty (or not ours to remove): leave it and its parents
      }
    }
  }
}
