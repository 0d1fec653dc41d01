package io.loramanager.library.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.loramanager.errors.LmException;
import io.loramanager.library.CorruptSidecarException;
import io.loramanager.library.ModelCatalog;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelMetadata;
import io.loramanager.library.ModelType;
import io.loramanager.library.SidecarStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The catalogued model a SHA-256 from a request belongs to (any type), and its example-image lists
 * as the sidecar holds them.
 */
@ApplicationScoped
public class ExampleImageOwners {

  private final ModelCatalog catalog;
  private final SidecarStore sidecars;

  @Inject
  public ExampleImageOwners(ModelCatalog catalog, SidecarStore sidecars) {
    this.catalog = catalog;
    this.sidecars = sidecars;
  }

  /** A model and its type. */
  public record Owner(ModelType type, ModelEntry entry, String hash) {}

  /**
   * The model's {@code civitai.images}, {@code civitai.customImages} (each [] when absent) and the
   * model file's path, as every custom-image answer carries them.
   */
  public record ImageLists(JsonNode regular, JsonNode custom, String modelFilePath) {

    static ImageLists of(JsonNode civitai, String modelFilePath) {
      return new ImageLists(
          array(civitai.get("images")), array(civitai.get("customImages")), modelFilePath);
    }

    private static JsonNode array(JsonNode node) {
      return node != null && node.isArray() ? node : JsonNodeFactory.instance.arrayNode();
    }
  }

  /** The model with this SHA-256 (400 for a malformed hash, 404 when none is catalogued). */
  public Owner byHash(String modelHash) {
    String hash = ExampleImagesFolder.requireHash(modelHash);
    for (ModelType type : ModelType.values()) {
      String path = catalog.snapshot(type).hashIndex().pathOf(hash);
      if (path != null) {
        ModelEntry entry = catalog.snapshot(type).byPath(path);
        if (entry != null) {
          return new Owner(type, entry, hash);
        }
      }
    }
    throw LmException.notFound("Model with hash " + hash + " not found in the library");
  }

  /** The lists as they are on disk now. */
  public ImageLists lists(Owner owner) {
    Path model = Path.of(owner.entry().filePath());
    try {
      ModelMetadata metadata = sidecars.read(SidecarStore.sidecarOf(model));
      JsonNode civitai =
          metadata == null ? JsonNodeFactory.instance.objectNode() : metadata.civitai();
      return ImageLists.of(civitai, owner.entry().filePath());
    } catch (CorruptSidecarException e) {
      throw LmException.conflict("Sidecar of " + model + " is corrupt: " + e.getMessage());
    } catch (IOException e) {
      throw LmException.unavailable("Cannot read the sidecar of " + model + ": " + e.getMessage());
    }
  }
}
