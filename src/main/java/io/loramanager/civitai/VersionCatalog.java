package io.loramanager.civitai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.errors.LmException;
import io.loramanager.library.DownloadedVersions;
import io.loramanager.library.ModelCatalog;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The versions of a Civitai model with what the library holds of each (anchor-api §3.3 row 4), and
 * the raw version and by-hash lookups of rows 5 and 6.
 */
@ApplicationScoped
public class VersionCatalog {

  /** The Civitai model types each of our types accepts, compared in lower case. */
  static final Map<ModelType, Set<String>> ACCEPTED_TYPES =
      Map.of(
          ModelType.LORA, Set.of("lora", "locon", "dora"),
          ModelType.CHECKPOINT, Set.of("checkpoint"),
          ModelType.EMBEDDING, Set.of("textualinversion"));

  private final CivitaiClient client;
  private final ModelCatalog catalog;
  private final DownloadedVersions history;

  @Inject
  public VersionCatalog(CivitaiClient client, ModelCatalog catalog, DownloadedVersions history) {
    this.client = client;
    this.catalog = catalog;
    this.history = history;
  }

  /**
   * The model's {@code modelVersions}, each with {@code existsLocally}, {@code hasBeenDownloaded},
   * {@code localPath} (when held), {@code downloadedFiles} and {@code modelSizeKB}; 400 when the
   * Civitai model is of another type.
   */
  public ArrayNode versions(ModelType type, long modelId) {
    ObjectNode model = client.model(modelId);
    String civitaiType = model.path("type").asText("");
    if (!ACCEPTED_TYPES.get(type).contains(civitaiType.toLowerCase(Locale.ROOT))) {
      throw LmException.badInput(
          "Model type mismatch: Civitai model "
              + modelId
              + " is a "
              + (civitaiType.isEmpty() ? "model of unknown type" : civitaiType)
              + ", not a "
              + type.label());
    }
    Map<Long, ModelEntry> local = new HashMap<>();
    for (ModelEntry entry : catalog.snapshot(type).all()) {
      Long versionId = entry.civitaiVersionId();
      if (versionId != null) {
        local.putIfAbsent(versionId, entry);
      }
    }
    // Held now, or downloaded before and not marked deleted since (the download history).
    Set<Long> downloaded = new HashSet<>(history.downloadedVersionIds(type.id(), modelId));
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (JsonNode listed : model.path("modelVersions")) {
      ObjectNode version = listed.deepCopy();
      ModelEntry held = local.get(version.path("id").asLong());
      version.put("existsLocally", held != null);
      version.put(
          "hasBeenDownloaded", held != null || downloaded.contains(version.path("id").asLong()));
      ArrayNode files = version.putArray("downloadedFiles");
      if (held != null) {
        version.put("localPath", held.filePath());
        ObjectNode file = files.addObject();
        JsonNode primary = primaryFile(listed);
        if (primary != null && primary.has("id")) {
          file.set("fileId", primary.get("id"));
        }
        file.put("fileName", Path.of(held.filePath()).getFileName().toString());
        file.put("filePath", held.filePath());
      }
      JsonNode primary = primaryFile(listed);
      if (primary != null && primary.path("sizeKB").isNumber()) {
        version.set("modelSizeKB", primary.get("sizeKB"));
      }
      out.add(version);
    }
    return out;
  }

  /** The raw version by id (cached). */
  public ObjectNode version(long versionId) {
    return client.version(versionId);
  }

  /** The raw version by SHA-256, enriched with its model's data. */
  public ObjectNode byHash(String sha256) {
    if (sha256 == null || !sha256.trim().matches("(?i)[0-9a-f]{64}")) {
      throw LmException.badInput("Not a SHA-256 hash: " + sha256);
    }
    return client.versionByHash(sha256);
  }

  /** The primary weights file: {@code primary} and type {@code Model} first, then any primary. */
  static JsonNode primaryFile(JsonNode version) {
    JsonNode fallback = null;
    for (JsonNode file : version.path("files")) {
      if (file.path("primary").asBoolean(false)) {
        if ("Model".equals(file.path("type").asText())) {
          return file;
        }
        if (fallback == null) {
          fallback = file;
        }
      }
    }
    if (fallback == null && version.path("files").size() > 0) {
      fallback = version.path("files").get(0);
    }
    return fallback;
  }
}
