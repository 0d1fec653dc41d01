package io.loramanager.library;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * An immutable view of one type's catalogue. Readers take the current snapshot and never lock; the
 * single writer builds a new one and swaps it in. Derived data (sort orders, tag counts, folders,
 * search keys) is computed on first use and kept with the snapshot.
 */
public final class CatalogSnapshot {

  private final ModelType type;
  private final List<ModelEntry> active;
  private final List<ModelEntry> excluded;
  private final Map<String, ModelEntry> byPath;
  private final Map<Object, Object> derived = new ConcurrentHashMap<>();

  public CatalogSnapshot(ModelType type, List<ModelEntry> entries) {
    this(type, entries, false);
  }

  /** With {@code excludedView}, the excluded entries are the ones served (the excluded list). */
  private CatalogSnapshot(ModelType type, List<ModelEntry> entries, boolean excludedView) {
    this.type = type;
    List<ModelEntry> activeEntries = new ArrayList<>();
    List<ModelEntry> excludedEntries = new ArrayList<>();
    Map<String, ModelEntry> paths = new HashMap<>(entries.size() * 2);
    for (ModelEntry entry : entries) {
      paths.put(entry.filePath(), entry);
      (entry.exclude() != excludedView ? excludedEntries : activeEntries).add(entry);
    }
    this.active = Collections.unmodifiableList(activeEntries);
    this.excluded = Collections.unmodifiableList(excludedEntries);
    this.byPath = Collections.unmodifiableMap(paths);
  }

  public static CatalogSnapshot empty(ModelType type) {
    return new CatalogSnapshot(type, List.of());
  }

  public ModelType type() {
    return type;
  }

  /** Catalogued models that are not excluded. */
  public List<ModelEntry> active() {
    return active;
  }

  public List<ModelEntry> excluded() {
    return excluded;
  }

  /** Every entry, excluded ones too. */
  public List<ModelEntry> all() {
    List<ModelEntry> all = new ArrayList<>(active.size() + excluded.size());
    all.addAll(active);
    all.addAll(excluded);
    return all;
  }

  /** A snapshot whose active models are this one's excluded models, for the excluded list. */
  public CatalogSnapshot excludedView() {
    return derive("excluded-view", key -> new CatalogSnapshot(type, excluded, true));
  }

  public ModelEntry byPath(String filePath) {
    return byPath.get(filePath);
  }

  public int size() {
    return active.size();
  }

  public HashIndex hashIndex() {
    return derive("hash-index", key -> new HashIndex(active));
  }

  /** Tag → count over active models, tags as stored (case-sensitive), in first-seen order. */
  public Map<String, Integer> tagCounts() {
    return derive(
        "tag-counts",
        key -> {
          Map<String, Integer> counts = new LinkedHashMap<>();
          for (ModelEntry entry : active) {
            for (String tag : entry.tags()) {
              counts.merge(tag, 1, Integer::sum);
            }
          }
          return Collections.unmodifiableMap(counts);
        });
  }

  /** Every folder of an active model, "" included, sorted ignoring case. */
  public List<String> folders() {
    return derive(
        "folders",
        key -> {
          // Ignoring case for the order only: "Styles" and "styles" are two folders.
          TreeSet<String> folders =
              new TreeSet<>(String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder()));
          for (ModelEntry entry : active) {
            folders.add(entry.folder());
          }
          return List.copyOf(folders);
        });
  }

  /**
   * A value derived from this snapshot, computed once per key. Keys must identify the function (a
   * string or a record of the inputs).
   */
  @SuppressWarnings("unchecked")
  public <T> T derive(Object key, Function<Object, T> compute) {
    Object value = derived.get(key);
    if (value == null) {
      value = compute.apply(key);
      Object raced = derived.putIfAbsent(key, value);
      if (raced != null) {
        value = raced;
      }
    }
    return (T) value;
  }
}
