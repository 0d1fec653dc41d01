package io.loramanager.recipe.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The seam through which the parsers resolve what the library does not have (anchor-recipes §2.4):
 * Civitai model-version lookups. {@code io.loramanager.recipe.CivitaiRecipeModels} provides it over
 * the Civitai client and {@link RecipeParsers} picks it up when present. Without it, or when
 * Civitai cannot answer ({@link Unavailable}), resolution stays local and unresolved entries are
 * kept without being marked deleted.
 *
 * <p>Answers are Civitai model-version objects as the public API returns them: {@code id}, {@code
 * modelId}, {@code name} (version name), {@code baseModel}, {@code downloadUrl}, {@code
 * model:{name,type}}, {@code files:[{primary,type,name,sizeKB,hashes:{SHA256}}]}, {@code
 * images:[{url,type}]}, optionally {@code earlyAccessEndsAt}.
 */
public interface CivitaiModels {

  /** The version with this id (numeric text); empty when Civitai says it does not exist. */
  Optional<JsonNode> versionById(String versionId);

  /** The version whose file has this hash (any Civitai hash form); empty when unknown. */
  Optional<JsonNode> versionByHash(String hash);

  /**
   * Civitai could not answer (offline, rate limited, server error): the entry stays unresolved and
   * the analysis goes on, unlike a "not found" answer which marks the entry deleted.
   */
  final class Unavailable extends RuntimeException {
    public Unavailable(String message) {
      super(message, null, false, false);
    }
  }
}
