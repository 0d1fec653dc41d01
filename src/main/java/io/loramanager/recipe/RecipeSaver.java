package io.loramanager.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.errors.LmException;
import io.loramanager.recipe.image.ImageTextReader;
import io.loramanager.recipe.store.Fingerprint;
import io.loramanager.recipe.store.GenParamAliases;
import io.loramanager.recipe.store.Recipe;
import io.loramanager.recipe.store.RecipeCatalog;
import io.loramanager.recipe.store.RecipeFiles;
import io.loramanager.recipe.store.RecipeFolder;
import io.loramanager.recipe.store.RecipeJson;
import io.loramanager.recipe.store.RecipeTable;
import io.loramanager.settings.LmConfig;
import io.loramanager.storage.AtomicFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Saves a new recipe (anchor-recipes §4.3, {@code POST /recipes/save}): the media as uploaded, then
 * {@code <id>.recipe.json} built from the (possibly edited) analysis payload, then the embedded
 * metadata; all or nothing.
 */
@ApplicationScoped
public class RecipeSaver {

  /** The canonical generation parameters kept on save (anchor-recipes §1.5). */
  static final List<String> GEN_PARAM_KEYS = GenParamAliases.CANONICAL_KEYS;

  /** Parser-only checkpoint keys that are recomputed on read and never stored. */
  private static final List<String> TRANSIENT_CHECKPOINT_KEYS =
      List.of("existsLocally", "localPath", "thumbnailUrl", "size", "downloadUrl", "inLibrary");

  private final RecipeCatalog catalog;
  private final RecipeTable table;
  private final RecipeFiles files;
  private final RecipeFolder folder;
  private final RecipeImageEmbedder embedder;
  private final Clock clock;
  private final LmConfig config;
  private final ObjectMapper mapper;
  private final RecipesByFingerprint byFingerprint;
  private final ImageTextReader images;

  @Inject
  public RecipeSaver(
      RecipeCatalog catalog,
      RecipeTable table,
      RecipeFiles files,
      RecipeFolder folder,
      RecipeImageEmbedder embedder,
      Clock clock,
      LmConfig config,
      RecipeJson json,
      RecipesByFingerprint byFingerprint,
      ImageTextReader images) {
    this.images = images;
    this.config = config;
    this.byFingerprint = byFingerprint;
    this.mapper = json.mapper();
    this.catalog = catalog;
    this.table = table;
    this.files = files;
    this.folder = folder;
    this.embedder = embedder;
    this.clock = clock;
  }

  /**
   * A save request as the multipart form gives it (anchor-recipes §4.3).
   *
   * @param upload the uploaded {@code image} file, or null
   * @param imageBase64 the {@code image_base64} field (a data URL is accepted), or null
   * @param tagsJson a JSON list of strings, or null
   * @param metadataJson the analysis payload as JSON text
   */
  public record SaveRequest(
      Path upload, String imageBase64, String name, String tagsJson, String metadataJson) {}

  /** The saved recipe and the ids of earlier recipes with the same fingerprint. */
  public record Saved(Recipe recipe, Path mediaPath, List<String> matchingRecipes) {}

  /** What {@link #parse} found valid in a request. */
  private record Parsed(byte[] media, String name, List<String> tags, JsonNode metadata) {}

