package io.loramanager.recipe.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.PathNames;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Builds and fills parser entries, the LoRA and checkpoint shape of an analysis (anchor-recipes
 * §2.3), and the shared resolution steps of §2.4: filling an entry from the library or from a
 * Civitai model version.
 */
final class ParserEntries {

  static final String NO_PREVIEW = "/loras_static/images/no-preview.png";
  private static final Set<String> LORA_TYPES = Set.of("lora", "locon", "dora");
  private static final Set<String> CHECKPOINT_TYPES = Set.of("checkpoint", "diffusion_model");
  private static final Set<String> WEIGHT_FILE_TYPES =
      Set.of("Model", "Pruned Model", "Negative", "UNet", "Diffusion Model", "Enhancement LoRA");

  private static final List<String> MODEL_EXTENSIONS =
      List.of(".safetensors", ".ckpt", ".pt", ".pth", ".bin", ".gguf", ".sft");

  private ParserEntries() {}

  /** A fresh LoRA entry with the reference defaults. */
  static ObjectNode lora(String name, String type, double weight, String hash) {
    ObjectNode entry = JsonNodeFactory.instance.objectNode();
    entry.put("name", name);
    entry.put("type", type);
    entry.put("weight", weight);
    entry.put("existsLocally", false);
    entry.putNull("localPath");
    entry.put("file_name", name);
    entry.put("hash", hash == null ? "" : hash.toLowerCase(Locale.ROOT));
    entry.put("thumbnailUrl", NO_PREVIEW);
    entry.put("baseModel", "");
    entry.put("size", 0);
    entry.put("downloadUrl", "");
    entry.put("isDeleted", false);
    return entry;
  }

  /** A fresh checkpoint entry. */
  static ObjectNode checkpoint(String name, String hash) {
    ObjectNode entry = JsonNodeFactory.instance.objectNode();
    entry.put("id", 0);
    entry.put("modelId", 0);
    entry.put("name", name);
    entry.put("version", "");
    entry.put("type", "checkpoint");
    entry.put("hash", hash == null ? "" : hash.toLowerCase(Locale.ROOT));
    entry.put("file_name", fileStem(name));
    entry.put("existsLocally", false);
    entry.putNull("localPath");
    entry.put("thumbnailUrl", NO_PREVIEW);
    entry.put("baseModel", "");
    entry.put("size", 0);
    entry.put("downloadUrl", "");
    entry.put("isDeleted", false);
    return entry;
  }

  /** Fills an entry from a library model (the reference's {@code populate_lora_from_local}). */
  static ObjectNode fromLocal(ObjectNode entry, ModelEntry model) {
    entry.put("name", model.modelName().isEmpty() ? model.fileName() : model.modelName());
    entry.put("file_name", model.fileName());
    entry.put("hash", model.sha256().toLowerCase(Locale.ROOT));
    entry.put("localPath", model.filePath());
    entry.put("size", model.size());
    entry.put("baseModel", model.baseModel());
    entry.put("existsLocally", true);
    entry.put("inLibrary", true);
    entry.put("isDeleted", false);
    entry.put("thumbnailUrl", localPreview(model));
    if (model.civitai() != null) {
      if (model.civitai().id() != null) {
        entry.put("id", model.civitai().id());
      }
      if (model.civitai().modelId() != null) {
        entry.put("modelId", model.civitai().modelId());
      }
      if (model.civitai().name() != null) {
        entry.put("version", model.civitai().name());
      }
    }
    return entry;
  }

  /**
   * Fills a LoRA entry from a Civitai version (§2.4 {@code populate_lora_from_civitai}); null when
   * Civitai says the model is not a LoRA, which drops the entry. "Not found" marks it deleted.
   */
  static ObjectNode fromCivitaiLora(
      ObjectNode entry, ParseContext.Lookup lookup, LocalModels local, String hashValue) {
    if (!lookup.asked()) {
      return entry;
    }
    JsonNode info = lookup.info();
    if (info == null) {
      entry.put("isDeleted", true);
      entry.put("thumbnailUrl", NO_PREVIEW);
      return entry;
    }
    String type = info.path("model").path("type").asText("").toLowerCase(Locale.ROOT);
    if (!LORA_TYPES.contains(type)) {
      return null;
    }
    entry.put("type", type);
    if (info.hasNonNull("earlyAccessEndsAt")) {
      entry.put("isEarlyAccess", true);
      entry.set("earlyAccessEndsAt", info.get("earlyAccessEndsAt"));
    }
    copyVersion(entry, info);
    JsonNode file = primaryFile(info, false);
    if (file != null) {
      entry.put("size", file.path("sizeKB").asDouble(0) * 1024);
      String sha = file.path("hashes").path("SHA256").asText("");
      entry.put("hash", sha.isEmpty() ? nonNull(hashValue) : sha.toLowerCase(Locale.ROOT));
      ModelEntry model = local.loraByHash(entry.path("hash").asText()).orElse(null);
      if (model != null) {
        entry.put("existsLocally", true);
        entry.put("inLibrary", true);
        entry.put("localPath", model.filePath());
        entry.put("file_name", model.fileName());
        entry.put("thumbnailUrl", localPreview(model));
      } else {
        entry.put("file_name", fileStem(file.path("name").asText("")));
      }
    }
    return entry;
  }

