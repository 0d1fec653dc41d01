package io.loramanager.library;

import io.loramanager.library.query.ModelQuery;
import io.loramanager.library.query.QueryRow;
import io.loramanager.library.query.SortedViews;
import io.loramanager.settings.LibrarySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Same content under several paths, and the same file name in several folders (anchor-library
 * §2.9). Groups list the likely original first.
 */
@ApplicationScoped
public class DuplicateFinder {

  private static final Pattern DATED_COPY = Pattern.compile("-\\d{4}\\.");
  private static final Pattern NUMBERED_COPY = Pattern.compile("\\(\\d+\\)");

  /** A set of models sharing a hash or a file name. */
  public record Group(String key, List<ModelEntry> models) {}

  private final ModelCatalog catalog;
  private final LibrarySettings settings;

  @Inject
  public DuplicateFinder(ModelCatalog catalog, LibrarySettings settings) {
    this.catalog = catalog;
    this.settings = settings;
  }

  /** Hash groups of two or more models after the filters (folder is a prefix match). */
  public List<Group> duplicates(ModelType type, ModelQuery filters) {
    CatalogSnapshot snapshot = catalog.snapshot(type);
    Map<String, QueryRow> rows = new HashMap<>();
    for (QueryRow row : SortedViews.rows(snapshot)) {
      rows.put(row.entry().filePath(), row);
    }
    Predicate<QueryRow> keep = filterOf(filters);
    List<Group> groups = new ArrayList<>();
    snapshot
        .hashIndex()
        .duplicateHashes()
        .forEach(
            (hash, paths) -> {
              List<ModelEntry> members = new ArrayList<>();
              for (String path : paths) {
                QueryRow row = rows.get(path);
                if (row != null && keep.test(row)) {
                  members.add(row.entry());
                }
              }
              if (members.size() > 1) {
                members.sort(ORIGINAL_FIRST);
                groups.add(new Group(hash, List.copyOf(members)));
              }
            });
    return groups;
  }

  /** File names held by two or more models; none when the LoRA syntax is "full". */
  public List<Group> fileNameConflicts(ModelType type) {
    if (settings.fullLoraSyntax()) {
      return List.of();
    }
    CatalogSnapshot snapshot = catalog.snapshot(type);
    List<Group> groups = new ArrayList<>();
    snapshot
        .hashIndex()
        .duplicateFileNames()
        .forEach(
            (name, paths) -> {
              List<ModelEntry> members = new ArrayList<>();
              for (String path : paths) {
                members.add(snapshot.byPath(path));
              }
              groups.add(new Group(name, List.copyOf(members)));
            });
    return groups;
  }

  private static Predicate<QueryRow> filterOf(ModelQuery filters) {
    String folder = filters.folder();
    ModelQuery withoutFolder =
        new ModelQuery(
            1,
            ModelQuery.MAX_PAGE_SIZE,
            filters.sort(),
            null,
            true,
            List.of(),
            List.of(),
            null,
            false,
            filters.searchFields(),
            filters.baseModels(),
            filters.modelTypes(),
            filters.tagInclude(),
            filters.tagExclude(),
            filters.tagLogicAll(),
            List.of(),
            List.of(),
            filters.favoritesOnly(),
            List.of(),
            null,
            null,
            ModelQuery.NamePatterns.NONE,
            null,
            false,
            null,
            false);
    Predicate<QueryRow> base =
        io.loramanager.library.query.ModelFilters.of(withoutFolder, false, false);
    if (folder == null || folder.isEmpty()) {
      return base;
    }
    return base.and(row -> row.entry().folder().startsWith(folder));
  }

  /** Lower score first: dated copies, "(n)" and "copy" in the name, and longer names score up. */
  private static final Comparator<ModelEntry> ORIGINAL_FIRST =
      Comparator.comparingInt(DuplicateFinder::copyScore).thenComparing(ModelEntry::filePath);

  static int copyScore(ModelEntry entry) {
    String name = PathNames.lastSegment(entry.filePath());
    int score = 0;
    if (DATED_COPY.matcher(name).find()) {
      score += 100;
    }
    if (NUMBERED_COPY.matcher(name).find()) {
      score += 50;
    }
    if (name.toLowerCase(java.util.Locale.ROOT).contains("copy")) {
      score += 50;
    }
    return score + name.length();
  }
}
