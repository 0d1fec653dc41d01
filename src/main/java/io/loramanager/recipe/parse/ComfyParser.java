package io.loramanager.recipe.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ComfyUI API prompt JSON (anchor-recipes §2.7): LoRAs from {@code LoraLoader} and LoRA Manager's
 * {@code LoraLoaderLM} nodes, a checkpoint only when its name carries a Civitai AIR, generation
 * parameters from Civitai's {@code extraMetadata} or from nodes titled Positive/Negative.
 */
final class ComfyParser implements RecipeParser {

  private static final Pattern CIVITAI_REF = Pattern.compile("civitai:(\\d+)@(\\d+)");

  private final ObjectMapper mapper;

  ComfyParser(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public boolean accepts(MetadataText input) {
    if (input.json() == null) {
      return false;
    }
    for (JsonNode node : input.json()) {
      if (node.isObject() && node.has("class_type")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public ObjectNode parse(MetadataText input, ParseContext context) {
    JsonNode prompt = input.json();
    ObjectNode checkpoint = null;
    List<ObjectNode> loras = new ArrayList<>();
    for (JsonNode node : prompt) {
      String type = node.path("class_type").asText("");
      JsonNode inputs = node.path("inputs");
      if (type.equals("CheckpointLoaderSimple") && checkpoint == null) {
        Matcher m = CIVITAI_REF.matcher(inputs.path("ckpt_name").asText(""));
        if (m.find()) {
          checkpoint = ParserEntries.checkpoint("Checkpoint " + m.group(1), "");
          checkpoint.put("id", m.group(2));
          checkpoint.put("modelId", m.group(1));
          checkpoint.put("file_name", "");
          ParserEntries.fromCivitaiCheckpoint(
              checkpoint, context.version(m.group(2)), context.local());
        }
      } else if (type.equals("LoraLoader")) {
        add(loras, inputs.path("lora_name").asText(""), inputs.get("strength_model"));
      } else if (type.equals("LoraLoaderLM")) {
        for (JsonNode item : loaderItems(inputs.path("loras"))) {
          if (item.path("active").asBoolean(false) && !item.path("_isDummy").asBoolean(false)) {
            add(loras, item.path("name").asText(""), item.get("strength"));
          }
        }
      }
    }
    String checkpointBase = checkpoint == null ? "" : checkpoint.path("baseModel").asText("");
    List<ObjectNode> resolved = new ArrayList<>();
    for (ObjectNode entry : loras) {
      String name = entry.path("name").asText();
      Matcher m = CIVITAI_REF.matcher(name);
      if (m.find()) {
        entry.put("name", "Lora " + m.group(1));
        entry.put("id", m.group(2));
        entry.put("modelId", m.group(1));
        ObjectNode populated =
            ParserEntries.fromCivitaiLora(
                entry, context.version(m.group(2)), context.local(), null);
        if (populated != null) {
          resolved.add(populated);
        }
      } else {
        context
            .local()
            .loraByName(name, checkpointBase)
            .ifPresent(model -> resolved.add(ParserEntries.fromLocal(entry, model)));
      }
    }

    ObjectNode result = JsonNodeFactory.instance.objectNode();
    String base = BaseModels.mostCommon(resolved);
    if (base == null) {
      result.putNull("base_model");
    } else {
      result.put("base_model", base);
    }
    ArrayNode array = result.putArray("loras");
    resolved.forEach(array::add);
    result.set("gen_params", genParams(prompt));
    if (checkpoint != null) {
      result.set("checkpoint", checkpoint);
    }
    result.put("from_comfy_metadata", true);
    return result;
  }

  private static void add(List<ObjectNode> loras, String name, JsonNode strength) {
    if (name.isBlank()) {
      return;
    }
    loras.add(ParserEntries.lora(name, "lora", weight(strength), ""));
  }

  private static double weight(JsonNode strength) {
    if (strength == null || strength.isNull()) {
      return 1.0;
    }
    if (strength.isNumber()) {
      return strength.asDouble();
    }
    try {
      return Double.parseDouble(strength.asText().trim());
    } catch (NumberFormatException e) {
      return 1.0;
    }
  }

  /**
   * The items of a LoraLoaderLM {@code loras} input: a list, {@code {__value__: list}}, or [[...]].
   */
  private static JsonNode loaderItems(JsonNode loras) {
    JsonNode list = loras.has("__value__") ? loras.get("__value__") : loras;
    if (list.size() == 1 && list.get(0).isArray()) {
      list = list.get(0);
    }
    return list.isArray() ? list : JsonNodeFactory.instance.arrayNode();
  }

  private ObjectNode genParams(JsonNode prompt) {
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    JsonNode extra = prompt.path("extraMetadata");
    if (extra.isTextual()) {
      try {
        extra = mapper.readTree(extra.asText());
      } catch (Exception e) {
        extra = JsonNodeFactory.instance.objectNode();
      }
    }
    if (extra.isObject()) {
      copy(extra, "prompt", params, "prompt");
      copy(extra, "negativePrompt", params, "negative_prompt");
      copy(extra, "steps", params, "steps");
      copy(extra, "sampler", params, "sampler");
      copy(extra, "cfgScale", params, "cfg_scale");
      copy(extra, "seed", params, "seed");
      if (extra.has("width") && extra.has("height")) {
        params.put("size", extra.get("width").asText() + "x" + extra.get("height").asText());
      }
    }
    if (params.size() < 3) {
      boolean sampled = false;
      for (JsonNode node : prompt) {
        String type = node.path("class_type").asText("");
        String title = node.path("_meta").path("title").asText("");
        JsonNode inputs = node.path("inputs");
        if (type.endsWith("CLIPTextEncode") && title.equals("Positive")) {
          copy(inputs, "text", params, "prompt");
        } else if (type.endsWith("CLIPTextEncode") && title.equals("Negative")) {
          copy(inputs, "text", params, "negative_prompt");
        } else if (type.equals("KSampler") && !sampled) {
          sampled = true;
          copy(inputs, "sampler_name", params, "sampler");
          copy(inputs, "steps", params, "steps");
          copy(inputs, "cfg", params, "cfg_scale");
          copy(inputs, "seed", params, "seed");
        }
      }
    }
    return params;
  }

  private static void copy(JsonNode from, String key, ObjectNode to, String as) {
    JsonNode value = from.get(key);
    if (value != null && !value.isNull() && (value.isValueNode())) {
      to.set(as, value);
    }
  }
}
