package io.loramanager.civitai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.storage.JsonMapperSettings;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * How a Civitai version payload lands in a sidecar (anchor-library §5.4–5.5). Pure functions over
 * the sidecar tree: keys we do not manage are never touched, and merging the same payload twice
 * gives the same sidecar.
 */
public final class CivitaiMerge {

  private CivitaiMerge() {}

  /**
   * Merges a found version into the sidecar.
   *
   * @param now epoch seconds for {@code last_checked_at}
   */
  public static void found(ObjectNode sidecar, ObjectNode payload, double now) {
    ObjectNode existing =
        sidecar.path("civitai").isObject() ? (ObjectNode) sidecar.get("civitai") : null;
    // 1. A thinner payload never replaces a full Civitai API payload.
    if (!(isApiPayload(existing) && !isApiPayload(payload))) {
      ObjectNode merged = existing == null ? sidecar.objectNode() : existing.deepCopy();
      boolean hadWords = merged.has("trainedWords");
      JsonNode oldWords = merged.get("trainedWords");
      payload.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue().deepCopy()));
      // Union with the words we had (the reference's set union, in a stable order), duplicates
      // dropped either way so that a second merge changes nothing.
      if (hadWords || payload.has("trainedWords")) {
        merged.set("trainedWords", union(oldWords, payload.get("trainedWords"), sidecar));
      }
      sidecar.set("civitai", merged);
    }
    ObjectNode civitai = (ObjectNode) sidecar.get("civitai");
    // 2. Model data: name always, description and tags only when empty, creator and licence.
    JsonNode model = payload.get("model");
    if (model != null && model.isObject()) {
      if (model.path("name").isTextual()) {
        sidecar.put("model_name", model.get("name").asText());
      }
      if (sidecar.path("modelDescription").asText("").isEmpty()
          && model.path("description").isTextual()) {
        sidecar.put("modelDescription", model.get("description").asText());
      }
      if (sidecar.path("tags").isEmpty() && model.path("tags").isArray()) {
        sidecar.set("tags", model.get("tags").deepCopy());
      }
      if (!civitai.path("creator").isObject() && model.path("creator").isObject()) {
        civitai.set("creator", model.get("creator").deepCopy());
      }
      ObjectNode civitaiModel =
          civitai.path("model").isObject()
              ? (ObjectNode) civitai.get("model")
              : civitai.putObject("model");
      for (String key : CivitaiPayloads.LICENSE_KEYS) {
        if (model.has(key) && !model.get(key).isNull()) {
          civitaiModel.set(key, model.get(key).deepCopy());
        }
      }
      CivitaiPayloads.applyLicenseDefaults(civitaiModel);
    }
    // 3. Base model, always overwritten.
    JsonNode baseModel = payload.get("baseModel");
    sidecar.put(
        "base_model", BaseModels.normalise(baseModel == null ? null : baseModel.asText(null)));
    // 4. AutoV3 of the file with our hash.
    String autov3 = autov3(payload, sidecar.path("sha256").asText(""));
    if (autov3 != null) {
      sidecar.put("autov3", autov3);
    }
    sidecar.put("from_civitai", true);
    sidecar.put("civitai_deleted", false);
    sidecar.put("metadata_source", "civitai_api");
    sidecar.put("last_checked_at", JsonMapperSettings.plain(now));
  }

  /** Records that Civitai does not know the model's hash. */
  public static void notFound(ObjectNode sidecar, double now) {
    sidecar.put("from_civitai", false);
    sidecar.put("civitai_deleted", true);
    sidecar.put("last_checked_at", JsonMapperSettings.plain(now));
  }

  /** A payload straight from the Civitai API: files and images, not an archive's copy. */
  static boolean isApiPayload(JsonNode civitai) {
    if (civitai == null || !civitai.isObject()) {
      return false;
    }
    String source = civitai.path("source").asText("");
    return civitai.path("files").isArray()
        && !civitai.path("files").isEmpty()
        && civitai.path("images").isArray()
        && !civitai.path("images").isEmpty()
        && !source.equals("archive_db")
        && !source.equals("civarchive");
  }

  /** The AutoV3 hash of the payload file whose SHA-256 is ours, lower-cased; null when none. */
  static String autov3(JsonNode payload, String sha256) {
    if (sha256 == null || sha256.isEmpty()) {
      return null;
    }
    for (JsonNode file : payload.path("files")) {
      JsonNode hashes = file.path("hashes");
      if (hashes.path("SHA256").asText("").equalsIgnoreCase(sha256)
          && hashes.path("AutoV3").isTextual()) {
        return hashes.get("AutoV3").asText().toLowerCase(Locale.ROOT);
      }
    }
    return null;
  }

  private static ArrayNode union(JsonNode oldWords, JsonNode newWords, ObjectNode factory) {
    Set<String> words = new LinkedHashSet<>();
    addWords(oldWords, words);
    addWords(newWords, words);
    ArrayNode out = factory.arrayNode();
    words.forEach(out::add);
    return out;
  }

  private static void addWords(JsonNode array, Set<String> into) {
    if (array != null && array.isArray()) {
      for (JsonNode word : array) {
        if (word.isTextual()) {
          into.add(word.asText());
        }
      }
    }
  }
}
