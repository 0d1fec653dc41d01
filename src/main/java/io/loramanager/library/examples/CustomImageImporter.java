package io.loramanager.library.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.errors.LmException;
import io.loramanager.library.LibraryRoots;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelRoot;
import io.loramanager.library.examples.ExampleImageOwners.ImageLists;
import io.loramanager.library.examples.ExampleImageOwners.Owner;
import io.loramanager.library.lifecycle.SidecarEditor;
import io.loramanager.library.media.ImageDimensions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Imports user files as a model's custom example images (anchor-api §3.6 row 8): each is copied as
 * {@code custom_<8 random [a-z0-9]><ext>} into the model's folder — the extension told from the
 * bytes — and gets an entry in the sidecar's {@code civitai.customImages}. A file that is missing
 * or not an image or video is an error entry; the others are still imported.
 */
@ApplicationScoped
public class CustomImageImporter {

  private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final int ID_LENGTH = 8;

  private final ExampleImageOwners owners;
  private final ExampleImagesFolder folders;
  private final LibraryRoots roots;
  private final SidecarEditor editor;
  private final SecureRandom random = new SecureRandom();

  @Inject
  public CustomImageImporter(
      ExampleImageOwners owners,
      ExampleImagesFolder folders,
      LibraryRoots roots,
      SidecarEditor editor) {
    this.owners = owners;
    this.folders = folders;
    this.roots = roots;
    this.editor = editor;
  }

  /** A file to import: what errors call it (upload name or requested path) and where it is. */
  public record Source(String label, Path file) {}

  /** What an import did. */
  public record Imported(
      List<ExampleImageFiles.StoredFile> files, List<String> errors, ImageLists lists) {}

  private record Copy(Path file, String id, String extension, boolean video) {}

  /**
   * Imports server-side files, each confined (after {@code ..} and symlinks) to the model roots and
   * the example-images folder: one outside is a 400 and nothing is imported.
   */
  public Imported importServerFiles(String modelHash, List<String> paths) {
    ExampleImagesFolder.requireHash(modelHash);
    if (paths.isEmpty()) {
      throw LmException.badInput("No files provided to import");
    }
    return importFiles(modelHash, confined(paths));
  }

  private List<Source> confined(List<String> paths) {
    List<Path> allowed = new ArrayList<>();
    for (ModelRoot root : roots.all()) {
      allowed.add(root.realPath());
    }
    folders.root().flatMap(CustomImageImporter::real).ifPresent(allowed::add);
    List<Source> sources = new ArrayList<>();
    for (String requested : paths) {
      Path path;
      try {
        path = Path.of(requested.strip()).toAbsolutePath().normalize();
      } catch (InvalidPathException e) {
        throw LmException.badInput("Invalid path: " + requested);
      }
      // A missing file cannot be resolved; its folder tells where it would be.
      Optional<Path> real =
          real(path).or(() -> real(path.getParent()).map(p -> p.resolve(path.getFileName())));
      if (real.isEmpty()
          || allowed.stream().noneMatch(r -> real.get().startsWith(r) && !real.get().equals(r))) {
        throw LmException.badInput(
            "Path '" + requested + "' is outside the model folders and the example images folder");
      }
      sources.add(new Source(requested, real.get()));
    }
    return sources;
  }

