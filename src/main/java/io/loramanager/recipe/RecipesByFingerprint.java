package io.loramanager.recipe;

import io.loramanager.recipe.analysis.MatchingRecipes;
import io.loramanager.recipe.store.Recipe;
import io.loramanager.recipe.store.RecipeCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** Saved recipes with a given LoRA fingerprint: {@code matching_recipes} of analyses and saves. */
@ApplicationScoped
public class RecipesByFingerprint implements MatchingRecipes {

  private final RecipeCatalog catalog;

  @Inject
  public RecipesByFingerprint(RecipeCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public List<String> withFingerprint(String fingerprint) {
    List<String> ids = new ArrayList<>();
    if (fingerprint == null || fingerprint.isEmpty()) {
      return ids;
    }
    for (Recipe recipe : catalog.snapshot().all()) {
      if (fingerprint.equals(recipe.fingerprint())) {
        ids.add(recipe.id());
      }
    }
    return ids;
  }
}
