package io.loramanager.library.query;

import io.loramanager.library.CatalogSnapshot;
import io.loramanager.library.ModelEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Sorted orders of a snapshot's rows (anchor-library §3.4), each computed once per snapshot and
 * kept with it: a page of a large library costs a slice, not a sort.
 */
public final class SortedViews {

  private SortedViews() {}

  private record RowsKey() {}

  private record SortKey(SortSpec.Key key, boolean descending, String seed, boolean fileNames) {}

  /** Every active entry as a query row, in path order. */
  public static List<QueryRow> rows(CatalogSnapshot snapshot) {
    return snapshot.derive(
        new RowsKey(),
        key -> {
          List<QueryRow> rows = new ArrayList<>(snapshot.size());
          for (ModelEntry entry : snapshot.active()) {
            rows.add(QueryRow.of(snapshot.type(), entry));
          }
          return Collections.unmodifiableList(rows);
        });
  }

  private record SearchKey(SortKey sort, ModelQuery.SearchFields fields) {}

  /** The rows in the order of {@code sort} ({@code usage} and {@code versions_count} by name). */
  public static List<QueryRow> sorted(CatalogSnapshot snapshot, SortSpec sort, boolean fileNames) {
    SortKey key = sortKey(sort, fileNames);
    return snapshot.derive(
        key,
        k ->
            Collections.unmodifiableList(
                sort(snapshot, key.key(), key.descending(), key.seed(), fileNames)));
  }

  /** The search index over {@link #sorted} for these fields, built on first use. */
  static SearchIndex searchIndex(
      CatalogSnapshot snapshot, SortSpec sort, boolean fileNames, ModelQuery.SearchFields fields) {
    SortKey key = sortKey(sort, fileNames);
    return snapshot.derive(
        new SearchKey(key, fields), k -> SearchIndex.of(sorted(snapshot, sort, fileNames), fields));
  }

  private static SortKey sortKey(SortSpec sort, boolean fileNames) {
    SortSpec.Key key =
        sort.key() == SortSpec.Key.USAGE || sort.key() == SortSpec.Key.VERSIONS_COUNT
            ? SortSpec.Key.NAME
            : sort.key();
    boolean descending = sort.key() == SortSpec.Key.VERSIONS_COUNT ? false : sort.descending();
    return new SortKey(key, descending, sort.seed(), fileNames);
  }

  private static List<QueryRow> sort(
      CatalogSnapshot snapshot,
      SortSpec.Key key,
      boolean descending,
      String seed,
      boolean fileNames) {
    List<QueryRow> rows = new ArrayList<>(rows(snapshot));
    if (key == SortSpec.Key.RANDOM) {
      rows.sort(byName(fileNames));
      Collections.shuffle(rows, new Random(seed.hashCode()));
      return rows;
    }
    Comparator<QueryRow> order =
        switch (key) {
          case DATE ->
              Comparator.comparingDouble((QueryRow r) -> r.entry().modified())
                  .thenComparing(byName(fileNames));
          case SIZE ->
              Comparator.comparingLong((QueryRow r) -> r.entry().size())
                  .thenComparing(byName(fileNames));
          default -> byName(fileNames);
        };
    rows.sort(descending ? order.reversed() : order);
    return rows;
  }

  /** Natural order of (lower display name, lower path): a total order. */
  static Comparator<QueryRow> byName(boolean fileNames) {
    Comparator<QueryRow> name =
        Comparator.comparing((QueryRow r) -> displayLower(r, fileNames), NaturalOrder.INSTANCE);
    return name.thenComparing(QueryRow::pathLower, NaturalOrder.INSTANCE)
        .thenComparing(r -> r.entry().filePath());
  }

  static String displayLower(QueryRow row, boolean fileNames) {
    if (fileNames) {
      return row.fileNameLower().isEmpty() ? row.modelNameLower() : row.fileNameLower();
    }
    return row.modelNameLower().isEmpty() ? row.fileNameLower() : row.modelNameLower();
  }
}
