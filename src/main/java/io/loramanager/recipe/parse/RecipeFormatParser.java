package io.loramanager.recipe.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.library.ModelEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A LoRA Manager recipe image: the JSON after {@code Recipe metadata: } (anchor-recipes §2.7). It
 * comes before the A1111 parser, so a recipe image re-imports as the recipe it was saved from.
 */
final class RecipeFormatParser implements RecipeParser {

  private static final Pattern MARKER =
      Pattern.compile("Recipe metadata: (\\{.*\\})", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private final ObjectMapper mapper;

  RecipeFormatParser(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public boolean accepts(MetadataText input) {
    return MARKER.matcher(input.text()).find();
  }

  @Override
  public ObjectNode parse(MetadataText input, ParseContext context) {
    Matcher m = MARKER.matcher(input.text());
    m.find();
    JsonNode recipe;
    try {
      recipe = mapper.readTree(m.group(1));
    } catch (Exception e) {
      return RecipeParsers.error("Invalid recipe metadata: " + e.getMessage());
    }
    if (recipe == null || !recipe.isObject()) {
      return RecipeParsers.error("Invalid recipe metadata: not a JSON object");
    }
    List<ObjectNode> loras = new ArrayList<>();
    for (JsonNode stored : recipe.path("loras")) {
      loras.add(lora(stored, context));
    }
    ObjectNode checkpoint = checkpoint(recipe.path("checkpoint"), context);

    ObjectNode result = JsonNodeFactory.instance.objectNode();
    String base =
        checkpoint != null && !checkpoint.path("baseModel").asText("").isEmpty()
            ? checkpoint.path("baseModel").asText()
            : recipe.path("base_model").asText("");
    result.put("base_model", base);
    ArrayNode array = result.putArray("loras");
    loras.forEach(array::add);
    JsonNode params = recipe.path("gen_params");
    result.set(
        "gen_params",
        GenParams.canonical(
            params.isObject() ? (ObjectNode) params : JsonNodeFactory.instance.objectNode()));
    if (checkpoint != null) {
      result.set("checkpoint", checkpoint);
      result.set("model", checkpoint);
    }
    result.put("title", recipe.path("title").asText(""));
    result.set(
        "tags",
        recipe.path("tags").isArray() ? recipe.get("tags") : JsonNodeFactory.instance.arrayNode());
    result.put("from_recipe_metadata", true);
    return result;
  }

  private static ObjectNode lora(JsonNode stored, ParseContext context) {
    String hash = stored.path("hash").asText("").toLowerCase(Locale.ROOT);
    double weight = stored.path("strength").asDouble(stored.path("weight").asDouble(1.0));
    ObjectNode entry =
        ParserEntries.lora(stored.path("modelName").asText(""), "lora", weight, hash);
    long versionId = stored.path("modelVersionId").asLong(0);
    entry.put("id", versionId);
    entry.put("version", stored.path("modelVersionName").asText(""));
    entry.put("file_name", stored.path("file_name").asText(""));
    entry.put("inLibrary", false);
    ModelEntry model = hash.isEmpty() ? null : context.local().loraByHash(hash).orElse(null);
    if (model == null && versionId > 0) {
      model = context.local().loraByVersionId(versionId).orElse(null);
    }
    if (model != null) {
      String name = entry.path("name").asText();
      ParserEntries.fromLocal(entry, model);
      if (!name.isEmpty()) {
        entry.put("name", name);
      }
      return entry;
    }
    if (versionId > 0) {
      ParseContext.Lookup lookup = context.version(Long.toString(versionId));
      if (lookup.asked()) {
        ObjectNode populated = ParserEntries.fromCivitaiLora(entry, lookup, context.local(), hash);
        return populated == null ? entry : populated;
      }
    }
    return entry;
  }

  private static ObjectNode checkpoint(JsonNode stored, ParseContext context) {
    if (!stored.isObject() || stored.isEmpty()) {
      return null;
    }
    String name = stored.path("modelName").asText(stored.path("name").asText(""));
    ObjectNode entry = ParserEntries.checkpoint(name, stored.path("hash").asText(""));
    String versionId = ParserEntries.versionId(stored);
    if (stored.has("modelVersionId")) {
      entry.set("id", stored.get("modelVersionId"));
    } else if (stored.has("id")) {
      entry.set("id", stored.get("id"));
    }
    if (stored.has("modelId")) {
      entry.set("modelId", stored.get("modelId"));
    }
    entry.put("version", stored.path("modelVersionName").asText(stored.path("version").asText("")));
    entry.put("type", stored.path("type").asText("checkpoint"));
    entry.put("file_name", stored.path("file_name").asText(entry.path("file_name").asText()));
    entry.put("baseModel", stored.path("baseModel").asText(""));
    if (!versionId.isEmpty()) {
      ParserEntries.fromCivitaiCheckpoint(entry, context.version(versionId), context.local());
    } else if (!entry.path("hash").asText().isEmpty()) {
      ParserEntries.fromCivitaiCheckpoint(
          entry, context.hash(entry.path("hash").asText()), context.local());
    }
    return entry;
  }
}
