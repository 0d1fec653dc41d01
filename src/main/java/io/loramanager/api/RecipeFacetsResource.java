package io.loramanager.api;

import io.loramanager.library.PathNames;
import io.loramanager.recipe.RecipeDuplicates;
import io.loramanager.recipe.RecipeFacets;
import io.loramanager.recipe.store.RecipeFolder;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recipe facets and checks (anchor-api §3.5 rows 3–9, 11, 15): tags, base models, the root and its
 * folders, duplicates, already-imported Civitai images.
 */
@Path("/api/lm")
@Produces(MediaType.APPLICATION_JSON)
public class RecipeFacetsResource {

  @Inject RecipeFacets facets;
  @Inject RecipeDuplicates duplicates;
  @Inject RecipeFolder folder;

  @GET
  @Path("recipes/top-tags")
  public Map<String, Object> topTags(@QueryParam("limit") String limit) {
    return Responses.success("tags", counts(facets.topTags(number("limit", limit, 20)), "tag"));
  }

  @GET
  @Path("recipes/search-tags")
  public Map<String, Object> searchTags(
      @QueryParam("q") String query, @QueryParam("limit") String limit) {
    return Responses.success(
        "tags", counts(facets.searchTags(query, number("limit", limit, 20)), "tag"));
  }

  @GET
  @Path("recipes/base-models")
  public Map<String, Object> baseModels(@QueryParam("limit") String limit) {
    return Responses.success(
        "base_models", counts(facets.baseModels(number("limit", limit, 20)), "name"));
  }

  @GET
  @Path("recipes/roots")
  public Map<String, Object> roots() {
    return Responses.success(
        "roots", folder.root().map(root -> List.of(PathNames.slashes(root))).orElse(List.of()));
  }

  @GET
  @Path("recipes/folders")
  public Map<String, Object> folders() {
    return Responses.success("folders", facets.folders());
  }

  @GET
  @Path("recipes/folder-tree")
  public Map<String, Object> folderTree() {
    return Responses.success("tree", facets.folderTree());
  }

  @GET
  @Path("recipes/unified-folder-tree")
  public Map<String, Object> unifiedFolderTree() {
    return Responses.success("tree", facets.folderTree());
  }

  @GET
  @Path("recipes/find-duplicates")
  public Map<String, Object> findDuplicates(@QueryParam("include_prompt") String includePrompt) {
    String flag = includePrompt == null ? "" : includePrompt.trim();
    boolean withPrompt = flag.equals("1") || flag.equalsIgnoreCase("true");
    List<Map<String, Object>> groups = new ArrayList<>();
    int n = 0;
    for (RecipeDuplicates.Group group : duplicates.find(withPrompt)) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("type", group.type());
      item.put("key", "g-" + n++);
      item.put("fingerprint", group.key());
      item.put("count", group.recipes().size());
      item.put("recipes", group.recipes().stream().map(RecipeItems::summary).toList());
      groups.add(item);
    }
    return Responses.success("duplicate_groups", groups);
  }

  @GET
  @Path("recipes/check-image-exists")
  public Map<String, Object> checkImageExists(@QueryParam("image_ids") String imageIds) {
    List<String> ids = new ArrayList<>();
    for (String id : (imageIds == null ? "" : imageIds).split(",")) {
      if (!id.isBlank()) {
        ids.add(id.trim());
      }
    }
    Map<String, Object> results = new LinkedHashMap<>();
    duplicates
        .imported(ids)
        .forEach(
            (id, recipeId) -> {
              Map<String, Object> result = new LinkedHashMap<>();
              result.put("in_library", recipeId != null);
              result.put("recipe_id", recipeId);
              results.put(id, result);
            });
    return Responses.success("results", results);
  }

  private static List<Map<String, Object>> counts(List<RecipeFacets.Count> counts, String key) {
    return counts.stream()
        .map(
            c -> {
              Map<String, Object> item = new LinkedHashMap<>();
              item.put(key, c.value());
              item.put("count", c.count());
              return item;
            })
        .toList();
  }

  private static int number(String name, String value, int fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw io.loramanager.errors.LmException.badInput(
          "Invalid " + name + ": '" + value + "' is not a whole number");
    }
  }
}