  /**
   * Fills a checkpoint entry from a Civitai version (§2.4 {@code populate_checkpoint_...}): "not
   * found" marks it deleted, a non-checkpoint answer leaves it as it was.
   */
  static ObjectNode fromCivitaiCheckpoint(
      ObjectNode entry, ParseContext.Lookup lookup, LocalModels local) {
    JsonNode info = lookup.info();
    if (lookup.notFound()) {
      entry.put("isDeleted", true);
    }
    String type =
        info == null ? "" : info.path("model").path("type").asText("").toLowerCase(Locale.ROOT);
    if (CHECKPOINT_TYPES.contains(type)) {
      copyVersion(entry, info);
      JsonNode file = primaryFile(info, true);
      if (file != null) {
        entry.put("size", file.path("sizeKB").asDouble(0) * 1024);
        String sha = file.path("hashes").path("SHA256").asText("");
        if (!sha.isEmpty()) {
          entry.put("hash", sha.toLowerCase(Locale.ROOT));
        }
        entry.put("file_name", fileStem(file.path("name").asText("")));
      }
    }
    // Our addition: a checkpoint the library has is marked local, with or without Civitai.
    local
        .checkpointByHash(entry.path("hash").asText(""))
        .ifPresent(
            model -> {
              entry.put("existsLocally", true);
              entry.put("inLibrary", true);
              entry.put("localPath", model.filePath());
            });
    return entry;
  }

  private static void copyVersion(ObjectNode entry, JsonNode info) {
    entry.put("name", info.path("model").path("name").asText(entry.path("name").asText("")));
    entry.set("id", info.path("id"));
    entry.set("modelId", info.path("modelId"));
    entry.put("version", info.path("name").asText(""));
    entry.put("thumbnailUrl", thumbnail(info));
    entry.put("baseModel", info.path("baseModel").asText(""));
    entry.put("downloadUrl", info.path("downloadUrl").asText(""));
  }

  private static JsonNode primaryFile(JsonNode info, boolean firstWeightFileFallback) {
    JsonNode first = null;
    for (JsonNode file : info.path("files")) {
      boolean weights = WEIGHT_FILE_TYPES.contains(file.path("type").asText(""));
      if (weights && file.path("primary").asBoolean(false)) {
        return file;
      }
      if (weights && first == null) {
        first = file;
      }
    }
    return firstWeightFileFallback ? first : null;
  }

  /** The first image as a 450 px rendition on Civitai's image CDN (§2.4). */
  private static String thumbnail(JsonNode info) {
    JsonNode image = info.path("images").path(0);
    String url = image.path("url").asText("");
    if (url.isEmpty()) {
      return NO_PREVIEW;
    }
    if (!url.matches("https://[^/]*\\.civitai\\.com/.*")) {
      return url;
    }
    boolean video = "video".equals(image.path("type").asText(""));
    return url.replace(
        "/original=true",
        video ? "/transcode=true,width=450,optimized=true" : "/width=450,optimized=true");
  }

  static String localPreview(ModelEntry model) {
    String path = model.previewUrl();
    if (path == null || path.isEmpty()) {
      return NO_PREVIEW;
    }
    // The same form as the model list's preview_url (api.ModelItems), which recipe may not use.
    return "/api/lm/previews?path="
        + URLEncoder.encode(path, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
  }

  /**
   * A file name without folder and without a model-file extension. Only known extensions are cut,
   * so {@code sd_xl_base_1.0} stays whole (Python's {@code splitext} would cut {@code .0}).
   */
  static String fileStem(String name) {
    if (name == null) {
      return "";
    }
    String last = PathNames.lastSegment(name.replace('\\', '/'));
    String lower = last.toLowerCase(Locale.ROOT);
    for (String extension : MODEL_EXTENSIONS) {
      if (lower.endsWith(extension)) {
        return last.substring(0, last.length() - extension.length());
      }
    }
    return last;
  }

  static String nonNull(String value) {
    return value == null ? "" : value;
  }

  /** Python's {@code round(value, 2)} for the weights we see (half-even on the decimal text). */
  static double round2(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return 1.0;
    }
    return new BigDecimal(Double.toString(value)).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
  }

  /** The id of a version as the entry holds it: {@code id} or {@code modelVersionId}. */
  static String versionId(JsonNode entry) {
    JsonNode id = entry.has("id") ? entry.get("id") : entry.path("modelVersionId");
    String text = id.asText("");
    return text.equals("0") ? "" : text;
  }
}
