package io.loramanager.recipe.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.recipe.parse.CivitaiModels;
import io.loramanager.recipe.store.GenParamAliases;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The reference's {@code RecipeEnricher.enrich_recipe} for a Civitai image import (anchor-recipes
 * §2.9): generation parameters merged with the image's API meta (meta over what was parsed; only
 * the canonical keys, aliases such as {@code cfgScale} mapped, so {@code hashes}, {@code
 * resources}, {@code Model}, {@code width}... are dropped), and a checkpoint without a name and id
 * resolved through Civitai from its version id (or the meta's {@code Model hash}) into the
 * enricher's shape; {@code base_model} is replaced only when empty or generic.
 */
@ApplicationScoped
public class RecipeEnricher {

  private static final Logger LOG = Logger.getLogger(RecipeEnricher.class);
  private static final List<String> GENERIC_BASE_MODELS = List.of("flux", "sdxl", "sd15");

  private final Instance<CivitaiModels> civitai;

  @Inject
  public RecipeEnricher(Instance<CivitaiModels> civitai) {
    this.civitai = civitai;
  }

  /** Enriches an analysis payload in place with the Civitai image {@code meta}. */
  public void enrich(ObjectNode result, JsonNode meta) {
    result.set("gen_params", mergedGenParams(result.path("gen_params"), meta));
    resolveCheckpoint(result, meta);
  }

  /**
   * The canonical parameters of {@code sources}, later sources winning (EXIF, then the parsed API
   * meta, then the raw meta); null and empty values never replace a value.
   */
  static ObjectNode mergedGenParams(JsonNode... sources) {
    ObjectNode merged = JsonNodeFactory.instance.objectNode();
    for (String key : GenParamAliases.CANONICAL_KEYS) {
      for (JsonNode source : sources) {
        if (source == null || !source.isObject()) {
          continue;
        }
        JsonNode value = GenParamAliases.value(source, key);
        if (value != null && !value.isContainerNode()) {
          merged.set(key, value);
        }
      }
    }
    return merged;
  }

  private void resolveCheckpoint(ObjectNode result, JsonNode meta) {
    JsonNode current = result.get("checkpoint");
    if (current == null || !current.isObject()) {
      current = result.get("model");
    }
    if (current != null && current.isObject() && isResolved(current)) {
      return;
    }
    Optional<JsonNode> version = lookup(current, meta);
    ObjectNode checkpoint = JsonNodeFactory.instance.objectNode();
    checkpoint.put("type", "checkpoint");
    if (version.isPresent()) {
      JsonNode v = version.get();
      putIfPresent(checkpoint, "modelId", v.get("modelId"));
      putIfPresent(checkpoint, "modelVersionId", v.get("id"));
      putIfPresent(checkpoint, "modelName", v.path("model").get("name"));
      putIfPresent(checkpoint, "modelVersionName", v.get("name"));
      String base = result.path("base_model").asText("");
      String civitaiBase = v.path("baseModel").asText("");
      if (!civitaiBase.isEmpty()
          && (base.isEmpty() || GENERIC_BASE_MODELS.contains(base.toLowerCase(Locale.ROOT)))) {
        result.put("base_model", civitaiBase);
      }
    } else {
      String name = nameOf(current, meta);
      if (name.isEmpty()) {
        return; // nothing to name: the payload keeps what the parser gave
      }
      checkpoint.put("modelName", name);
    }
    result.set("checkpoint", checkpoint);
    if (result.has("model")) {
      result.set("model", checkpoint.deepCopy());
    }
  }

  /** A checkpoint with both a name and a version id needs no lookup. */
  private static boolean isResolved(JsonNode checkpoint) {
    boolean named =
        !checkpoint.path("name").asText("").isEmpty()
            || !checkpoint.path("modelName").asText("").isEmpty();
    return named && versionIdOf(checkpoint) != null;
  }

  private Optional<JsonNode> lookup(JsonNode current, JsonNode meta) {
    if (!civitai.isResolvable()) {
      return Optional.empty();
    }
    String versionId = versionIdFromMeta(meta);
    if (versionId == null && current != null) {
      versionId = versionIdOf(current);
    }
    String hash = meta.path("Model hash").asText("");
    try {
      if (versionId != null) {
        return civitai.get().versionById(versionId);
      }
      return hash.isEmpty() ? Optional.empty() : civitai.get().versionByHash(hash);
    } catch (CivitaiModels.Unavailable e) {
      LOG.debugf("Checkpoint not resolved, Civitai unavailable: %s", e.getMessage());
      return Optional.empty();
    }
  }

  /** {@code modelVersionId} of the meta, else of its checkpoint {@code civitaiResources} entry. */
  private static String versionIdFromMeta(JsonNode meta) {
    String direct = positive(meta.get("modelVersionId"));
    if (direct != null) {
      return direct;
    }
    for (JsonNode resource : meta.path("civitaiResources")) {
      if ("checkpoint".equalsIgnoreCase(resource.path("type").asText(""))) {
        String id = positive(resource.get("modelVersionId"));
        if (id != null) {
          return id;
        }
      }
    }
    return null;
  }

  private static String versionIdOf(JsonNode checkpoint) {
    String id = positive(checkpoint.get("id"));
    return id != null ? id : positive(checkpoint.get("modelVersionId"));
  }

  private static String nameOf(JsonNode current, JsonNode meta) {
    if (current != null) {
      for (String key : List.of("name", "modelName")) {
        String name = current.path(key).asText("");
        if (!name.isEmpty()) {
          return name;
        }
      }
    }
    JsonNode model = meta.get("Model");
    return model != null && model.isValueNode() ? model.asText("") : "";
  }

  private static String positive(JsonNode value) {
    if (value == null || !(value.isNumber() || value.isTextual())) {
      return null;
    }
    String text = value.asText("").trim();
    return text.matches("[1-9][0-9]*") ? text : null;
  }

  private static void putIfPresent(ObjectNode target, String key, JsonNode value) {
    if (value != null && !value.isNull() && value.isValueNode()) {
      target.set(key, value);
    }
  }
}
