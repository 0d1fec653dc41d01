package io.loramanager.library.examples;

import io.loramanager.errors.LmException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what is stored for a model: its files, whether there are any, one file to serve. */
@ApplicationScoped
public class ExampleImageFiles {

  private static final Pattern INDEXED = Pattern.compile("image_(\\d+)\\..+");

  private final ExampleImagesFolder folders;

  @Inject
  public ExampleImageFiles(ExampleImagesFolder folders) {
    this.folders = folders;
  }

  /** One stored file as the API lists it. */
  public record StoredFile(String name, String path, String extension, boolean isVideo) {}

  /** A file to serve and its content type. */
  public record Served(Path file, String contentType) {}

  /**
   * The model's stored images and videos, downloaded ones by index then imports by name; empty when
   * the model has no folder.
   */
  public Optional<List<StoredFile>> list(String modelHash) {
    String hash = ExampleImagesFolder.requireHash(modelHash);
    Path folder = folders.modelFolder(hash);
    if (!Files.isDirectory(folder)) {
      return Optional.empty();
    }
    try (var files = Files.list(folder)) {
      return Optional.of(
          files
              .map(f -> f.getFileName().toString())
              .filter(name -> !name.startsWith(".") && MediaKinds.contentType(name).isPresent())
              .sorted(Comparator.comparingLong(ExampleImageFiles::index).thenComparing(n -> n))
              .map(
                  name ->
                      new StoredFile(
                          name,
                          folders.urlOf(hash, name),
                          MediaKinds.extension(name),
                          MediaKinds.isVideo(name)))
              .toList());
    } catch (IOException e) {
      throw LmException.unavailable("Cannot list " + folder + ": " + e.getMessage());
    }
  }

  /** True when the model's folder holds at least one image or video. */
  public boolean hasImages(String modelHash) {
    String hash = ExampleImagesFolder.requireHash(modelHash);
    Optional<Path> root = folders.root();
    if (root.isEmpty()) {
      return false;
    }
    return list(hash).map(files -> !files.isEmpty()).orElse(false);
  }

  /** A stored file named by its URL path below {@code /example_images_static/}; 404 otherwise. */
  public Served serve(String relative) {
    Path file = folders.servedFile(relative == null ? "" : relative);
    return new Served(file, MediaKinds.contentType(file.getFileName().toString()).orElseThrow());
  }

  private static long index(String name) {
    Matcher matcher = INDEXED.matcher(name);
    return matcher.matches() ? Long.parseLong(matcher.group(1)) : Long.MAX_VALUE;
  }
}