  public Saved save(SaveRequest form) {
    Parsed request = parse(form);
    RecipeMedia media = RecipeMedia.sniff(request.media());
    if (media == null) {
      throw LmException.badInput(
          "The uploaded file is not an image or video this server keeps"
              + " (PNG, JPEG, WebP, GIF, MP4 or WebM)");
    }
    ObjectNode recipeJson = build(request);
    return catalog.change(
        () -> {
          Path root = folder.requireRoot();
          String id = UUID.randomUUID().toString();
          Path mediaPath = root.resolve(id + media.extension());
          Path jsonPath = root.resolve(id + RecipeFiles.SUFFIX);
          ObjectNode tree = withIdentity(recipeJson, id, mediaPath);
          List<String> matching =
              byFingerprint.withFingerprint(tree.path("fingerprint").asText(""));
          try {
            AtomicFiles.write(mediaPath, request.media());
            // Detected from the media as uploaded, before the recipe text is embedded into it.
            tree.put("has_workflow", !media.video() && images.hasWorkflow(mediaPath));
            Recipe recipe = files.write(root, jsonPath, tree);
            if (!media.video()) {
              embedder.embed(mediaPath, tree.deepCopy());
            }
            catalog.commit(table, List.of(recipe), List.of());
            return new Saved(recipe, mediaPath, matching);
          } catch (IOException | RuntimeException e) {
            deleteQuietly(jsonPath);
            deleteQuietly(mediaPath);
            if (isClientFault(e)) {
              throw (LmException) e; // a broken or oversized image is the client's 400/413
            }
            throw new LmException(
                LmException.Kind.UNAVAILABLE,
                "Cannot save the recipe: " + e.getMessage() + "; nothing was saved",
                e);
          }
        });
  }

  private Parsed parse(SaveRequest form) {
    List<String> missing = new ArrayList<>();
    if (form.name() == null || form.name().isBlank()) {
      missing.add("name");
    }
    if (form.metadataJson() == null || form.metadataJson().isBlank()) {
      missing.add("metadata");
    }
    if (!missing.isEmpty()) {
      throw LmException.badInput("Missing required fields: " + String.join(", ", missing));
    }
    JsonNode metadata = json(form.metadataJson(), "metadata");
    if (!metadata.isObject()) {
      throw LmException.badInput("metadata must be a JSON object");
    }
    List<String> tags = new ArrayList<>();
    if (form.tagsJson() != null && !form.tagsJson().isBlank()) {
      JsonNode list = json(form.tagsJson(), "tags");
      if (!list.isArray()) {
        throw LmException.badInput("tags must be a JSON list of strings");
      }
      for (JsonNode tag : list) {
        if (!tag.isTextual()) {
          throw LmException.badInput("tags must be a JSON list of strings");
        }
        if (!tag.asText().isBlank() && !tags.contains(tag.asText().trim())) {
          tags.add(tag.asText().trim());
        }
      }
    }
    return new Parsed(media(form), form.name().trim(), tags, metadata);
  }

