package io.loramanager.recipe;

import io.loramanager.recipe.store.Recipe;
import io.loramanager.recipe.store.RecipeCatalog;
import io.loramanager.recipe.store.RecipeSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Duplicate recipes (anchor-recipes §4.10): same fingerprint (optionally plus the same prompt), or
 * the same source; and the Civitai image ids already imported.
 */
@ApplicationScoped
public class RecipeDuplicates {

  private static final Pattern CIVITAI_IMAGE =
      Pattern.compile("^https?://(?:www\\.)?civitai\\.(?:com|red|green)/images/(\\d+)");

  private final RecipeCatalog catalog;

  @Inject
  public RecipeDuplicates(RecipeCatalog catalog) {
    this.catalog = catalog;
  }

  /** A group of two or more recipes sharing a key. */
  public record Group(String type, String key, List<Recipe> recipes) {}

  /** The fingerprint groups, then the source groups, each by size (largest first). */
  public List<Group> find(boolean includePrompt) {
    RecipeSnapshot snapshot = catalog.snapshot();
    Map<String, List<Recipe>> byFingerprint = new LinkedHashMap<>();
    Map<String, List<Recipe>> bySource = new LinkedHashMap<>();
    for (Recipe recipe : snapshot.all()) {
      String fingerprint = recipe.fingerprint();
      String key = fingerprint;
      if (includePrompt) {
        String prompt = normalisedPrompt(recipe.genParam("prompt"));
        key = fingerprint.isEmpty() && prompt.isEmpty() ? "" : fingerprint + "\u001f" + prompt;
      }
      if (!key.isEmpty()) {
        byFingerprint.computeIfAbsent(key, k -> new ArrayList<>()).add(recipe);
      }
      String source = recipe.sourcePath().trim();
      if (!source.isEmpty()) {
        bySource.computeIfAbsent(source, k -> new ArrayList<>()).add(recipe);
      }
    }
    List<Group> groups = new ArrayList<>();
    addGroups(groups, "fingerprint", byFingerprint);
    addGroups(groups, "source_path", bySource);
    groups.sort(Comparator.comparingInt((Group g) -> g.recipes().size()).reversed());
    return groups;
  }

  private static void addGroups(List<Group> out, String type, Map<String, List<Recipe>> groups) {
    groups.forEach(
        (key, recipes) -> {
          if (recipes.size() >= 2) {
            List<Recipe> sorted = new ArrayList<>(recipes);
            sorted.sort(Comparator.comparingDouble(Recipe::modified).reversed());
            out.add(new Group(type, key, List.copyOf(sorted)));
          }
        });
  }

  private static String normalisedPrompt(String prompt) {
    return prompt.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  /** For each Civitai image id: the recipe imported from it, or null. */
  public Map<String, String> imported(List<String> imageIds) {
    Map<String, String> byImage =
        catalog.snapshot().derive("recipes.imageIds", RecipeDuplicates::imageIdMap);
    Map<String, String> results = new LinkedHashMap<>();
    for (String id : imageIds) {
      results.put(id, byImage.get(id));
    }
    return results;
  }

  private static Map<String, String> imageIdMap(RecipeSnapshot snapshot) {
    Map<String, String> map = new LinkedHashMap<>();
    for (Recipe recipe : snapshot.all()) {
      Matcher matcher = CIVITAI_IMAGE.matcher(recipe.sourcePath().trim());
      if (matcher.find()) {
        map.putIfAbsent(matcher.group(1), recipe.id());
      }
    }
    return map;
  }
}
