package io.loramanager.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.library.CatalogSnapshot;
import io.loramanager.library.ModelCatalog;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Links recipe LoRAs and checkpoints to the library at read time (anchor-recipes §4.8): by hash
 * (SHA-256, AutoV2 or AutoV3), else by Civitai version id. Because the link is made on every read
 * from the current catalogue, a renamed, moved or deleted model shows correctly at once.
 */
@ApplicationScoped
public class LibraryLinks {

  private final ModelCatalog catalog;

  @Inject
  public LibraryLinks(ModelCatalog catalog) {
    this.catalog = catalog;
  }

  /** The library model with this hash, or null. */
  public ModelEntry byHash(ModelType type, String hash) {
    if (hash == null || hash.isBlank()) {
      return null;
    }
    CatalogSnapshot snapshot = catalog.current(type);
    String path = snapshot.hashIndex().pathOf(hash.trim());
    return path == null ? null : snapshot.byPath(path);
  }

  /** The library model with this Civitai version id, or null. */
  public ModelEntry byVersionId(ModelType type, long versionId) {
    if (versionId <= 0) {
      return null;
    }
    Map<Long, ModelEntry> index =
        catalog.current(type).derive("recipe-version-index", key -> versionIndex(type));
    return index.get(versionId);
  }

  private Map<Long, ModelEntry> versionIndex(ModelType type) {
    Map<Long, ModelEntry> index = new HashMap<>();
    for (ModelEntry entry : catalog.current(type).active()) {
      Long id = entry.civitaiVersionId();
      if (id != null) {
        index.putIfAbsent(id, entry);
      }
    }
    return Collections.unmodifiableMap(index);
  }

  /** The model a stored LoRA entry points at: by hash, else by version id; null when none. */
  public ModelEntry loraOf(JsonNode lora) {
    String hash = lora.path("hash").asText("");
    if (!hash.isEmpty()) {
      return byHash(ModelType.LORA, hash);
    }
    return byVersionId(ModelType.LORA, lora.path("modelVersionId").asLong(0));
  }

  /**
   * Adds {@code inLibrary}, {@code localPath} and {@code preview_url} (the preview's file path; the
   * API turns it into a URL) to a LoRA entry, in place. A linked entry also shows the library's
   * current file name.
   */
  public void enrichLora(ObjectNode lora) {
    String hash = lora.path("hash").asText("");
    ModelEntry entry = loraOf(lora);
    if (entry != null) {
      link(lora, entry);
    } else if (!hash.isEmpty()) {
      lora.put("inLibrary", false);
      lora.putNull("localPath");
      lora.putNull("preview_url");
    } else if (!lora.has("inLibrary")) {
      lora.put("inLibrary", false);
    }
  }

  /** The same for a checkpoint (id or modelVersionId), against the checkpoint catalogue. */
  public void enrichCheckpoint(ObjectNode checkpoint) {
    String hash = checkpoint.path("hash").asText("");
    ModelEntry entry = byHash(ModelType.CHECKPOINT, hash);
    if (entry == null && hash.isEmpty()) {
      long version = checkpoint.path("id").asLong(0);
      if (version <= 0) {
        version = checkpoint.path("modelVersionId").asLong(0);
      }
      entry = byVersionId(ModelType.CHECKPOINT, version);
    }
    if (entry != null) {
      link(checkpoint, entry);
      if (entry.subType() != null) {
        checkpoint.put("model_type", entry.subType());
      }
    } else {
      checkpoint.put("inLibrary", false);
    }
  }

  private static void link(ObjectNode node, ModelEntry entry) {
    node.put("inLibrary", true);
    node.put("localPath", entry.filePath());
    node.put("file_name", entry.fileName());
    if (node.path("hash").asText("").isEmpty() && !entry.sha256().isEmpty()) {
      node.put("hash", entry.sha256());
    }
    if (entry.previewUrl().isEmpty()) {
      node.putNull("preview_url");
    } else {
      node.put("preview_url", entry.previewUrl());
    }
  }
}
