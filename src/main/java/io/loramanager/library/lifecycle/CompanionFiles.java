package io.loramanager.library.lifecycle;

import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.library.PathNames;
import io.loramanager.library.PreviewLocator;
import io.loramanager.library.SidecarStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A model's own companion files, by exact name ({@code NAME + suffix}). Unlike the reference's
 * {@code NAME.*} glob, this never takes another model's files such as {@code NAME.v2.webp}.
 */
public final class CompanionFiles {

  public static final String BACKUP_SUFFIX = SidecarStore.SUFFIX + ".bak";

  /** The reference's example-image fallback: moved with a model, but never deleted with it. */
  static final String EXAMPLE_SUFFIX = ".example.0.jpeg";

  /** Every suffix a companion may have; the sidecar comes last so it moves last. */
  public static final List<String> SUFFIXES = suffixes();

  private CompanionFiles() {}

  private static List<String> suffixes() {
    List<String> all = new ArrayList<>(PreviewLocator.SUFFIXES);
    all.add(SidecarStore.CIVITAI_INFO_SUFFIX);
    all.add(BACKUP_SUFFIX);
    all.add(SidecarStore.SUFFIX);
    return List.copyOf(all);
  }

  /** The suffixes of the companions of {@code model} present on disk, sidecar last. */
  public static List<String> present(Path model) {
    String base = PathNames.baseName(model.getFileName().toString());
    List<String> found = new ArrayList<>();
    for (String suffix : SUFFIXES) {
      if (Files.exists(model.resolveSibling(base + suffix), LinkOption.NOFOLLOW_LINKS)) {
        found.add(suffix);
      }
    }
    return found;
  }

  /**
   * The first name in {@code folder} that a model named {@code base} would collide with, or null
   * when there is none: a model file of the type with that base name (any extension), its sidecar,
   * and, when {@code withCompanions}, any other companion name.
   */
  public static String taken(Path folder, String base, ModelType type, boolean withCompanions)
      throws IOException {
    List<String> suffixes = withCompanions ? SUFFIXES : List.of(SidecarStore.SUFFIX);
    for (String suffix : suffixes) {
      if (Files.exists(folder.resolve(base + suffix), LinkOption.NOFOLLOW_LINKS)) {
        return base + suffix;
      }
    }
    if (!Files.isDirectory(folder)) {
      return null;
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> type.accepts(name) && PathNames.baseName(name).equals(base))
          .sorted()
          .findFirst()
          .orElse(null);
    }
  }

  /**
   * The files a delete stages: the model file first, then every companion that exists except the
   * example image, plus the catalogued preview when it was found ignoring case.
   */
  public static List<Path> of(ModelEntry entry) {
    Path model = Path.of(entry.filePath());
    String base = PathNames.baseName(model.getFileName().toString());
    Set<Path> files = new LinkedHashSet<>();
    files.add(model);
    for (String suffix : SUFFIXES) {
      if (!EXAMPLE_SUFFIX.equals(suffix)) {
        files.add(model.resolveSibling(base + suffix));
      }
    }
    if (!entry.previewUrl().isEmpty()) {
      Path preview = Path.of(entry.previewUrl());
      if (model.getParent().equals(preview.getParent())
          && !preview.getFileName().toString().endsWith(EXAMPLE_SUFFIX)) {
        files.add(preview);
      }
    }
    List<Path> existing = new ArrayList<>();
    for (Path file : files) {
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        existing.add(file);
      }
    }
    return existing;
  }
}
