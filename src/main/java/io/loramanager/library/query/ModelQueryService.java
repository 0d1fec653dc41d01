package io.loramanager.library.query;

import io.loramanager.library.CatalogSnapshot;
import io.loramanager.library.ModelCatalog;
import io.loramanager.library.ModelType;
import io.loramanager.settings.LibrarySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Answers the grid's list query over the in-memory catalogue (anchor-library §3.2): sorted view,
 * grouping, filters and search, then one page. Only the page's rows are collected.
 */
@ApplicationScoped
public class ModelQueryService {

  private final ModelCatalog catalog;
  private final LibrarySettings settings;

  @Inject
  public ModelQueryService(ModelCatalog catalog, LibrarySettings settings) {
    this.catalog = catalog;
    this.settings = settings;
  }

  /** A page of active models. */
  public Page<ListedModel> list(ModelType type, ModelQuery query) {
    return list(catalog.snapshot(type), query);
  }

  /** A page of excluded models; grouping does not apply. */
  public Page<ListedModel> listExcluded(ModelType type, ModelQuery query) {
    ModelQuery ungrouped =
        new ModelQuery(
            query.page(),
            query.pageSize(),
            query.sort(),
            query.folder(),
            query.recursive(),
            query.folderInclude(),
            query.folderExclude(),
            query.search(),
            query.fuzzy(),
            query.searchFields(),
            query.baseModels(),
            query.modelTypes(),
            query.tagInclude(),
            query.tagExclude(),
            query.tagLogicAll(),
            query.autoTagInclude(),
            query.autoTagExclude(),
            query.favoritesOnly(),
            query.hashes(),
            query.creditRequired(),
            query.allowSelling(),
            query.namePatterns(),
            query.firstLetter(),
            false,
            null,
            false);
    return list(catalog.snapshot(type).excludedView(), ungrouped);
  }

  /** A page of models over any snapshot (the benchmarks call this directly). */
  public Page<ListedModel> list(CatalogSnapshot snapshot, ModelQuery query) {
    boolean fileNames = settings.displayFileName();
    List<QueryRow> sorted = SortedViews.sorted(snapshot, query.sort(), fileNames);
    List<ListedModel> grouped = grouped(sorted, query);
    if (grouped == null && !query.updateAvailableOnly()) {
      return ungrouped(snapshot, sorted, query, fileNames);
    }
    // No update tracking yet: no model has an update, so that filter matches nothing.
    Predicate<QueryRow> filter =
        query.updateAvailableOnly()
            ? row -> false
            : ModelFilters.of(query, settings.showOnlySfw(), fileNames);
    return grouped == null
        ? page(sorted, row -> new ListedModel(row, null), filter, query)
        : page(grouped, listed -> listed, listed -> filterRow(listed, filter), query);
  }

  /**
   * Plain rows: a plain search term is answered from the view's {@link SearchIndex} (one string
   * scan instead of a visit to every row), and with no other filter the page is a slice.
   */
  private Page<ListedModel> ungrouped(
      CatalogSnapshot snapshot, List<QueryRow> sorted, ModelQuery query, boolean fileNames) {
    boolean sfw = settings.showOnlySfw();
    List<QueryRow> candidates = sorted;
    Predicate<QueryRow> filter;
    String term = query.search() == null ? "" : ModelFilters.searchTerm(query.search());
    if (query.hashes().isEmpty()
        && !query.fuzzy()
        && query.sort().key() != SortSpec.Key.RANDOM
        && SearchIndex.supports(term)) {
      candidates =
          SortedViews.searchIndex(snapshot, query.sort(), fileNames, query.searchFields())
              .matching(term);
      filter = ModelFilters.allButSearch(query, sfw, fileNames);
    } else {
      filter = ModelFilters.of(query, sfw, fileNames);
    }
    return filter == ModelFilters.MATCH_ALL
        ? slice(candidates, query)
        : page(candidates, row -> new ListedModel(row, null), filter, query);
  }

  /** The page of rows that all match: what {@link #page} gives, without visiting every row. */
  private static Page<ListedModel> slice(List<QueryRow> rows, ModelQuery query) {
    long from = Math.max(0, (long) (query.page() - 1) * query.pageSize());
    long to =
        Math.min(rows.size(), (long) (query.page() - 1) * query.pageSize() + query.pageSize());
    List<ListedModel> items = new ArrayList<>(query.pageSize());
    for (long i = from; i < to; i++) {
      items.add(new ListedModel(rows.get((int) i), null));
    }
    return new Page<>(List.copyOf(items), rows.size(), query.page(), query.pageSize());
  }

  private static boolean filterRow(ListedModel listed, Predicate<QueryRow> filter) {
    return filter.test(listed.row());
  }

  private List<ListedModel> grouped(List<QueryRow> sorted, ModelQuery query) {
    boolean sameBase = settings.groupBySameBase();
    boolean byCount = query.sort().key() == SortSpec.Key.VERSIONS_COUNT;
    if (query.civitaiModelId() != null && !query.civitaiModelId().isEmpty()) {
      return VersionGroups.versionsOf(sorted, query.civitaiModelId());
    }
    if (query.groupByModel()) {
      List<ListedModel> grouped = VersionGroups.newestPerGroup(sorted, sameBase);
      return byCount ? VersionGroups.sortByCount(grouped, query.sort().descending()) : grouped;
    }
    return byCount ? VersionGroups.byGroupSize(sorted, sameBase, query.sort().descending()) : null;
  }

  private static <T> Page<ListedModel> page(
      List<T> ordered,
      java.util.function.Function<T, ListedModel> toListed,
      Predicate<T> filter,
      ModelQuery query) {
    long from = (long) (query.page() - 1) * query.pageSize();
    long to = from + query.pageSize();
    List<ListedModel> items = new ArrayList<>(query.pageSize());
    int total = 0;
    for (T item : ordered) {
      if (filter.test(item)) {
        if (total >= from && total < to) {
          items.add(toListed.apply(item));
        }
        total++;
      }
    }
    return new Page<>(List.copyOf(items), total, query.page(), query.pageSize());
  }
}
