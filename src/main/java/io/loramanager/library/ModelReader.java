package io.loramanager.library;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.loramanager.settings.LibrarySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.Optional;

/**
 * Reads one model file exactly as a scan would (sidecar created or fixed, preview found), for
 * operations that change a single model and must leave the catalogue true to the disk.
 */
@ApplicationScoped
public class ModelReader {

  private final LibraryRoots roots;
  private final SidecarStore sidecars;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final LibrarySettings settings;

  @Inject
  public ModelReader(
      LibraryRoots roots,
      SidecarStore sidecars,
      ObjectMapper mapper,
      Clock clock,
      LibrarySettings settings) {
    this.roots = roots;
    this.sidecars = sidecars;
    this.mapper = mapper;
    this.clock = clock;
    this.settings = settings;
  }

  /** The root of this type holding {@code model}, if any. */
  public Optional<ModelRoot> rootOf(ModelType type, Path model) {
    Path normalised = model.toAbsolutePath().normalize();
    for (ModelRoot root : roots.of(type)) {
      if (normalised.startsWith(root.path()) && !normalised.equals(root.path())) {
        return Optional.of(root);
      }
    }
    return Optional.empty();
  }

  /**
   * The outcome of reading the model at {@code model}.
   *
   * @throws IOException when the file or its folder cannot be read
   * @throws IllegalArgumentException when the path is not a file of this type inside its roots
   */
  public ModelFileProcessor.Outcome read(ModelType type, Path model) throws IOException {
    return read(type, model, FolderListing.read(model.toAbsolutePath().normalize().getParent()));
  }

  /**
   * Like {@link #read(ModelType, Path)} with a listing of the model's folder made after the model's
   * files were last changed, so that a caller reading many models of one folder lists it once.
   */
  public ModelFileProcessor.Outcome read(ModelType type, Path model, FolderListing listing)
      throws IOException {
    Path path = model.toAbsolutePath().normalize();
    ModelRoot root =
        rootOf(type, path)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(path + " is outside the " + type.id() + " roots"));
    String name = path.getFileName().toString();
    BasicFileAttributes attrs = listing.attributes(name);
    if (attrs == null || !type.accepts(name)) {
      throw new IllegalArgumentException(path + " is not a " + type.id() + " file");
    }
    BasicFileAttributes sidecar =
        listing.attributes(PathNames.baseName(name) + SidecarStore.SUFFIX);
    FileStamp stamp =
        new FileStamp(
            attrs.size(),
            attrs.lastModifiedTime().toMillis(),
            sidecar == null ? -1 : sidecar.size(),
            sidecar == null ? -1 : sidecar.lastModifiedTime().toMillis());
    Path relative = root.path().relativize(path.getParent());
    String folder = PathNames.slashes(relative);
    FoundModel found =
        new FoundModel(path, path, PathNames.slashes(path), root, folder, listing, stamp);
    return new ModelFileProcessor(type, sidecars, mapper, clock, settings.hashChunkBytes())
        .process(found);
  }
}
