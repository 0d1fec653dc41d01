package io.loramanager.recipe.analysis;

import java.util.List;

/**
 * Recipes already saved with a given LoRA fingerprint, for the {@code matching_recipes} field of an
 * analysis (anchor-recipes §2.9); the recipe book answers it ({@code recipe.RecipesByFingerprint}).
 */
public interface MatchingRecipes {

  /** Ids of saved recipes with this fingerprint; empty for an empty fingerprint. */
  List<String> withFingerprint(String fingerprint);
}
