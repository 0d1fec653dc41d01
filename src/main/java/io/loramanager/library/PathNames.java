package io.loramanager.library;

import java.io.File;
import java.nio.file.Path;

/** The path spellings the reference uses in JSON: forward slashes, base names, folders. */
public final class PathNames {

  private PathNames() {}

  public static String slashes(Path path) {
    return slashes(path.toString());
  }

  public static String slashes(String path) {
    return File.separatorChar == '/' ? path : path.replace(File.separatorChar, '/');
  }

  /** File name without its last extension ({@code a.b.safetensors} → {@code a.b}). */
  public static String baseName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }

  /** The last path segment of a slash path. */
  public static String lastSegment(String slashPath) {
    int slash = slashPath.lastIndexOf('/');
    return slash >= 0 ? slashPath.substring(slash + 1) : slashPath;
  }
}
