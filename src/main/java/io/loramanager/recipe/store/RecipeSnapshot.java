package io.loramanager.recipe.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * An immutable view of every recipe, swapped whole by the one writer. Derived data (sort orders,
 * facets) is computed on first use and kept with the snapshot, so readers never lock.
 */
public final class RecipeSnapshot {

  private final Path root;
  private final Map<String, Recipe> byId;
  private final Map<Object, Object> derived = new ConcurrentHashMap<>();

  public RecipeSnapshot(Path root, Collection<Recipe> recipes) {
    this.root = root;
    Map<String, Recipe> map = new LinkedHashMap<>();
    for (Recipe recipe : recipes) {
      map.put(recipe.id(), recipe);
    }
    this.byId = Collections.unmodifiableMap(map);
  }

  public static RecipeSnapshot empty(Path root) {
    return new RecipeSnapshot(root, List.of());
  }

  /** The recipes folder this snapshot was read from; null when there is none. */
  public Path root() {
    return root;
  }

  public Recipe byId(String id) {
    return byId.get(id);
  }

  public Collection<Recipe> all() {
    return byId.values();
  }

  public int size() {
    return byId.size();
  }

  /** A copy with {@code upserts} put in and {@code removedIds} taken out. */
  public RecipeSnapshot with(Collection<Recipe> upserts, Collection<String> removedIds) {
    Map<String, Recipe> map = new LinkedHashMap<>(byId);
    removedIds.forEach(map::remove);
    for (Recipe recipe : upserts) {
      map.put(recipe.id(), recipe);
    }
    return new RecipeSnapshot(root, new ArrayList<>(map.values()));
  }

  /** Data derived from this snapshot, computed once per key. */
  @SuppressWarnings("unchecked")
  public <T> T derive(Object key, Function<RecipeSnapshot, T> compute) {
    return (T) derived.computeIfAbsent(key, k -> compute.apply(this));
  }
}