  /** Imports {@code sources} for the model with this hash. */
  public Imported importFiles(String modelHash, List<Source> sources) {
    ExampleImagesFolder.requireHash(modelHash);
    if (sources.isEmpty()) {
      throw LmException.badInput("No files provided to import");
    }
    Owner owner = owners.byHash(modelHash);
    Path folder = folders.modelFolder(owner.hash());
    List<String> errors = new ArrayList<>();
    List<ExampleImageFiles.StoredFile> files = new ArrayList<>();
    List<Copy> copies = new ArrayList<>();
    ModelEntry updated =
        editor.edit(
            owner.type(),
            owner.entry().filePath(),
            new SidecarEditor.Edit() {
              @Override
              public void apply(ModelEntry entry, ObjectNode sidecar) throws IOException {
                createFolder(folder);
                for (Source source : sources) {
                  copy(source, folder, errors).ifPresent(copies::add);
                }
                if (!copies.isEmpty()) {
                  ArrayNode custom = customImages(sidecar);
                  copies.forEach(copy -> custom.add(entryOf(copy)));
                }
              }

              @Override
              public void abandoned() {
                copies.forEach(c -> deleteQuietly(c.file()));
              }
            });
    for (Copy copy : copies) {
      String name = copy.file().getFileName().toString();
      files.add(
          new ExampleImageFiles.StoredFile(
              name, folders.urlOf(owner.hash(), name), copy.extension(), copy.video()));
    }
    Owner after = new Owner(owner.type(), updated, owner.hash());
    return new Imported(files, errors, owners.lists(after));
  }

  private Optional<Copy> copy(Source source, Path folder, List<String> errors) throws IOException {
    Path file = source.file();
    if (!Files.isRegularFile(file)) {
      errors.add("File not found: " + source.label());
      return Optional.empty();
    }
    Optional<String> extension;
    try (InputStream in = Files.newInputStream(file)) {
      extension = MediaKinds.sniff(in.readNBytes(MediaKinds.HEAD_BYTES));
    } catch (NoSuchFileException e) {
      errors.add("File not found: " + source.label());
      return Optional.empty();
    }
    if (extension.isEmpty()) {
      errors.add("Unsupported file type: " + source.label() + " is not an image or video");
      return Optional.empty();
    }
    String id = freeId(folder, extension.get());
    Path target = folder.resolve("custom_" + id + extension.get());
    Path part = folder.resolve(".custom_" + id + ".part");
    try {
      Files.copy(file, part, StandardCopyOption.REPLACE_EXISTING);
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      deleteQuietly(part);
      throw new IOException(
          "cannot copy " + source.label() + " to " + target + ": " + e.getMessage(), e);
    }
    return Optional.of(
        new Copy(target, id, extension.get(), MediaKinds.isVideo(target.toString())));
  }

  private ObjectNode entryOf(Copy copy) {
    // Videos and unreadable images are 0 x 0, as the reference records them.
    ImageDimensions.Size size = copy.video() ? null : ImageDimensions.read(copy.file());
    ObjectNode entry = JsonNodeFactory.instance.objectNode();
    entry.put("url", "");
    entry.put("id", copy.id());
    entry.put("nsfwLevel", 0);
    entry.put("width", size == null ? 0 : size.width());
    entry.put("height", size == null ? 0 : size.height());
    entry.put("type", copy.video() ? "video" : "image");
    entry.putNull("meta");
    entry.put("hasMeta", false);
    entry.put("hasPositivePrompt", false);
    return entry;
  }

  /** {@code civitai.customImages} of the sidecar, created when absent. */
  static ArrayNode customImages(ObjectNode sidecar) {
    JsonNode civitai = sidecar.get("civitai");
    ObjectNode civitaiObject =
        civitai instanceof ObjectNode object ? object : sidecar.putObject("civitai");
    JsonNode custom = civitaiObject.get("customImages");
    return custom instanceof ArrayNode array ? array : civitaiObject.putArray("customImages");
  }

  private String freeId(Path folder, String extension) {
    while (true) {
      StringBuilder id = new StringBuilder(ID_LENGTH);
      for (int i = 0; i < ID_LENGTH; i++) {
        id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
      }
      if (!Files.exists(folder.resolve("custom_" + id + extension))) {
        return id.toString();
      }
    }
  }

  private static void createFolder(Path folder) throws IOException {
    try {
      Files.createDirectories(folder);
    } catch (FileAlreadyExistsException e) {
      throw new IOException(
          "cannot create the example images folder " + folder + ": a file is in the way");
    }
  }

  private static Optional<Path> real(Path path) {
    if (path == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(path.toRealPath());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Best effort: a stray custom file without an entry is harmless and listed like any other.
    }
  }
}
