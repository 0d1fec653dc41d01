package io.loramanager.recipe.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The aliases of {@code gen_params} keys (anchor-recipes §1.5, {@code NORMALIZATION_MAPPING}): on
 * read, a canonical key is added beside its alias when it is empty; originals are never removed.
 */
public final class GenParamAliases {

  /** The canonical generation parameters, the only ones a saved recipe keeps (§1.5). */
  public static final List<String> CANONICAL_KEYS =
      List.of(
          "prompt",
          "negative_prompt",
          "steps",
          "sampler",
          "cfg_scale",
          "seed",
          "size",
          "clip_skip",
          "denoising_strength");

  private static final Map<String, List<String>> ALIASES = new LinkedHashMap<>();

  static {
    ALIASES.put("cfg_scale", List.of("cfg", "cfgScale", "Cfg scale"));
    ALIASES.put("clip_skip", List.of("clipSkip", "Clip skip"));
    ALIASES.put("negative_prompt", List.of("negativePrompt", "Negative prompt"));
    ALIASES.put("sampler", List.of("Sampler", "sampler_name", "scheduler"));
    ALIASES.put("steps", List.of("Steps"));
    ALIASES.put("seed", List.of("Seed"));
    ALIASES.put("size", List.of("Size"));
    ALIASES.put("prompt", List.of("Prompt"));
    ALIASES.put("denoising_strength", List.of("Denoising strength"));
  }

  private GenParamAliases() {}

  /** The value of a canonical key, else of its first non-empty alias; null when none. */
  public static JsonNode value(JsonNode params, String key) {
    JsonNode own = params.get(key);
    if (!empty(own)) {
      return own;
    }
    for (String alias : ALIASES.getOrDefault(key, List.of())) {
      JsonNode value = params.get(alias);
      if (!empty(value)) {
        return value;
      }
    }
    return null;
  }

  /** Adds every empty canonical key that an alias fills, in place. */
  public static void normalise(ObjectNode params) {
    for (String key : ALIASES.keySet()) {
      if (empty(params.get(key))) {
        JsonNode value = value(params, key);
        if (value != null) {
          params.set(key, value);
        }
      }
    }
  }

  private static boolean empty(JsonNode value) {
    return value == null || value.isNull() || value.isTextual() && value.asText().isEmpty();
  }
}
