package io.loramanager.recipe;

import io.loramanager.errors.LmException;
import io.loramanager.library.lifecycle.BatchRestorer;
import io.loramanager.library.lifecycle.PendingDeletes;
import io.loramanager.library.lifecycle.StagingManifest;
import io.loramanager.recipe.store.Recipe;
import io.loramanager.recipe.store.RecipeCatalog;
import io.loramanager.recipe.store.RecipeFiles;
import io.loramanager.recipe.store.RecipeTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Deletes recipes with undo (anchor-recipes §4.6): the JSON and its media move into a
 * pending-delete batch of kind {@code recipe} (the models' mechanism), the recipe leaves the
 * catalogue, SQLite and the search index; {@code POST /api/lm/undo-delete} brings it back.
 */
@ApplicationScoped
public class RecipeDeletion implements BatchRestorer {

  private static final Logger LOG = Logger.getLogger(RecipeDeletion.class);

  private final RecipeCatalog catalog;
  private final RecipeTable table;
  private final RecipeFiles files;
  private final RecipeLookup lookup;
  private final PendingDeletes pending;

  @Inject
  public RecipeDeletion(
      RecipeCatalog catalog,
      RecipeTable table,
      RecipeFiles files,
      RecipeLookup lookup,
      PendingDeletes pending) {
    this.catalog = catalog;
    this.table = table;
    this.files = files;
    this.lookup = lookup;
    this.pending = pending;
  }

  /**
   * The result of a delete.
   *
   * @param failed id → reason, for ids that were not deleted
   * @param batchId the undo batch; null when nothing was deleted
   */
  public record Deleted(List<String> deleted, List<Failure> failed, String batchId) {}

  /** A recipe a bulk delete did not delete. */
  public record Failure(String id, String reason) {}

  /** Deletes one recipe; 404 when unknown. */
  public Deleted delete(String id) {
    return catalog.change(
        () -> {
          Recipe recipe = lookup.byId(id);
          return stage(List.of(recipe), List.of());
        });
  }

  /** Deletes every known recipe of {@code ids} in one undo batch; unknown ids are reported. */
  public Deleted deleteAll(List<String> ids) {
    if (ids.isEmpty()) {
      throw LmException.badInput("No recipe IDs provided");
    }
    return catalog.change(
        () -> {
          List<Recipe> found = new ArrayList<>();
          List<Failure> failed = new ArrayList<>();
          for (String id : ids) {
            Recipe recipe = catalog.snapshot().byId(id);
            if (recipe == null) {
              failed.add(new Failure(id, "Recipe not found"));
            } else if (!found.contains(recipe)) {
              found.add(recipe);
            }
          }
          return stage(found, failed);
        });
  }

  private Deleted stage(List<Recipe> recipes, List<Failure> failed) {
    if (recipes.isEmpty()) {
      return new Deleted(List.of(), failed, null);
    }
    Path root = catalog.snapshot().root();
    List<PendingDeletes.ModelFiles> staged = new ArrayList<>();
    for (Recipe recipe : recipes) {
      staged.add(new PendingDeletes.ModelFiles(recipe.jsonPath(), filesOf(root, recipe)));
    }
    PendingDeletes.Staged batch = pending.stageRecipes(staged);
    List<String> ids = recipes.stream().map(Recipe::id).toList();
    try {
      catalog.commit(table, List.of(), ids);
    } catch (RuntimeException e) {
      // The catalogue still lists the recipes: put their files back rather than lose them.
      if (batch.batchId() != null) {
        pending.restore(batch.batchId());
      }
      throw e;
    }
    return new Deleted(ids, failed, batch.batchId());
  }

  /**
   * The JSON and its media; media outside the recipes folder (a hand-edited {@code file_path}) is
   * never touched.
   */
  private static List<Path> filesOf(Path root, Recipe recipe) {
    List<Path> out = new ArrayList<>();
    out.add(recipe.jsonPath());
    String media = recipe.filePath();
    if (media.isEmpty()) {
      return out;
    }
    try {
      Path path = Path.of(media).toAbsolutePath().normalize();
      if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
          && path.toRealPath().startsWith(root.toRealPath())
          && !out.contains(path)) {
        out.add(path);
      }
    } catch (IOException | java.nio.file.InvalidPathException e) {
      LOG.debugf("Media %s of recipe %s is not deleted: %s", media, recipe.id(), e.getMessage());
    }
    return out;
  }

  @Override
  public String kind() {
    return StagingManifest.RECIPE_KIND;
  }

  /** Puts the batch's files back and reads its recipes into the catalogue again. */
  @Override
  public PendingDeletes.Restored undo(String batchId) {
    return catalog.change(
        () -> {
          PendingDeletes.Restored restored = pending.restore(batchId);
          Path root = catalog.snapshot().root();
          List<Recipe> recipes = new ArrayList<>();
          for (Path json : restored.models()) {
            try {
              recipes.add(files.read(root, json));
            } catch (IOException e) {
              LOG.warnf("Restored %s but cannot read it: %s", json, e.getMessage());
            }
          }
          catalog.commit(table, recipes, List.of());
          return restored;
        });
  }
}
