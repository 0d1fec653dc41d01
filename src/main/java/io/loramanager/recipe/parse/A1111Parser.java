package io.loramanager.recipe.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A1111 / Forge {@code parameters} text (anchor-recipes §2.5 grammar, §2.6 LoRA resolution order).
 * Civitai's on-site generator writes the same text with a {@code Civitai resources} list.
 */
final class A1111Parser implements RecipeParser {

  private static final Pattern STEPS = Pattern.compile("Steps: \\d+");
  private static final Pattern RESOURCES =
      Pattern.compile(", Civitai resources:\\s*(\\[\\{.*?\\}\\])");
  private static final Pattern HASHES = Pattern.compile(", Hashes:\\s*(\\{[^}]+\\})");
  private static final Pattern LORA_HASHES = Pattern.compile(", Lora hashes:\\s*\"([^\"]+)\"");
  private static final Pattern MODEL_HASH = Pattern.compile("Model hash: ([a-zA-Z0-9]+)");
  private static final Pattern MODEL = Pattern.compile("Model: ([^,]+)");
  private static final Pattern KEY_VALUE = Pattern.compile("([A-Za-z\\s]+): ([^,]+)");
  private static final Pattern SIZE = Pattern.compile("Size: (\\d+)x(\\d+)");

  private final ObjectMapper mapper;

  A1111Parser(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public boolean accepts(MetadataText input) {
    return STEPS.matcher(input.text()).find();
  }

  @Override
  public ObjectNode parse(MetadataText input, ParseContext context) {
    String text = input.text();
    String prompt;
    String negative = null;
    String params;
    int negativeAt = text.indexOf("Negative prompt:");
    if (negativeAt >= 0) {
      prompt = text.substring(0, negativeAt).trim();
      String rest = text.substring(negativeAt + "Negative prompt:".length());
      int steps = rest.indexOf("Steps: ");
      if (steps >= 0) {
        negative = rest.substring(0, steps).trim();
        params = rest.substring(steps);
      } else {
        negative = rest.trim();
        params = null;
      }
    } else {
      Matcher steps = STEPS.matcher(text);
      steps.find();
      prompt = text.substring(0, steps.start()).trim();
      params = text.substring(steps.start());
    }

    ObjectNode result = JsonNodeFactory.instance.objectNode();
    ObjectNode genParams = JsonNodeFactory.instance.objectNode();
    ArrayNode resources = JsonNodeFactory.instance.arrayNode();
    Map<String, String> hashes = new LinkedHashMap<>();
    String modelHash = null;
    String modelName = null;
    if (params != null) {
      Matcher m = RESOURCES.matcher(params);
      if (m.find()) {
        JsonNode list = readJson(m.group(1));
        if (list != null && list.isArray()) {
          resources = (ArrayNode) list;
        }
        params = params.substring(0, m.start()) + params.substring(m.end());
      }
      m = HASHES.matcher(params);
      if (m.find()) {
        JsonNode object = readJson(m.group(1));
        if (object != null && object.isObject()) {
          object
              .fields()
              .forEachRemaining(
                  f -> hashes.put(A1111Loras.hashKey(f.getKey()), f.getValue().asText("")));
        }
        params = params.substring(0, m.start()) + params.substring(m.end());
      }
      m = LORA_HASHES.matcher(params);
      if (m.find()) {
        for (String item : m.group(1).split(", ")) {
          int colon = item.indexOf(": ");
          if (colon < 0) {
            continue;
          }
          String hash = item.substring(colon + 2).trim();
          String key = A1111Loras.hashKey("lora:" + item.substring(0, colon).trim());
          if (!hash.isEmpty() && hashes.getOrDefault(key, "").isEmpty()) {
            hashes.put(key, hash);
          }
        }
        params = params.substring(0, m.start()) + params.substring(m.end());
      }
      String fromHashes = hashes.remove("model");
      if (fromHashes != null && !fromHashes.isEmpty()) {
        modelHash = fromHashes;
      }
      m = MODEL_HASH.matcher(params);
      if (m.find()) {
        modelHash = m.group(1);
        params = params.substring(0, m.start()) + params.substring(m.end());
      }
      m = MODEL.matcher(params);
      if (m.find()) {
        modelName = m.group(1).trim();
        params = params.substring(0, m.start()) + params.substring(m.end());
      }
      Matcher pairs = KEY_VALUE.matcher(params);
      while (pairs.find()) {
        String key = pairs.group(1).trim().toLowerCase(Locale.ROOT).replaceAll("\\s", "_");
        if (!GenParams.KEYS.contains(key)) {
          continue;
        }
        String value = pairs.group(2).trim();
        genParams.set(
            key,
            switch (key) {
              case "steps", "seed" -> GenParams.integer(value);
              case "cfg_scale" -> GenParams.decimal(value);
              default -> JsonNodeFactory.instance.textNode(value);
            });
      }
      Matcher size = SIZE.matcher(params);
      if (size.find()) {
        genParams.put("size", size.group(1) + "x" + size.group(2));
      }
      if (!prompt.isEmpty()) {
        genParams.put("prompt", prompt);
      }
      if (negative != null) {
        genParams.put("negative_prompt", negative);
      }
    }

    ObjectNode checkpoint = checkpoint(resources, modelHash, modelName, context);
    List<ObjectNode> loras = A1111Loras.resolve(prompt, resources, hashes, checkpoint, context);

    result.set("base_model", JsonNodeFactory.instance.nullNode());
    ArrayNode loraArray = result.putArray("loras");
    loras.forEach(loraArray::add);
    result.set("gen_params", GenParams.canonical(genParams));
    if (checkpoint != null) {
      result.set("checkpoint", checkpoint);
      result.set("model", checkpoint);
    }
    String base = BaseModels.of(checkpoint, loras);
    if (base != null) {
      result.put("base_model", base);
    }
    result.put("from_automatic_metadata", true);
    return result;
  }

  private ObjectNode checkpoint(
      ArrayNode resources, String modelHash, String modelName, ParseContext context) {
    for (JsonNode resource : resources) {
      ObjectNode r = A1111Loras.air(resource);
      if ("checkpoint".equals(r.path("type").asText()) && r.hasNonNull("modelVersionId")) {
        ObjectNode entry = ParserEntries.checkpoint(r.path("modelName").asText(""), "");
        entry.set("id", r.get("modelVersionId"));
        entry.set(
            "modelId", r.path("modelId").isMissingNode() ? entry.get("modelId") : r.get("modelId"));
        entry.put("version", r.path("modelVersionName").asText(""));
        entry.put("file_name", "");
        return ParserEntries.fromCivitaiCheckpoint(
            entry, context.version(r.get("modelVersionId").asText()), context.local());
      }
    }
    if (modelHash == null && modelName == null) {
      return null;
    }
    ObjectNode entry =
        ParserEntries.checkpoint(
            modelName == null ? "Unknown Checkpoint" : modelName, ParserEntries.nonNull(modelHash));
    if (modelHash != null) {
      ParserEntries.fromCivitaiCheckpoint(entry, context.hash(modelHash), context.local());
    }
    return entry;
  }

  private JsonNode readJson(String json) {
    try {
      return mapper.readTree(json);
    } catch (Exception e) {
      return null;
    }
  }
}
