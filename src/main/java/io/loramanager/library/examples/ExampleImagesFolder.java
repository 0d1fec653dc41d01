package io.loramanager.library.examples;

import com.fasterxml.jackson.databind.JsonNode;
import io.loramanager.errors.LmException;
import io.loramanager.settings.LibraryRegistry;
import io.loramanager.settings.SettingsStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Where example images live: {@code <example_images_path>/<sha256>/}, or {@code
 * <example_images_path>/<library>/<sha256>/} when settings.json holds more than one library
 * (anchor-downloads §7.1). The setting is read on every call, so a change in settings.json applies
 * to the next request without a restart.
 */
@ApplicationScoped
public class ExampleImagesFolder {

  private static final Logger LOG = Logger.getLogger(ExampleImagesFolder.class);
  static final String SETTING = "example_images_path";
  static final String PROGRESS_FILE = ".download_progress.json";
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern UNSAFE_IN_NAME = Pattern.compile("[^A-Za-z0-9_.-]");

  private final SettingsStore settings;
  private final LibraryRegistry libraries;

  @Inject
  public ExampleImagesFolder(SettingsStore settings, LibraryRegistry libraries) {
    this.settings = settings;
    this.libraries = libraries;
  }

  /** The configured folder, or empty when {@code example_images_path} is unset or blank. */
  public Optional<Path> root() {
    String configured = settings.string(SETTING, "").strip();
    if (configured.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(configured).toAbsolutePath().normalize());
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /** The configured folder, or 400 naming the setting. */
  public Path requireRoot() {
    return root().orElseThrow(ExampleImagesFolder::notConfigured);
  }

  private static LmException notConfigured() {
    return LmException.badInput("Example images path not configured in settings");
  }

  /**
   * The folder of the active library's images inside {@code root} (the configured folder): {@code
   * root} itself, or its sub-folder named after the active library (characters outside {@code
   * [A-Za-z0-9_.-]} become {@code _}) when more than one library is configured.
   */
  Path libraryRootIn(Path root) {
    JsonNode stored = settings.snapshot().get("libraries");
    if (stored == null || !stored.isObject() || stored.size() <= 1) {
      return root;
    }
    String name = UNSAFE_IN_NAME.matcher(libraries.libraries().active().strip()).replaceAll("_");
    return root.resolve(name.isEmpty() || name.equals(".") || name.equals("..") ? "default" : name);
  }

  /**
   * The folder of one model's images in the active library; the hash is checked so it can never
   * walk elsewhere. A legacy {@code <root>/<sha256>} folder is moved in first.
   */
  public Path modelFolder(String sha256) {
    Path root = requireRoot();
    Path libraryRoot = libraryRootIn(root);
    String hash = requireHash(sha256);
    adoptLegacyFolder(root, libraryRoot, hash);
    return libraryRoot.resolve(hash);
  }

  /**
   * Moves a model's folder left at the top of the example-images folder by a single-library setup
   * into {@code libraryRoot}, unless one is there already; nothing when the two are the same.
   * Failures are logged and leave it in place: the images are then fetched again, nothing is lost.
   */
  void adoptLegacyFolder(Path root, Path libraryRoot, String hash) {
    if (root.equals(libraryRoot)) {
      return;
    }
    Path legacy = root.resolve(hash);
    Path target = libraryRoot.resolve(hash);
    if (Files.isDirectory(legacy, LinkOption.NOFOLLOW_LINKS)
        && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      move(legacy, target);
    }
  }

  /**
   * The progress file of {@code libraryRoot}; a legacy {@code <root>/.download_progress.json} is
   * moved into the library folder first (when it has none), keeping what it recorded.
   */
  Path progressFileOf(Path root, Path libraryRoot) {
    Path target = progressFile(libraryRoot);
    Path legacy = progressFile(root);
    if (!root.equals(libraryRoot) && Files.isRegularFile(legacy) && !Files.exists(target)) {
      move(legacy, target);
    }
    return target;
  }

  private static void move(Path from, Path to) {
    try {
      Files.createDirectories(to.getParent());
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warnf("Cannot move legacy example images %s to %s: %s", from, to, e.getMessage());
    }
  }

  /** The URL a client loads a stored file of the active library from. */
  public String urlOf(String sha256, String fileName) {
    Path root = requireRoot();
    Path relative = root.relativize(libraryRootIn(root).resolve(sha256).resolve(fileName));
    return "/example_images_static/" + relative.toString().replace('\\', '/');
  }

  Path progressFile(Path root) {
    return root.resolve(PROGRESS_FILE);
  }

  /** A lower-case SHA-256 from a request, or 400. */
  public static String requireHash(String sha256) {
    String hash = sha256 == null ? "" : sha256.strip().toLowerCase(Locale.ROOT);
    if (hash.isEmpty()) {
      throw LmException.badInput("Missing model_hash parameter");
    }
    if (!SHA256.matcher(hash).matches()) {
      throw LmException.badInput("model_hash must be a SHA-256 (64 hex characters)");
    }
    return hash;
  }

  /**
   * A file below the folder named by a URL path, after symlinks are resolved: 404 for anything
   * missing, outside the folder (no matter how it was reached) or of a type not kept here.
   */
  public Path servedFile(String relative) {
    Path root = root().orElseThrow(() -> LmException.notFound("Example images not configured"));
    Path real;
    try {
      Path realRoot = root.toRealPath();
      Path requested = root.resolve(relative).normalize();
      real = requested.toRealPath();
      if (!requested.startsWith(root) || !real.startsWith(realRoot) || real.equals(realRoot)) {
        throw notFound(relative);
      }
    } catch (NoSuchFileException | InvalidPathException e) {
      throw notFound(relative);
    } catch (IOException e) {
      throw notFound(relative);
    }
    if (!Files.isRegularFile(real) || MediaKinds.contentType(real.toString()).isEmpty()) {
      throw notFound(relative);
    }
    return real;
  }

  /** True when the folder exists and holds at least one entry. */
  static boolean hasFiles(Path folder) {
    if (!Files.isDirectory(folder)) {
      return false;
    }
    try (var entries = Files.list(folder)) {
      return entries.anyMatch(p -> !p.getFileName().toString().startsWith("."));
    } catch (IOException e) {
      return false;
    }
  }

  private static LmException notFound(String relative) {
    return LmException.notFound("Example image not found: " + relative);
  }
}
