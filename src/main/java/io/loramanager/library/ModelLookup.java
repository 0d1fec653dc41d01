package io.loramanager.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.errors.LmException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Single-model lookups (anchor-library §3.9): by file path for the modal, by name for the ComfyUI
 * widgets. Only catalogued models are read, so no request reaches outside the roots.
 */
@ApplicationScoped
public class ModelLookup {

  private static final List<String> FULL_CIVITAI_KEYS =
      List.of(
          "id",
          "modelId",
          "name",
          "createdAt",
          "updatedAt",
          "publishedAt",
          "trainedWords",
          "baseModel",
          "description",
          "model",
          "images",
          "customImages",
          "creator");

  private final ModelCatalog catalog;
  private final SidecarStore sidecars;

  @Inject
  public ModelLookup(ModelCatalog catalog, SidecarStore sidecars) {
    this.catalog = catalog;
    this.sidecars = sidecars;
  }

  /** The catalogued entry at {@code filePath}, excluded ones too; else 404. */
  public ModelEntry byPath(ModelType type, String filePath) {
    if (filePath == null || filePath.isBlank()) {
      throw LmException.badInput("file_path is required");
    }
    ModelEntry entry = catalog.snapshot(type).byPath(PathNames.slashes(filePath.trim()));
    if (entry == null) {
      throw LmException.notFound(type.label() + " not found: " + filePath);
    }
    return entry;
  }

  /** The full Civitai section of the sidecar; 404 when there is none. */
  public ObjectNode civitaiMetadata(ModelType type, String filePath) {
    ModelMetadata meta = sidecar(type, filePath);
    JsonNode civitai = meta.civitai();
    if (civitai.isEmpty()) {
      throw LmException.notFound(type.label() + " not found or no CivitAI metadata available");
    }
    ObjectNode reduced = JsonNodeFactory.instance.objectNode();
    for (String key : FULL_CIVITAI_KEYS) {
      if (civitai.has(key)) {
        reduced.set(key, civitai.get(key).deepCopy());
      }
    }
    return reduced;
  }

  /** The model's HTML description from its sidecar ("" when none). */
  public String description(ModelType type, String filePath) {
    return sidecar(type, filePath).text("modelDescription", "");
  }

  private ModelMetadata sidecar(ModelType type, String filePath) {
    ModelEntry entry = byPath(type, filePath);
    try {
      ModelMetadata meta = sidecars.read(SidecarStore.sidecarOf(Path.of(entry.filePath())));
      if (meta == null) {
        throw LmException.notFound(type.label() + " sidecar is missing: " + entry.filePath());
      }
      return meta;
    } catch (CorruptSidecarException e) {
      throw LmException.conflict(
          "Sidecar of " + entry.filePath() + " is corrupt: " + e.getMessage());
    } catch (IOException e) {
      throw new LmException(
          LmException.Kind.UNAVAILABLE,
          "Cannot read sidecar of " + entry.filePath() + ": " + e.getMessage(),
          e);
    }
  }

  /**
   * The active model named {@code name}: a file name (extension optional) or {@code folder/name};
   * null when none.
   */
  public ModelEntry byName(ModelType type, String name) {
    if (name == null || name.isBlank()) {
      throw LmException.badInput("name is required");
    }
    String wanted = PathNames.slashes(name.trim());
    String base = type.accepts(wanted) ? PathNames.baseName(wanted) : wanted;
    ModelEntry byBaseName = null;
    String lastSegment = PathNames.lastSegment(base);
    for (ModelEntry entry : catalog.snapshot(type).active()) {
      String relative =
          entry.folder().isEmpty() ? entry.fileName() : entry.folder() + "/" + entry.fileName();
      if (relative.equals(base) || entry.filePath().endsWith("/" + base + extension(entry))) {
        return entry;
      }
      if (byBaseName == null && entry.fileName().equals(lastSegment)) {
        byBaseName = entry;
      }
    }
    return byBaseName;
  }

  private static String extension(ModelEntry entry) {
    String name = PathNames.lastSegment(entry.filePath());
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(dot) : "";
  }

  /** Like {@link #byName} but 404 when there is no such model. */
  public ModelEntry requireByName(ModelType type, String name) {
    ModelEntry entry = byName(type, name);
    if (entry == null) {
      throw LmException.notFound(type.label() + " not found: " + name);
    }
    return entry;
  }
}
