package io.loramanager.library;

import io.loramanager.errors.LmException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Resolves a preview path from a request to a file that lies inside a model root after every
 * symlink and {@code ..} is resolved (DESIGN §5); anything else is refused before it is read.
 */
@ApplicationScoped
public class PreviewFiles {

  private static final Map<String, String> CONTENT_TYPES =
      Map.ofEntries(
          Map.entry("webp", "image/webp"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("gif", "image/gif"),
          Map.entry("avif", "image/avif"),
          Map.entry("jxl", "image/jxl"),
          Map.entry("mp4", "video/mp4"),
          Map.entry("webm", "video/webm"),
          Map.entry("mov", "video/quicktime"),
          Map.entry("avi", "video/x-msvideo"));

  private final LibraryRoots roots;

  @Inject
  public PreviewFiles(LibraryRoots roots) {
    this.roots = roots;
  }

  /**
   * A preview to serve: the real file, its content type, and the size and modification time that
   * HTTP validators are built from.
   */
  public record Preview(Path file, String contentType, long size, Instant lastModified) {}

  public Preview resolve(String rawPath) {
    if (rawPath == null || rawPath.isBlank()) {
      throw LmException.badInput("path is required");
    }
    Path requested;
    try {
      requested = Path.of(rawPath);
    } catch (InvalidPathException e) {
      throw LmException.badInput("Invalid path: " + e.getReason());
    }
    if (!requested.isAbsolute()) {
      throw LmException.badInput("path must be absolute");
    }
    Path normalised = requested.normalize();
    if (!insideRoot(normalised, false)) {
      throw outside(rawPath);
    }
    Path real;
    try {
      real = normalised.toRealPath();
    } catch (NoSuchFileException e) {
      throw LmException.notFound("Preview not found: " + rawPath);
    } catch (IOException e) {
      throw LmException.notFound("Preview not readable: " + rawPath);
    }
    if (!insideRoot(real, true)) {
      throw outside(rawPath);
    }
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(real, BasicFileAttributes.class);
    } catch (IOException e) {
      throw LmException.notFound("Preview not readable: " + rawPath);
    }
    if (!attributes.isRegularFile()) {
      throw LmException.notFound("Preview not found: " + rawPath);
    }
    String type = contentType(real.getFileName().toString());
    if (type == null) {
      throw LmException.badInput("Not a preview file type: " + rawPath);
    }
    return new Preview(real, type, attributes.size(), attributes.lastModifiedTime().toInstant());
  }

  private boolean insideRoot(Path path, boolean real) {
    for (ModelRoot root : roots.all()) {
      if (inside(path, root.realPath()) || (!real && inside(path, root.path()))) {
        return true;
      }
    }
    return false;
  }

  private static boolean inside(Path path, Path base) {
    return path.startsWith(base) && !path.equals(base);
  }

  private static LmException outside(String rawPath) {
    return LmException.badInput("Path '" + rawPath + "' is outside the configured model folders");
  }

  static String contentType(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot < 0 ? null : CONTENT_TYPES.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
