package io.loramanager.library.lifecycle;

import io.loramanager.errors.LmException;
import io.loramanager.library.LibraryRoots;
import io.loramanager.library.ModelRoot;
import io.loramanager.library.ModelType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * The path guard for paths named in a request (DESIGN §5): a path is accepted only when, after
 * every {@code ..} and symlink is resolved, it lies inside (or is) a configured root of the type. A
 * target folder need not exist yet; its deepest existing ancestor is resolved instead.
 */
@ApplicationScoped
public class TargetFolders {

  private final LibraryRoots roots;

  @Inject
  public TargetFolders(LibraryRoots roots) {
    this.roots = roots;
  }

  /**
   * The target folder in the spelling of its configured root (so catalogue paths stay comparable),
   * with every symlink resolved; 400 when it is not a folder inside a root of {@code type}.
   */
  public Path resolve(ModelType type, String rawPath) {
    return resolve(roots.of(type), type, rawPath);
  }

  /** True when {@code rawPath} (a file or a folder, existing or not) lies inside a root. */
  public boolean inside(ModelType type, String rawPath) {
    try {
      Path requested = Path.of(rawPath);
      if (!requested.isAbsolute()) {
        return false;
      }
      Path real = realPath(requested.normalize(), rawPath);
      return roots.of(type).stream().anyMatch(root -> real.startsWith(root.realPath()));
    } catch (InvalidPathException | LmException e) {
      return false;
    }
  }

  static Path resolve(List<ModelRoot> roots, ModelType type, String rawPath) {
    if (rawPath == null || rawPath.isBlank()) {
      throw LmException.badInput("target_path is required");
    }
    Path requested;
    try {
      requested = Path.of(rawPath);
    } catch (InvalidPathException e) {
      throw LmException.badInput("Invalid target_path: " + e.getReason());
    }
    if (!requested.isAbsolute()) {
      throw LmException.badInput("target_path must be an absolute folder path: " + rawPath);
    }
    Path real = realPath(requested.normalize(), rawPath);
    for (ModelRoot root : roots) {
      if (real.startsWith(root.realPath())) {
        // Only a path inside a root gets a word about what stands there: outside, the answer
        // must not tell which files exist.
        requireFolder(real, rawPath);
        return root.path().resolve(root.realPath().relativize(real)).normalize();
      }
    }
    throw LmException.badInput(
        "Target path '" + rawPath + "' is outside the configured " + type.id() + " folders");
  }

  /**
   * The real path of a path that may not exist: the deepest existing ancestor resolved, the rest
   * appended (it holds no {@code ..} once normalised, and nothing in it can be a link yet).
   */
  private static Path realPath(Path normalised, String rawPath) {
    Path existing = normalised;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return normalised;
    }
    Path real;
    try {
      real = existing.toRealPath();
    } catch (IOException e) {
      throw LmException.badInput("Target path '" + rawPath + "' cannot be resolved: " + e);
    }
    return real.resolve(existing.relativize(normalised));
  }

  /** The deepest existing part of a resolved target must be a folder to create the rest in. */
  private static void requireFolder(Path real, String rawPath) {
    Path existing = real;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing != null && !Files.isDirectory(existing)) {
      throw LmException.badInput(
          "Target path '" + rawPath + "' is not a folder: " + existing + " is a file");
    }
  }
}
