package io.loramanager.recipe;

import io.loramanager.recipe.store.Recipe;
import io.loramanager.recipe.store.RecipeCatalog;
import io.loramanager.recipe.store.RecipeSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Tag, base-model and folder facets of the recipe book (anchor-recipes §4.11). */
@ApplicationScoped
public class RecipeFacets {

  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 200;

  private final RecipeCatalog catalog;

  @Inject
  public RecipeFacets(RecipeCatalog catalog) {
    this.catalog = catalog;
  }

  /** A value and how many recipes have it. */
  public record Count(String value, int count) {}

  /** The most used tags; a limit outside 0..200 is 20, and 0 gives none. */
  public List<Count> topTags(int limit) {
    int n = limit < 0 || limit > MAX_LIMIT ? DEFAULT_LIMIT : limit;
    List<Count> counts = tagCounts(catalog.snapshot());
    return counts.subList(0, Math.min(n, counts.size()));
  }

  /** Tags containing {@code query} (any case); limit 0 gives all, outside 0..200 gives 20. */
  public List<Count> searchTags(String query, int limit) {
    int n = limit == 0 ? Integer.MAX_VALUE : limit < 0 || limit > MAX_LIMIT ? DEFAULT_LIMIT : limit;
    String q = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
    List<Count> matches = new ArrayList<>();
    for (Count count : tagCounts(catalog.snapshot())) {
      if (count.value().toLowerCase(Locale.ROOT).contains(q)) {
        matches.add(count);
      }
    }
    return matches.subList(0, Math.min(n, matches.size()));
  }

  /** Base models by count; limit ≤ 0 gives all. */
  public List<Count> baseModels(int limit) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Recipe recipe : catalog.snapshot().all()) {
      if (!recipe.baseModel().isEmpty()) {
        counts.merge(recipe.baseModel(), 1, Integer::sum);
      }
    }
    List<Count> sorted = sortedCounts(counts);
    return limit <= 0 ? sorted : sorted.subList(0, Math.min(limit, sorted.size()));
  }

  /** Every folder holding a recipe (and their parents), sorted; the root ("") is not listed. */
  public List<String> folders() {
    return catalog.snapshot().derive("recipes.folders", RecipeFacets::folders);
  }

  /** The folders as a nested object: {@code {"a": {"b": {}}}}. */
  public Map<String, Object> folderTree() {
    Map<String, Object> tree = new TreeMap<>();
    for (String folder : folders()) {
      Map<String, Object> node = tree;
      for (String part : folder.split("/")) {
        @SuppressWarnings("unchecked")
        Map<String, Object> child =
            (Map<String, Object>) node.computeIfAbsent(part, k -> new TreeMap<String, Object>());
        node = child;
      }
    }
    return tree;
  }

  private static List<String> folders(RecipeSnapshot snapshot) {
    TreeSet<String> folders = new TreeSet<>();
    for (Recipe recipe : snapshot.all()) {
      String folder = recipe.folder();
      while (!folder.isEmpty()) {
        folders.add(folder);
        int slash = folder.lastIndexOf('/');
        folder = slash < 0 ? "" : folder.substring(0, slash);
      }
    }
    return List.copyOf(folders);
  }

  private static List<Count> tagCounts(RecipeSnapshot snapshot) {
    return snapshot.derive(
        "recipes.tagCounts",
        s -> {
          Map<String, Integer> counts = new LinkedHashMap<>();
          for (Recipe recipe : s.all()) {
            for (String tag : recipe.tags()) {
              counts.merge(tag, 1, Integer::sum);
            }
          }
          return Collections.unmodifiableList(sortedCounts(counts));
        });
  }

  private static List<Count> sortedCounts(Map<String, Integer> counts) {
    List<Count> list = new ArrayList<>();
    counts.forEach((value, count) -> list.add(new Count(value, count)));
    list.sort(Comparator.comparingInt(Count::count).reversed().thenComparing(Count::value));
    return list;
  }
}
