package io.loramanager.library.lifecycle;

import io.loramanager.library.ModelEntry;
import io.loramanager.library.PathNames;
import io.loramanager.library.PreviewLocator;
import io.loramanager.library.SidecarStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The files that belong to one model and go wherever it goes: the model, its sidecar and backup,
 * {@code .civitai.info} and every preview variant. Only exact names count, so {@code foo.v2.*} of
 * another model is never taken along; example images ({@code .example.0.jpeg}) stay.
 */
public final class CompanionFiles {

  static final String EXAMPLE_SUFFIX = ".example.0.jpeg";

  private CompanionFiles() {}

  /** The suffixes after the base name, in the order files are moved. */
  static List<String> suffixes() {
    List<String> suffixes = new ArrayList<>();
    suffixes.add(SidecarStore.SUFFIX);
    suffixes.add(SidecarStore.SUFFIX + ".bak");
    suffixes.add(SidecarStore.CIVITAI_INFO_SUFFIX);
    for (String suffix : PreviewLocator.SUFFIXES) {
      if (!EXAMPLE_SUFFIX.equals(suffix)) {
        suffixes.add(suffix);
      }
    }
    return suffixes;
  }

  /** The model's files that exist, the model file first (when it exists). */
  public static List<Path> of(ModelEntry entry) {
    Path model = Path.of(entry.filePath());
    String base = PathNames.baseName(model.getFileName().toString());
    Set<Path> files = new LinkedHashSet<>();
    files.add(model);
    for (String suffix : suffixes()) {
      files.add(model.resolveSibling(base + suffix));
    }
    // A preview found ignoring case is still this model's preview.
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
