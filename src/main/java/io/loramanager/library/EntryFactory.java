package io.loramanager.library;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/** Builds the light catalogue entry from a sidecar (anchor-library §2.3 steps 5–6, §2.5). */
public final class EntryFactory {

  private EntryFactory() {}

  /**
   * @param filePath the model path with forward slashes
   * @param folder the model's folder relative to its root ("" at the root)
   * @param rootSubType the root's checkpoint sub-type, or null
   */
  public static ModelEntry fromSidecar(
      ModelType type,
      ModelMetadata meta,
      String filePath,
      String folder,
      String rootSubType,
      FileStamp stamp) {
    JsonNode civitai = meta.civitai();
    return new ModelEntry(
        filePath,
        meta.text("file_name", ""),
        meta.text("model_name", ""),
        folder,
        meta.longValue("size", 0),
        meta.doubleValue("modified", 0),
        meta.text("sha256", "").toLowerCase(Locale.ROOT),
        meta.autov3(),
        meta.text("base_model", ""),
        meta.text("preview_url", ""),
        (int) meta.longValue("preview_nsfw_level", 0),
        meta.bool("from_civitai", true),
        meta.bool("favorite", false),
        meta.bool("exclude", false),
        meta.bool("db_checked", false),
        meta.bool("civitai_deleted", false),
        meta.bool("skip_metadata_refresh", false),
        meta.text("notes", ""),
        meta.text("usage_tips", type == ModelType.LORA ? "{}" : ""),
        meta.text("metadata_source", null),
        meta.doubleValue("last_checked_at", 0),
        meta.text("hash_status", "completed"),
        meta.text("hf_url", ""),
        subType(type, meta, rootSubType),
        meta.strings("tags"),
        civitaiRef(civitai),
        LicenseFlags.of(civitai.path("model")),
        stamp);
  }

  private static String subType(ModelType type, ModelMetadata meta, String rootSubType) {
    return switch (type) {
      case LORA -> null;
      case CHECKPOINT -> rootSubType != null ? rootSubType : meta.text("sub_type", "checkpoint");
      case EMBEDDING -> meta.text("sub_type", meta.text("model_type", "embedding"));
    };
  }

  static CivitaiRef civitaiRef(JsonNode civitai) {
    if (civitai == null || !civitai.isObject() || civitai.isEmpty()) {
      return null;
    }
    return new CivitaiRef(
        longOrNull(civitai.get("id")),
        longOrNull(civitai.get("modelId")),
        textOrNull(civitai.get("name")),
        textOrNull(civitai.path("creator").get("username")),
        trainedWords(civitai.get("trainedWords")),
        textOrNull(civitai.path("model").get("type")));
  }

  private static List<String> trainedWords(JsonNode words) {
    return ModelMetadata.strings(words);
  }

  private static Long longOrNull(JsonNode node) {
    return node != null && node.canConvertToLong() && node.isNumber() ? node.asLong() : null;
  }

  private static String textOrNull(JsonNode node) {
    return node != null && node.isTextual() ? node.asText() : null;
  }
}
