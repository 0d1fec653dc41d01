package io.loramanager.recipe;

import io.loramanager.errors.LmException;
import io.loramanager.recipe.store.Recipe;
import io.loramanager.recipe.store.RecipeCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Finds a recipe by id in the current snapshot; 404 "Recipe not found" otherwise. */
@ApplicationScoped
public class RecipeLookup {

  private final RecipeCatalog catalog;

  @Inject
  public RecipeLookup(RecipeCatalog catalog) {
    this.catalog = catalog;
  }

  public Recipe byId(String id) {
    Recipe recipe = id == null ? null : catalog.snapshot().byId(id);
    if (recipe == null) {
      throw LmException.notFound("Recipe not found");
    }
    return recipe;
  }
}
