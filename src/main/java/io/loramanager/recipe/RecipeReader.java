package io.loramanager.recipe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.errors.LmException;
import io.loramanager.library.media.ImageDimensions;
import io.loramanager.library.query.Page;
import io.loramanager.recipe.store.Recipe;
import io.loramanager.recipe.store.RecipeCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Recipes as the API shows them ({@link RecipeViews}): one, a list page, or by model hash. */
@ApplicationScoped
public class RecipeReader {

  private final RecipeCatalog catalog;
  private final RecipeLookup lookup;
  private final RecipeQueryService queries;
  private final RecipeViews views;
  private final ImageDimensions dimensions;

  @Inject
  public RecipeReader(
      RecipeCatalog catalog,
      RecipeLookup lookup,
      RecipeQueryService queries,
      RecipeViews views,
      ImageDimensions dimensions) {
    this.dimensions = dimensions;
    this.catalog = catalog;
    this.lookup = lookup;
    this.queries = queries;
    this.views = views;
  }

  public ObjectNode get(String id) {
    return views.of(lookup.byId(id));
  }

  public Page<ObjectNode> list(RecipeQuery query) {
    Page<Recipe> page = queries.list(query);
    List<ObjectNode> items = page.items().stream().map(this::listItem).toList();
    return new Page<>(items, page.total(), page.page(), page.pageSize());
  }

  /**
   * A list item: the view plus the preview's {@code width} and {@code height} (list only, as the
   * reference; omitted for videos and unreadable media, never written to the recipe file).
   */
  private ObjectNode listItem(Recipe recipe) {
    ObjectNode view = views.of(recipe);
    String media = recipe.filePath();
    if (!media.isEmpty()) {
      try {
        dimensions
            .of(Path.of(media))
            .ifPresent(
                size -> {
                  view.put("width", size.width());
                  view.put("height", size.height());
                });
      } catch (InvalidPathException e) {
        // A file_path this system cannot name has no size to show.
      }
    }
    return view;
  }

  /** Recipes using the LoRA with this hash (any case); 400 without a hash. */
  public List<ObjectNode> forLora(String hash) {
    String h = required(hash);
    List<ObjectNode> out = new ArrayList<>();
    for (Recipe recipe : catalog.snapshot().all()) {
      if (RecipeQueryService.hasLoraHash(recipe, h)) {
        out.add(views.of(recipe));
      }
    }
    return out;
  }

  /**
   * Recipes made with the checkpoint of this hash, matched after the library link, so a checkpoint
   * stored by version id only also counts.
   */
  public List<ObjectNode> forCheckpoint(String hash) {
    String h = required(hash);
    List<ObjectNode> out = new ArrayList<>();
    for (Recipe recipe : catalog.snapshot().all()) {
      if (recipe.checkpoint() == null) {
        continue;
      }
      ObjectNode view = views.of(recipe);
      String linked = view.path("checkpoint").path("hash").asText("").toLowerCase(Locale.ROOT);
      if (h.equals(linked)) {
        out.add(view);
      }
    }
    return out;
  }

  private static String required(String hash) {
    if (hash == null || hash.isBlank()) {
      throw LmException.badInput("hash is required");
    }
    return hash.trim().toLowerCase(Locale.ROOT);
  }
}
