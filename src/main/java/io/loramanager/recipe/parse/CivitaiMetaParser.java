package io.loramanager.recipe.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.library.ModelEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A Civitai image {@code meta} object (anchor-recipes §2.7): {@code resources}, {@code
 * civitaiResources} and the {@code hashes} fallback, each LoRA resolved in the library first, then
 * on Civitai. Not ported yet: {@code additionalResources}, {@code modelVersionIds} and the {@code
 * Lora_N} keys (docs/recipes.md).
 */
final class CivitaiMetaParser implements RecipeParser {

  private static final List<String> MARKERS =
      List.of(
          "resources",
          "civitaiResources",
          "additionalResources",
          "hashes",
          "prompt",
          "negativePrompt",
          "steps",
          "sampler",
          "cfgScale",
          "seed",
          "width",
          "height",
          "Model",
          "Model hash",
          "modelVersionIds");

  @Override
  public boolean accepts(MetadataText input) {
    JsonNode json = input.json();
    if (json == null) {
      return false;
    }
    return hasMarker(json) || (json.path("meta").isObject() && hasMarker(json.get("meta")));
  }

  private static boolean hasMarker(JsonNode node) {
    for (String key : MARKERS) {
      if (node.has(key)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public ObjectNode parse(MetadataText input, ParseContext context) {
    JsonNode meta = input.json();
    if (meta.path("meta").isObject() && hasMarker(meta.get("meta"))) {
      meta = meta.get("meta");
    }
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    copy(meta, "prompt", params, "prompt");
    copy(meta, "negativePrompt", params, "negative_prompt");
    copy(meta, "steps", params, "steps");
    copy(meta, "sampler", params, "sampler");
    copy(meta, "cfgScale", params, "cfg_scale");
    copy(meta, "seed", params, "seed");
    copy(meta, "Size", params, "size");
    copy(meta, "clipSkip", params, "clip_skip");

    List<ObjectNode> loras = new ArrayList<>();
    Set<String> added = new HashSet<>();
    ObjectNode checkpoint = null;
    for (JsonNode resource : meta.path("resources")) {
      String type = resource.path("type").asText("lora").toLowerCase(Locale.ROOT);
      String name = resource.path("name").asText("");
      String hash =
          resource.path("hash").asText(meta.path("hashes").path("lora:" + name).asText(""));
      if (type.equals("model")) {
        if (checkpoint == null) {
          checkpoint = ParserEntries.checkpoint(name, hash);
          checkpoint.put("type", "model");
          ModelEntry local = context.local().checkpointByHash(hash).orElse(null);
          if (local != null) {
            ParserEntries.fromLocal(checkpoint, local);
          } else if (!hash.isEmpty()) {
            ParserEntries.fromCivitaiCheckpoint(checkpoint, context.hash(hash), context.local());
          }
        }
      } else if (type.equals("lora")
          && !hash.isEmpty()
          && added.add(hash.toLowerCase(Locale.ROOT))) {
        double weight = ParserEntries.round2(resource.path("weight").asDouble(1.0));
        addByHash(loras, ParserEntries.lora(name, "lora", weight, hash), hash, context);
      }
    }
    for (JsonNode resource : meta.path("civitaiResources")) {
      String type = resource.path("type").asText("").toLowerCase(Locale.ROOT);
      String versionId = resource.path("modelVersionId").asText("");
      if (versionId.isEmpty()) {
        continue;
      }
      if (type.equals("checkpoint")) {
        if (checkpoint == null) {
          checkpoint = ParserEntries.checkpoint(resource.path("modelName").asText(""), "");
          checkpoint.set("id", resource.get("modelVersionId"));
          ParserEntries.fromCivitaiCheckpoint(
              checkpoint, context.version(versionId), context.local());
        }
      } else if (added.add(versionId)) {
        double weight = ParserEntries.round2(resource.path("weight").asDouble(1.0));
        ObjectNode entry =
            ParserEntries.lora(resource.path("modelName").asText(""), "lora", weight, "");
        entry.set("id", resource.get("modelVersionId"));
        entry.put("version", resource.path("modelVersionName").asText(""));
        ObjectNode populated =
            ParserEntries.fromCivitaiLora(entry, context.version(versionId), context.local(), null);
        if (populated != null) {
          loras.add(populated);
        }
      }
    }
    meta.path("hashes")
        .fields()
        .forEachRemaining(
            field -> {
              String key = field.getKey();
              String hash = field.getValue().asText("");
              if (key.toLowerCase(Locale.ROOT).startsWith("lora:")
                  && !hash.isEmpty()
                  && added.add(hash.toLowerCase(Locale.ROOT))) {
                addByHash(
                    loras, ParserEntries.lora(key.substring(5), "lora", 1.0, hash), hash, context);
              }
            });

    ObjectNode result = JsonNodeFactory.instance.objectNode();
    String base = meta.path("baseModel").asText("");
    if (base.isEmpty() && checkpoint != null) {
      base = checkpoint.path("baseModel").asText("");
    }
    if (base.isEmpty()) {
      base = BaseModels.mostCommon(loras);
    }
    if (base == null || base.isEmpty()) {
      result.putNull("base_model");
    } else {
      result.put("base_model", base);
    }
    ArrayNode array = result.putArray("loras");
    loras.forEach(array::add);
    result.set("gen_params", params);
    if (checkpoint != null) {
      result.set("model", checkpoint);
    }
    result.put("from_civitai_image", true);
    return result;
  }

  private static void addByHash(
      List<ObjectNode> loras, ObjectNode entry, String hash, ParseContext context) {
    ModelEntry local = context.local().loraByHash(hash).orElse(null);
    if (local != null) {
      loras.add(ParserEntries.fromLocal(entry, local));
      return;
    }
    ObjectNode populated =
        ParserEntries.fromCivitaiLora(entry, context.hash(hash), context.local(), hash);
    if (populated != null) {
      loras.add(populated);
    }
  }

  private static void copy(JsonNode from, String key, ObjectNode to, String as) {
    JsonNode value = from.get(key);
    if (value != null && !value.isNull() && value.isValueNode()) {
      to.set(as, value);
    }
  }
}
