package io.loramanager.recipe.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** SwarmUI {@code sui_image_params} JSON (anchor-recipes §2.7). */
final class SwarmParser implements RecipeParser {

  @Override
  public boolean accepts(MetadataText input) {
    return input.json() != null && input.json().has("sui_image_params");
  }

  @Override
  public ObjectNode parse(MetadataText input, ParseContext context) {
    JsonNode source = input.json().path("sui_image_params");
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    copy(source, "prompt", params, "prompt");
    copy(source, "negativeprompt", params, "negative_prompt");
    copy(source, "negative_prompt", params, "negative_prompt");
    copy(source, "steps", params, "steps");
    copy(source, "seed", params, "seed");
    copy(source, "cfgscale", params, "cfg_scale");
    copy(source, "cfg_scale", params, "cfg_scale");
    for (String key : List.of("width", "height", "sampler", "scheduler", "model", "vae")) {
      copy(source, key, params, key);
    }
    if (source.has("width") && source.has("height")) {
      params.put("size", source.get("width").asText() + "x" + source.get("height").asText());
    }

    List<ObjectNode> loras = new ArrayList<>();
    ObjectNode checkpoint = null;
    for (JsonNode model : input.json().path("sui_models")) {
      String fullName = model.path("name").asText("");
      String name = fullName.replace(".safetensors", "");
      String hash = model.path("hash").asText("");
      if (hash.startsWith("0x")) {
        hash = hash.substring(2);
      }
      boolean lora =
          fullName.toLowerCase(Locale.ROOT).contains("lora")
              || model.path("param").asText("").toLowerCase(Locale.ROOT).startsWith("lora");
      if (lora) {
        ObjectNode entry = ParserEntries.lora(name, "lora", 1.0, hash);
        entry.put("file_name", fullName);
        ObjectNode resolved = resolveLora(entry, hash, context);
        if (resolved != null) {
          loras.add(resolved);
        }
      } else {
        checkpoint = ParserEntries.checkpoint(name, hash);
        checkpoint.put("file_name", fullName);
        if (!hash.isEmpty()) {
          ParserEntries.fromCivitaiCheckpoint(checkpoint, context.hash(hash), context.local());
        }
      }
    }

    ObjectNode result = JsonNodeFactory.instance.objectNode();
    String base = BaseModels.mostCommon(loras);
    if (base == null && checkpoint != null && !checkpoint.path("baseModel").asText("").isEmpty()) {
      base = checkpoint.path("baseModel").asText();
    }
    if (base == null) {
      result.putNull("base_model");
    } else {
      result.put("base_model", base);
    }
    ArrayNode array = result.putArray("loras");
    loras.forEach(array::add);
    result.set("gen_params", params);
    if (checkpoint != null) {
      result.set("checkpoint", checkpoint);
    }
    result.put("from_sui_image_params", true);
    return result;
  }

  /** The library first (our addition: the reference asks Civitai only), then Civitai. */
  private static ObjectNode resolveLora(ObjectNode entry, String hash, ParseContext context) {
    if (hash.isEmpty()) {
      return entry;
    }
    var local = context.local().loraByHash(hash);
    if (local.isPresent()) {
      return ParserEntries.fromLocal(entry, local.get());
    }
    return ParserEntries.fromCivitaiLora(entry, context.hash(hash), context.local(), hash);
  }

  private static void copy(JsonNode from, String key, ObjectNode to, String as) {
    JsonNode value = from.get(key);
    if (value != null && !value.isNull() && value.isValueNode()) {
      to.set(as, value);
    }
  }
}
