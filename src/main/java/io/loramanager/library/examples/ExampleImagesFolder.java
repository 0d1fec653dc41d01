package io.loramanager.library.examples;

import io.loramanager.errors.LmException;
import io.loramanager.settings.SettingsStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where example images live: {@code <example_images_path>/<sha256>/}. The setting is read on every
 * call, so a change in settings.json applies to the next request without a restart.
 */
@ApplicationScoped
public class ExampleImagesFolder {

  static final String SETTING = "example_images_path";
  static final String PROGRESS_FILE = ".download_progress.json";
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final SettingsStore settings;

  @Inject
  public ExampleImagesFolder(SettingsStore settings) {
    this.settings = settings;
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
    return root()
        .orElseThrow(() -> LmException.badInput("Example images path not configured in settings"));
  }

  /** The folder of one model's images; the hash is checked so it can never walk elsewhere. */
  public Path modelFolder(String sha256) {
    return requireRoot().resolve(requireHash(sha256));
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

  /** The URL a client loads a stored file from. */
  static String urlOf(String sha256, String fileName) {
    return "/example_images_static/" + sha256 + "/" + fileName;
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