  private JsonNode json(String text, String field) {
    try {
      JsonNode node = mapper.readTree(text);
      if (node == null) {
        throw LmException.badInput(field + " is not valid JSON");
      }
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw LmException.badInput(field + " is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private byte[] media(SaveRequest form) {
    long limit = config.recipes().maxUploadBytes().asLongValue();
    try {
      if (form.upload() != null) {
        long size = Files.size(form.upload());
        if (size > limit) {
          throw tooLarge(size, limit);
        }
        if (size > 0) {
          return Files.readAllBytes(form.upload());
        }
      }
    } catch (IOException e) {
      throw LmException.badInput("Cannot read the uploaded image: " + e.getMessage());
    }
    String base64 = form.imageBase64() == null ? "" : form.imageBase64().trim();
    if (base64.startsWith("data:")) {
      int comma = base64.indexOf(',');
      base64 = comma < 0 ? "" : base64.substring(comma + 1);
    }
    if (base64.isEmpty()) {
      throw LmException.badInput("No image data provided");
    }
    if (base64.length() / 4L * 3 > limit + 3) {
      throw tooLarge(base64.length() / 4L * 3, limit);
    }
    try {
      byte[] bytes = java.util.Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
      if (bytes.length > limit) {
        throw tooLarge(bytes.length, limit);
      }
      if (bytes.length == 0) {
        throw LmException.badInput("No image data provided");
      }
      return bytes;
    } catch (IllegalArgumentException e) {
      throw LmException.badInput("image_base64 is not valid base64: " + e.getMessage());
    }
  }

  private static LmException tooLarge(long size, long limit) {
    return LmException.tooLarge(
        "The image is "
            + size
            + " bytes; recipes accept at most "
            + limit
            + " bytes (lm.recipes.max-upload-bytes)");
  }

  private static boolean isClientFault(Exception e) {
    return e instanceof LmException lm
        && (lm.kind() == LmException.Kind.BAD_INPUT || lm.kind() == LmException.Kind.TOO_LARGE);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Best effort: the save already failed and says so.
    }
  }

  /** The recipe fields from the request, in the reference's key order (identity added later). */
  private ObjectNode build(Parsed request) {
    JsonNode metadata = request.metadata();
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    double now = clock.millis() / 1000.0;
    tree.put("title", request.name());
    tree.put("modified", now);
    tree.put("created_date", now);
    tree.put("base_model", text(metadata.get("base_model")));
    ArrayNode loras = tree.putArray("loras");
    JsonNode parsed = metadata.get("loras");
    if (parsed != null && parsed.isArray()) {
      for (JsonNode lora : parsed) {
        if (lora.isObject()) {
          loras.add(StoredLora.of(lora));
        }
      }
    }
    JsonNode params = metadata.get("gen_params");
    if (params == null || !params.isObject() || params.isEmpty()) {
      params = metadata.get("raw_metadata");
    }
    ObjectNode genParams = tree.putObject("gen_params");
    if (params != null && params.isObject()) {
      for (String key : GEN_PARAM_KEYS) {
        JsonNode value = params.get(key);
        if (value != null && !value.isNull() && !(value.isTextual() && value.asText().isEmpty())) {
          genParams.set(key, value);
        }
      }
    }
    tree.put("fingerprint", Fingerprint.of(loras));
    if (!request.tags().isEmpty()) {
      ArrayNode tags = tree.putArray("tags");
      request.tags().forEach(tags::add);
    }
    JsonNode checkpoint = checkpoint(metadata, params);
    if (checkpoint != null) {
      tree.set("checkpoint", checkpoint);
    }
    String source = text(metadata.get("source_path"));
    if (!source.isEmpty()) {
      tree.put("source_path", source);
    }
    JsonNode nsfw = metadata.get("preview_nsfw_level");
    if (nsfw != null && nsfw.isIntegralNumber()) {
      tree.put("preview_nsfw_level", nsfw.asInt());
    }
    tree.put("has_workflow", false); // set from the saved media (anchor-recipes §4.3 step 5)
    tree.put("folder", "");
    return tree;
  }

  private static ObjectNode withIdentity(ObjectNode fields, String id, Path mediaPath) {
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    tree.put("id", id);
    tree.put("file_path", mediaPath.toString());
    tree.setAll(fields);
    return tree;
  }

  private static JsonNode checkpoint(JsonNode metadata, JsonNode params) {
    JsonNode checkpoint = metadata.get("checkpoint");
    if (checkpoint == null || checkpoint.isNull()) {
      checkpoint = metadata.get("model");
    }
    if ((checkpoint == null || checkpoint.isNull()) && params != null) {
      checkpoint = params.get("checkpoint");
    }
    if (checkpoint == null || checkpoint.isNull()) {
      return null;
    }
    if (checkpoint.isTextual()) {
      if (checkpoint.asText().isBlank()) {
        return null;
      }
      ObjectNode named = JsonNodeFactory.instance.objectNode();
      named.put("name", checkpoint.asText());
      named.put("file_name", checkpoint.asText());
      return named;
    }
    if (!checkpoint.isObject()) {
      return null;
    }
    ObjectNode copy = checkpoint.deepCopy();
    copy.remove(TRANSIENT_CHECKPOINT_KEYS);
    return copy;
  }

  static String text(JsonNode node) {
    return node == null || node.isNull() || node.isContainerNode() ? "" : node.asText();
  }
}
