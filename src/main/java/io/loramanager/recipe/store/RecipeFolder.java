package io.loramanager.recipe.store;

import io.loramanager.errors.LmException;
import io.loramanager.library.LibraryRoots;
import io.loramanager.library.ModelRoot;
import io.loramanager.library.ModelType;
import io.loramanager.library.PathNames;
import io.loramanager.settings.LmConfig;
import io.loramanager.settings.SettingsStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where recipes live (anchor-recipes §1.1): {@code lm.recipes.dir}, else {@code recipes_path} of
 * {@code settings.json} ({@code ~} expanded), else {@code recipes} in the first LoRA root. Also the
 * guard that keeps every folder a request names inside it.
 */
@ApplicationScoped
public class RecipeFolder {

  private final LmConfig config;
  private final SettingsStore settings;
  private final LibraryRoots roots;

  @Inject
  public RecipeFolder(LmConfig config, SettingsStore settings, LibraryRoots roots) {
    this.config = config;
    this.settings = settings;
    this.roots = roots;
  }

  /** The recipes folder (absolute, normalised; not created), or empty when there is none. */
  public Optional<Path> root() {
    Optional<Path> configured = config.recipes().dir();
    if (configured.isPresent()) {
      return Optional.of(configured.get().toAbsolutePath().normalize());
    }
    String fromSettings = settings.string("recipes_path", "").trim();
    if (!fromSettings.isEmpty()) {
      if (fromSettings.startsWith("~")) {
        fromSettings = System.getProperty("user.home") + fromSettings.substring(1);
      }
      return Optional.of(Path.of(fromSettings).toAbsolutePath().normalize());
    }
    List<ModelRoot> loraRoots = roots.of(ModelType.LORA);
    if (loraRoots.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(loraRoots.get(0).path().resolve("recipes").toAbsolutePath().normalize());
  }

  /** The recipes folder, created when missing; 404 when no folder can be derived. */
  public Path requireRoot() {
    Path root =
        root()
            .orElseThrow(
                () ->
                    LmException.notFound(
                        "No recipes folder: set lm.recipes.dir or add a LoRA folder"));
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new LmException(
          LmException.Kind.UNAVAILABLE, "Cannot create the recipes folder " + root + ": " + e);
    }
    return root;
  }

  /** The folder of a recipe file relative to the root: forward slashes, "" for the root. */
  public static String relativeFolder(Path root, Path jsonFile) {
    Path parent = jsonFile.getParent();
    if (parent == null || parent.equals(root)) {
      return "";
    }
    return PathNames.slashes(root.relativize(parent));
  }

  /**
   * The folder a request names (absolute, or relative to the root; "" is the root), in the root's
   * spelling, after {@code ..} and symlinks are resolved; 400 when it lies outside the root or is a
   * file.
   */
  public Path confine(String rawPath, String field) {
    Path root = requireRoot();
    if (rawPath == null) {
      throw LmException.badInput(field + " is required");
    }
    Path requested;
    try {
      requested = Path.of(rawPath.trim());
    } catch (InvalidPathException e) {
      throw LmException.badInput("Invalid " + field + ": " + e.getReason());
    }
    Path absolute = requested.isAbsolute() ? requested : root.resolve(requested);
    Path real = realPath(absolute.normalize(), rawPath);
    Path realRoot = realPath(root, rawPath);
    if (!real.startsWith(realRoot)) {
      throw LmException.badInput(
          field + " '" + rawPath + "' is outside the recipes folder " + PathNames.slashes(root));
    }
    if (Files.exists(real) && !Files.isDirectory(real)) {
      throw LmException.badInput(field + " '" + rawPath + "' is not a folder");
    }
    return root.resolve(realRoot.relativize(real)).normalize();
  }

  /** The real path of a path that may not exist yet: its deepest existing ancestor resolved. */
  private static Path realPath(Path normalised, String rawPath) {
    Path existing = normalised;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return normalised;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(normalised));
    } catch (IOException e) {
      throw LmException.badInput("Path '" + rawPath + "' cannot be resolved: " + e.getMessage());
    }
  }
}
