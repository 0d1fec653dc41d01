package io.loramanager.recipe.parse;

import io.loramanager.library.ModelEntry;
import java.util.Optional;

/**
 * The local library as the parsers see it (anchor-recipes §2.4, §2.6 "local library" step): LoRAs
 * by hash, by name and by Civitai version id, checkpoints by hash.
 */
public interface LocalModels {

  /** A LoRA by SHA-256, AutoV2 (10 hex) or AutoV3 (12 hex), case-insensitive. */
  Optional<ModelEntry> loraByHash(String hash);

  /**
   * A LoRA by file name (folder and extension ignored), only when the name is unambiguous and the
   * recipe's base model, when known, does not contradict the model's.
   */
  Optional<ModelEntry> loraByName(String name, String recipeBaseModel);

  /** A LoRA whose sidecar names this Civitai version id. */
  Optional<ModelEntry> loraByVersionId(long versionId);

  /** A checkpoint by SHA-256, AutoV2 or AutoV3. */
  Optional<ModelEntry> checkpointByHash(String hash);
}
