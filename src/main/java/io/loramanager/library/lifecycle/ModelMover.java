package io.loramanager.library.lifecycle;

import io.loramanager.errors.LmException;
import io.loramanager.events.ProgressEvents;
import io.loramanager.library.ModelCatalog;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.library.PathNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

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

  @Inject
  public ModelMover(
      ModelCatalog catalog,
      ModelSources sources,
      TargetFolders folders,
      ModelRelocator relocator,
      ProgressEvents events) {
    this.catalog = catalog;
    this.sources = sources;
    this.folders = folders;
    this.relocator = relocator;
    this.events = events;
  }

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

  /** Moves one model; failures are thrown (400/404/409/503). */
  public Moved move(ModelType type, String filePath, String targetPath) {
    Path folder = folders.resolve(type, targetPath);
    sources.require(type, filePath);
    Moved moved = catalog.change(type, () -> moveLocked(type, filePath, folder));
    if (!moved.unchanged()) {
      events.modelsChanged();
    }
    return moved;
  }

  /**
   * Moves several models; the target and every path are checked before any file is touched, then
   * each model moves on its own (a failure is reported in its result, the others go on).
   */
  public List<Moved> moveAll(ModelType type, List<String> filePaths, String targetPath) {
    if (filePaths.isEmpty()) {
      throw LmException.badInput("file_paths must not be empty");
    }
    Path folder = folders.resolve(type, targetPath);
    for (String filePath : filePaths) {
      sources.require(type, filePath);
    }
    List<Moved> results = new ArrayList<>();
    boolean changed = false;
    for (String filePath : new LinkedHashSet<>(filePaths)) {
      try {
        Moved moved = catalog.change(type, () -> moveLocked(type, filePath, folder));
        changed |= !moved.unchanged();
        results.add(moved);
      } catch (LmException e) {
        results.add(new Moved(filePath, null, null, false, e.getMessage()));
      }
    }
    if (changed) {
      events.modelsChanged();
    }
    return results;
  }

  private Moved moveLocked(ModelType type, String filePath, Path folder) {
    ModelEntry entry = sources.require(type, filePath);
    Path model = Path.of(entry.filePath());
    if (sameFolder(model.getParent(), folder)) {
      return new Moved(entry.filePath(), entry.filePath(), entry, true, null);
    }
    List<Path> created = createFolders(folder);
    try {
      String fileName = model.getFileName().toString();
      String base = PathNames.baseName(fileName);
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
