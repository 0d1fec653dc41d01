package io.loramanager.library;

import io.loramanager.library.query.FirstLetter;
import io.loramanager.library.query.QueryRow;
import io.loramanager.library.query.SortedViews;
import io.loramanager.settings.LibrarySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts for the filter panel (anchor-library §3.8): tags, base models, sub-types and the LoRA
 * letter bar, each sorted by count (ties keep first-seen order).
 */
@ApplicationScoped
public class LibraryFacets {

  /** A value and how many models have it. */
  public record Count(String value, int count) {}

  private static final Map<ModelType, Set<String>> KNOWN_SUB_TYPES =
      Map.of(
          ModelType.LORA, Set.of("lora", "locon", "dora"),
          ModelType.CHECKPOINT, Set.of("checkpoint", "diffusion_model"),
          ModelType.EMBEDDING, Set.of("embedding"));

  private final ModelCatalog catalog;
  private final LibrarySettings settings;

  @Inject
  public LibraryFacets(ModelCatalog catalog, LibrarySettings settings) {
    this.catalog = catalog;
    this.settings = settings;
  }

  /** Tags as stored; {@code limit} 0 = all, out of 0..200 → 20. */
  public List<Count> topTags(ModelType type, int limit) {
    return limit(byCount(catalog.snapshot(type).tagCounts()), limit, 200);
  }

  /** Tags containing {@code query}, ignoring case; an empty query is {@link #topTags}. */
  public List<Count> searchTags(ModelType type, String query, int limit) {
    String needle = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
    Map<String, Integer> matching = new LinkedHashMap<>();
    catalog
        .snapshot(type)
        .tagCounts()
        .forEach(
            (tag, count) -> {
              if (tag.toLowerCase(Locale.ROOT).contains(needle)) {
                matching.put(tag, count);
              }
            });
    return limit(byCount(matching), limit, 200);
  }

  /** Base models of active models (empty ones skipped); 0 = all, out of 0..100 → 20. */
  public List<Count> baseModels(ModelType type, int limit) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (ModelEntry entry : catalog.snapshot(type).active()) {
      if (!entry.baseModel().isEmpty()) {
        counts.merge(entry.baseModel(), 1, Integer::sum);
      }
    }
    return limit(byCount(counts), limit, 100);
  }

  /** Resolved sub-types known for the type; {@code limit} out of 1..100 → 20. */
  public List<Count> modelTypes(ModelType type, int limit) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (QueryRow row : SortedViews.rows(catalog.snapshot(type))) {
      if (KNOWN_SUB_TYPES.get(type).contains(row.subType())) {
        counts.merge(row.subType(), 1, Integer::sum);
      }
    }
    int effective = limit < 1 || limit > 100 ? 20 : limit;
    return limit(byCount(counts), effective, 100);
  }

  /** Models per first letter of the display name ({@code #}, {@code @}, {@code 漢}, A–Z). */
  public Map<String, Integer> letterCounts(ModelType type) {
    Map<String, Integer> counts = new TreeMap<>();
    boolean fileNames = settings.displayFileName();
    for (ModelEntry entry : catalog.snapshot(type).active()) {
      counts.merge(FirstLetter.of(entry.displayName(fileNames)), 1, Integer::sum);
    }
    return counts;
  }

  private static List<Count> byCount(Map<String, Integer> counts) {
    List<Count> list = new ArrayList<>(counts.size());
    counts.forEach((value, count) -> list.add(new Count(value, count)));
    list.sort(Comparator.comparingInt(Count::count).reversed());
    return list;
  }

  /** 0 = all; outside 0..max → 20 (the reference's clamping). */
  private static List<Count> limit(List<Count> counts, int limit, int max) {
    int effective = limit < 0 || limit > max ? 20 : limit;
    return effective == 0 || effective >= counts.size() ? counts : counts.subList(0, effective);
  }
}
