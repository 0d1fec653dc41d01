package io.loramanager.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import io.loramanager.errors.LmException;
import io.loramanager.library.query.NaturalOrder;
import io.loramanager.library.query.Page;
import io.loramanager.recipe.store.Recipe;
import io.loramanager.recipe.store.RecipeCatalog;
import io.loramanager.recipe.store.RecipeSnapshot;
import io.loramanager.recipe.store.RecipeTable;
import io.loramanager.settings.LibrarySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The recipe list (anchor-recipes §4.1): SFW filter, then either the hash filter alone or folder,
 * full-text search and the facet filters; then the sort and the page. Sort orders are computed once
 * per snapshot.
 */
@ApplicationScoped
public class RecipeQueryService {

  private static final Comparator<Recipe> BY_DATE =
      Comparator.comparingDouble(Recipe::sortDate).thenComparing(Recipe::filePath);
  private static final Comparator<Recipe> BY_NAME =
      Comparator.<Recipe, String>comparing(
              r -> r.title().toLowerCase(Locale.ROOT), NaturalOrder.INSTANCE)
          .thenComparing(r -> r.filePath().toLowerCase(Locale.ROOT));
  private static final Comparator<Recipe> BY_LORA_COUNT =
      Comparator.<Recipe>comparingInt(r -> r.loras().size()).thenComparing(BY_NAME);

  private final RecipeCatalog catalog;
  private final RecipeTable table;
  private final LibrarySettings settings;
  private final RecipeOpenStats openStats;

  @Inject
  public RecipeQueryService(
      RecipeCatalog catalog,
      RecipeTable table,
      LibrarySettings settings,
      RecipeOpenStats openStats) {
    this.openStats = openStats;
    this.catalog = catalog;
    this.table = table;
    this.settings = settings;
  }

  public Page<Recipe> list(RecipeQuery query) {
    if (query.page() < 1 || query.pageSize() < 1) {
      throw LmException.badInput("page and page_size must be at least 1");
    }
    RecipeSnapshot snapshot = catalog.snapshot();
    Sort sort = Sort.parse(query.sortBy());
    List<Recipe> ordered = sorted(snapshot, sort);
    Filter filter = filter(query);
    boolean sfwOnly = settings.showOnlySfw();
    if (filter == null && !sfwOnly) {
      // Nothing to filter: the page is a slice of the cached order.
      return Page.slice(ordered, query.page(), query.pageSize());
    }
    List<Recipe> kept = new ArrayList<>();
    for (Recipe recipe : ordered) {
      if (sfwOnly && recipe.nsfwLevel() >= 4) {
        continue;
      }
      if (filter == null || filter.test(recipe)) {
        kept.add(recipe);
      }
    }
    return Page.slice(kept, query.page(), query.pageSize());
  }

  /** The recipe ids a full-text search finds; every recipe when the search holds no word. */
  public Set<String> search(String search, Set<FtsQuery.Field> fields) {
    String match = FtsQuery.build(search, fields);
    return match == null ? null : table.search(match);
  }

  private interface Filter {
    boolean test(Recipe recipe);
  }

  /** The filter of a query; null when it keeps every recipe. */
  private Filter filter(RecipeQuery query) {
    String loraHash = lower(query.loraHash());
    String checkpointHash = lower(query.checkpointHash());
    if (loraHash != null || checkpointHash != null) {
      return recipe ->
          loraHash != null && hasLoraHash(recipe, loraHash)
              || checkpointHash != null && hasCheckpointHash(recipe, checkpointHash);
    }
    String folder = query.folder() == null ? null : strip(query.folder());
    Set<String> found =
        query.search() == null || query.search().isBlank()
            ? null
            : search(query.search(), query.searchFields());
    Set<String> baseModels = new HashSet<>(query.baseModels());
    boolean tagFilter = !query.tagInclude().isEmpty() || !query.tagExclude().isEmpty();
    if (folder == null
        && found == null
        && baseModels.isEmpty()
        && !query.favoritesOnly()
        && !tagFilter) {
      return null;
    }
    return recipe ->
        inFolder(recipe, folder, query.recursive())
            && (found == null || found.contains(recipe.id()))
            && (baseModels.isEmpty() || baseModels.contains(recipe.baseModel()))
            && (!query.favoritesOnly() || recipe.favorite())
            && (!tagFilter || tagsMatch(recipe, query.tagInclude(), query.tagExclude()));
  }

  static boolean hasLoraHash(Recipe recipe, String hash) {
    for (JsonNode lora : recipe.loras()) {
      if (hash.equals(lower(lora.path("hash").asText("")))) {
        return true;
      }
    }
    return false;
  }

