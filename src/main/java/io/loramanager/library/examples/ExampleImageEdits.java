package io.loramanager.library.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.errors.LmException;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.examples.ExampleImageOwners.ImageLists;
import io.loramanager.library.examples.ExampleImageOwners.Owner;
import io.loramanager.library.lifecycle.SidecarEditor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Changes to a model's example-image entries (anchor-api §3.6 rows 9–10): deleting a custom image
 * (entry and file) and setting the NSFW level of a downloaded or custom one.
 */
@ApplicationScoped
public class ExampleImageEdits {

  private final ExampleImageOwners owners;
  private final ExampleImagesFolder folders;
  private final SidecarEditor editor;

  @Inject
  public ExampleImageEdits(
      ExampleImageOwners owners, ExampleImagesFolder folders, SidecarEditor editor) {
    this.owners = owners;
    this.folders = folders;
    this.editor = editor;
  }

  /** Which image a level is set on: {@code civitai} by index, {@code custom} by id. */
  public record ImageRef(String source, Integer index, String id) {}

  /**
   * Removes the custom image {@code shortId}: its entry, then its file(s) {@code
   * custom_<id>.<ext>}. 404 when the model, its custom list or the entry is missing.
   */
  public ImageLists deleteCustom(String modelHash, String shortId) {
    if (shortId == null || shortId.isBlank()) {
      throw LmException.badInput("Missing short_id parameter");
    }
    String id = shortId.strip();
    Owner owner = owners.byHash(modelHash);
    Path folder = folders.modelFolder(owner.hash());
    ModelEntry updated =
        editor.edit(
            owner.type(),
            owner.entry().filePath(),
            new SidecarEditor.Edit() {
              @Override
              public void apply(ModelEntry entry, ObjectNode sidecar) {
                JsonNode custom = sidecar.path("civitai").path("customImages");
                if (!(custom instanceof ArrayNode list) || list.isEmpty()) {
                  throw LmException.notFound("Model has no custom images");
                }
                int at = indexOfId(list, id);
                if (at < 0) {
                  throw LmException.notFound("Custom image with id " + id + " not found");
                }
                list.remove(at);
              }

              @Override
              public void committed() throws IOException {
                for (Path file : filesOf(folder, id)) {
                  Files.deleteIfExists(file);
                }
              }
            });
    return owners.lists(new Owner(owner.type(), updated, owner.hash()));
  }

  /** Sets {@code nsfwLevel} of one image entry; 400 for a bad reference, 404 when it is missing. */
  public ImageLists setNsfwLevel(String modelHash, int level, ImageRef ref) {
    if (level < 0) {
      throw LmException.badInput("nsfw_level must be 0 or more");
    }
    String source = ref.source() == null ? "" : ref.source().strip().toLowerCase(Locale.ROOT);
    if (!source.equals("civitai") && !source.equals("custom")) {
      throw LmException.badInput("source must be 'civitai' or 'custom'");
    }
    if (source.equals("civitai") && ref.index() == null) {
      throw LmException.badInput("index is required for civitai images");
    }
    if (source.equals("custom") && (ref.id() == null || ref.id().isBlank())) {
      throw LmException.badInput("id is required for custom images");
    }
    Owner owner = owners.byHash(modelHash);
    ModelEntry updated =
        editor.edit(
            owner.type(),
            owner.entry().filePath(),
            (entry, sidecar) -> {
              JsonNode civitai = sidecar.path("civitai");
              ObjectNode image;
              if (source.equals("civitai")) {
                JsonNode images = civitai.path("images");
                image = images.get(ref.index()) instanceof ObjectNode found ? found : null;
                if (image == null || ref.index() < 0) {
                  throw LmException.notFound("Example image " + ref.index() + " not found");
                }
              } else {
                JsonNode custom = civitai.path("customImages");
                int at = custom instanceof ArrayNode list ? indexOfId(list, ref.id().strip()) : -1;
                if (at < 0) {
                  throw LmException.notFound(
                      "Custom image with id " + ref.id().strip() + " not found");
                }
                image = (ObjectNode) custom.get(at);
              }
              image.put("nsfwLevel", level);
            });
    return owners.lists(new Owner(owner.type(), updated, owner.hash()));
  }

  private static int indexOfId(ArrayNode list, String id) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) instanceof ObjectNode image && id.equals(image.path("id").asText(null))) {
        return i;
      }
    }
    return -1;
  }

  /** The files named {@code custom_<id>.<ext>}, found by listing (the id never builds a path). */
  private static List<Path> filesOf(Path folder, String id) throws IOException {
    List<Path> found = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return found;
    }
    String prefix = "custom_" + id + ".";
    try (var files = Files.list(folder)) {
      files.filter(f -> f.getFileName().toString().startsWith(prefix)).forEach(found::add);
    }
    return found;
  }
}
