package io.loramanager.library;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The files of one folder with their attributes, read once per scan so that sidecar and preview
 * lookups cost no further system calls.
 */
public final class FolderListing {

  private final Path dir;
  private final Map<String, BasicFileAttributes> files;
  private volatile Map<String, String> lowerNames;

  public FolderListing(Path dir, Map<String, BasicFileAttributes> files) {
    this.dir = dir;
    this.files = files;
  }

  /** Lists one folder's regular files (following links); unreadable entries are skipped. */
  public static FolderListing read(Path dir) throws IOException {
    Map<String, BasicFileAttributes> files = new HashMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        try {
          BasicFileAttributes attrs = Files.readAttributes(entry, BasicFileAttributes.class);
          if (attrs.isRegularFile()) {
            files.put(entry.getFileName().toString(), attrs);
          }
        } catch (IOException e) {
          // A dangling link or an entry removed meanwhile is simply not there.
        }
      }
    }
    return new FolderListing(dir, files);
  }

  public Path dir() {
    return dir;
  }

  public Set<String> names() {
    return files.keySet();
  }

  /** Attributes of a file in this folder, or null when it is not there. */
  public BasicFileAttributes attributes(String name) {
    return files.get(name);
  }

  /** The folder's names keyed by their lower-case form. */
  public Map<String, String> lowerNames() {
    Map<String, String> lower = lowerNames;
    if (lower == null) {
      lower = new HashMap<>();
      for (String name : files.keySet()) {
        lower.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
      }
      lowerNames = lower;
    }
    return lower;
  }

  /** The preview of a model (by base name) in this folder, or null. */
  public String previewOf(String baseName) {
    return PreviewLocator.find(baseName, files.keySet(), lowerNames());
  }
}