  static boolean hasCheckpointHash(Recipe recipe, String hash) {
    JsonNode checkpoint = recipe.checkpoint();
    return checkpoint != null && hash.equals(lower(checkpoint.path("hash").asText("")));
  }

  private static boolean inFolder(Recipe recipe, String folder, boolean recursive) {
    if (folder == null) {
      return true;
    }
    if (recursive) {
      return folder.isEmpty()
          || recipe.folder().equals(folder)
          || recipe.folder().startsWith(folder + "/");
    }
    return recipe.folder().equals(folder);
  }

  private static boolean tagsMatch(Recipe recipe, List<String> include, List<String> exclude) {
    List<String> tags = recipe.tags();
    if (!include.isEmpty() && include.stream().noneMatch(tag -> hasTag(tags, tag))) {
      return false;
    }
    return exclude.stream().noneMatch(tag -> hasTag(tags, tag));
  }

  private static boolean hasTag(List<String> tags, String tag) {
    return RecipeQuery.NO_TAGS.equals(tag) ? tags.isEmpty() : tags.contains(tag);
  }

  private static String strip(String folder) {
    String f = folder.trim();
    while (f.startsWith("/")) {
      f = f.substring(1);
    }
    while (f.endsWith("/")) {
      f = f.substring(0, f.length() - 1);
    }
    return f;
  }

  private static String lower(String value) {
    return value == null || value.isBlank() ? null : value.trim().toLowerCase(Locale.ROOT);
  }

  private List<Recipe> sorted(RecipeSnapshot snapshot, Sort sort) {
    List<Recipe> base =
        switch (sort.key()) {
          case "name" -> snapshot.derive("recipes.byName", s -> sortedCopy(s, BY_NAME));
          case "loras_count" ->
              snapshot.derive("recipes.byLoraCount", s -> sortedCopy(s, BY_LORA_COUNT));
          case "opened" -> opened(snapshot);
          case "random" -> shuffled(snapshot, sort.seed());
          default -> snapshot.derive("recipes.byDate", s -> sortedCopy(s, BY_DATE));
        };
    if (!sort.descending() || sort.key().equals("random")) {
      return base;
    }
    List<Recipe> reversed = new ArrayList<>(base);
    Collections.reverse(reversed);
    return reversed;
  }

  /** Only the recipes that were opened, oldest open first (the reference's {@code opened}). */
  private List<Recipe> opened(RecipeSnapshot snapshot) {
    Map<String, Double> lastOpened = openStats.lastOpened();
    List<Recipe> list = new ArrayList<>();
    for (Recipe recipe : snapshot.all()) {
      if (lastOpened.containsKey(recipe.id())) {
        list.add(recipe);
      }
    }
    list.sort(
        Comparator.<Recipe>comparingDouble(r -> lastOpened.getOrDefault(r.id(), 0.0))
            .thenComparing(Recipe::id));
    return list;
  }

  private static List<Recipe> sortedCopy(RecipeSnapshot snapshot, Comparator<Recipe> order) {
    List<Recipe> list = new ArrayList<>(snapshot.all());
    list.sort(order);
    return Collections.unmodifiableList(list);
  }

  private static List<Recipe> shuffled(RecipeSnapshot snapshot, String seed) {
    List<Recipe> list =
        new ArrayList<>(snapshot.derive("recipes.byName", s -> sortedCopy(s, BY_NAME)));
    String key = seed == null || seed.isEmpty() ? "random" : seed;
    Collections.shuffle(list, new Random(key.hashCode()));
    return list;
  }

  /**
   * A parsed {@code sort_by}: plain {@code date} is newest first and plain {@code name} A–Z, as the
   * reference's pre-sorted views; an explicit direction or another key defaults to descending.
   */
  record Sort(String key, boolean descending, String seed) {

    static Sort parse(String raw) {
      String value = raw == null || raw.isBlank() ? "date" : raw.trim();
      int colon = value.indexOf(':');
      String key = (colon < 0 ? value : value.substring(0, colon)).toLowerCase(Locale.ROOT);
      String suffix = colon < 0 ? null : value.substring(colon + 1).trim();
      if (key.equals("random")) {
        return new Sort(key, false, suffix);
      }
      if (!List.of("date", "name", "loras_count", "opened").contains(key)) {
        key = "date";
      }
      boolean descending;
      if (suffix == null) {
        descending = !key.equals("name");
      } else {
        descending = !suffix.equalsIgnoreCase("asc");
      }
      return new Sort(key, descending, null);
    }
  }
}
