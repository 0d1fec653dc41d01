package io.loramanager.recipe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.errors.LmException;
import io.loramanager.recipe.store.Recipe;
import io.loramanager.recipe.store.RecipeCatalog;
import io.loramanager.recipe.store.RecipeFiles;
import io.loramanager.recipe.store.RecipeFolder;
import io.loramanager.recipe.store.RecipeTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves recipes between folders of the recipes root (anchor-recipes §4.11): the media first, then
 * the JSON rewritten at its new place with {@code file_path} and {@code folder} updated, then the
 * old JSON removed. A failure puts the media back; nothing is left half-moved.
 */
@ApplicationScoped
public class RecipeMover {

  private final RecipeCatalog catalog;
  private final RecipeTable table;
  private final RecipeFiles files;
  private final RecipeFolder folder;
  private final RecipeLookup lookup;

  @Inject
  public RecipeMover(
      RecipeCatalog catalog,
      RecipeTable table,
      RecipeFiles files,
      RecipeFolder folder,
      RecipeLookup lookup) {
    this.catalog = catalog;
    this.table = table;
    this.files = files;
    this.folder = folder;
    this.lookup = lookup;
  }

  /**
   * One move.
   *
   * @param moved false when the recipe already was in the target folder
   */
  public record Moved(
      String recipeId,
      boolean moved,
      String originalFilePath,
      String newFilePath,
      Path jsonPath,
      String folder) {}

  /** One result of a bulk move: the move, or why it failed. */
  public record BulkResult(String recipeId, Moved moved, String error) {}

  public Moved move(String recipeId, String targetPath) {
    Path target = folder.confine(targetPath, "target_path");
    return catalog.change(() -> moveLocked(recipeId, target));
  }

  /** Moves each recipe on its own; the target is checked once, before anything moves. */
  public List<BulkResult> moveAll(List<String> recipeIds, String targetPath) {
    if (recipeIds.isEmpty()) {
      throw LmException.badInput("recipe_ids must not be empty");
    }
    Path target = folder.confine(targetPath, "target_path");
    return catalog.change(
        () -> {
          List<BulkResult> results = new ArrayList<>();
          for (String id : recipeIds) {
            try {
              results.add(new BulkResult(id, moveLocked(id, target), null));
            } catch (LmException e) {
              results.add(new BulkResult(id, null, e.getMessage()));
            }
          }
          return results;
        });
  }

  private Moved moveLocked(String recipeId, Path target) {
    Recipe recipe = lookup.byId(recipeId);
    Path root = catalog.snapshot().root();
    Path oldJson = recipe.jsonPath();
    String oldMedia = recipe.filePath();
    String targetFolder = RecipeFolder.relativeFolder(root, target.resolve("x"));
    if (oldJson.getParent().equals(target)) {
      return new Moved(recipeId, false, oldMedia, oldMedia, oldJson, recipe.folder());
    }
    Path newJson = target.resolve(oldJson.getFileName());
    Path media = oldMedia.isEmpty() ? null : Path.of(oldMedia);
    boolean moveMedia =
        media != null
            && oldJson.getParent().equals(media.getParent())
            && Files.exists(media, LinkOption.NOFOLLOW_LINKS);
    Path newMedia = moveMedia ? target.resolve(media.getFileName()) : media;
    for (Path taken : moveMedia ? List.of(newJson, newMedia) : List.of(newJson)) {
      if (Files.exists(taken, LinkOption.NOFOLLOW_LINKS)) {
        throw LmException.conflict(
            "Cannot move recipe " + recipeId + ": " + taken + " already exists");
      }
    }
    ObjectNode tree = recipe.copyJson();
    if (newMedia != null) {
      tree.put("file_path", newMedia.toString());
    }
    tree.put("folder", targetFolder);
    try {
      Files.createDirectories(target);
      if (moveMedia) {
        Files.move(media, newMedia);
      }
    } catch (IOException e) {
      throw failed(recipeId, e);
    }
    Recipe moved;
    try {
      moved = files.write(root, newJson, tree);
      Files.delete(oldJson);
    } catch (IOException e) {
      undo(newJson, moveMedia ? newMedia : null, media);
      throw failed(recipeId, e);
    }
    catalog.commit(table, List.of(moved), List.of());
    return new Moved(
        recipeId,
        true,
        oldMedia,
        newMedia == null ? "" : newMedia.toString(),
        newJson,
        targetFolder);
  }

  private static void undo(Path newJson, Path newMedia, Path media) {
    try {
      Files.deleteIfExists(newJson);
      if (newMedia != null) {
        Files.move(newMedia, media);
      }
    } catch (IOException ignored) {
      // The media stays at its new place; the next sync finds the JSON where it still is.
    }
  }

  private static LmException failed(String recipeId, IOException e) {
    return new LmException(
        LmException.Kind.UNAVAILABLE,
        "Cannot move recipe " + recipeId + ": " + e.getMessage() + "; nothing was moved",
        e);
  }
}
