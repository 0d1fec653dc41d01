package io.loramanager.library.query;

import static io.loramanager.testsupport.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.loramanager.library.CatalogSnapshot;
import io.loramanager.library.ModelCatalog;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.testsupport.Entries;
import io.loramanager.testsupport.FilterArbitraries;
import io.loramanager.testsupport.FilterArbitraries.Filter;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.Queries;
import io.loramanager.testsupport.TestConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Invariants of the list query over generated catalogues. */
class ModelQueryProperties {

  private static Path data;
  private static ModelQueryService service;

  @BeforeContainer
  static void settings() throws IOException {
    // A data folder with no settings.json: every setting at its default.
    data = Files.createTempDirectory("lm-properties");
    service =
        new ModelQueryService(
            new ModelCatalog(), TestConfig.of(data, data.resolve("models")).librarySettings());
  }

  @AfterContainer
  static void cleanUp() {
    LibraryFixture.deleteTree(data);
  }

  @Provide
  Arbitrary<List<ModelEntry>> catalogue() {
    return Entries.catalogue(30);
  }

  @Provide
  Arbitrary<Filter> filter() {
    return FilterArbitraries.anyOrNone();
  }

  @Provide
  Arbitrary<List<Filter>> twoFilters() {
    return FilterArbitraries.twoOfDifferentFamilies();
  }

  @Provide
  Arbitrary<String> sort() {
    return Arbitraries.of(
        "name",
        "name:desc",
        "date",
        "date:desc",
        "size",
        "size:desc",
        "usage",
        "versions_count",
        "versions_count:desc",
        "random",
        "random:7",
        "random:seed");
  }

  private static CatalogSnapshot snapshot(List<ModelEntry> entries) {
    return new CatalogSnapshot(ModelType.LORA, entries);
  }

  private static List<String> paths(List<ListedModel> items) {
    return items.stream().map(l -> l.row().entry().filePath()).toList();
  }

  private static List<String> filtered(List<ModelEntry> entries, Predicate<QueryRow> p) {
    return entries.stream()
        .map(e -> QueryRow.of(ModelType.LORA, e))
        .filter(p)
        .map(r -> r.entry().filePath())
        .toList();
  }

  private static Predicate<QueryRow> predicate(Queries q) {
    return ModelFilters.of(q.build(), false, false);
  }

  @Property
  void everyMatchingModelIsOnExactlyOnePage(
      @ForAll("catalogue") List<ModelEntry> entries,
      @ForAll("filter") Filter filter,
      @ForAll("sort") String sort,
      @ForAll boolean grouped,
      @ForAll @IntRange(min = 1, max = 7) int pageSize) {
    CatalogSnapshot snapshot = snapshot(entries);
    Queries base = filter.applyTo(query()).sort(sort).groupByModel(grouped);
    Page<ListedModel> first = service.list(snapshot, base.page(1, pageSize).build());

    List<String> all = new ArrayList<>(paths(first.items()));
    for (int page = 2; page <= first.totalPages(); page++) {
      Page<ListedModel> next = service.list(snapshot, base.page(page, pageSize).build());
      assertThat(next.total()).isEqualTo(first.total());
      assertThat(next.items()).hasSizeLessThanOrEqualTo(pageSize).isNotEmpty();
      all.addAll(paths(next.items()));
    }
    Page<ListedModel> beyond =
        service.list(snapshot, base.page(first.totalPages() + 1, pageSize).build());

    assertThat(beyond.items()).isEmpty();
    assertThat(all).doesNotHaveDuplicates().hasSize(first.total());
    Predicate<QueryRow> matches = predicate(filter.applyTo(query()));
    List<ModelEntry> candidates =
        grouped
            // Files of one version tie; the sorted order picks the one shown, as upstream.
            ? VersionGroups.newestPerGroup(
                    SortedViews.sorted(snapshot, SortSpec.parse(sort), false), true)
                .stream()
                .map(l -> l.row().entry())
                .toList()
            : snapshot.active();
    assertThat(all).containsExactlyInAnyOrderElementsOf(filtered(candidates, matches));
  }

  @Property
  void filtersCommuteAndComposeAsAnIntersection(
      @ForAll("catalogue") List<ModelEntry> entries, @ForAll("twoFilters") List<Filter> two) {
    Predicate<QueryRow> a = predicate(two.get(0).applyTo(query()));
    Predicate<QueryRow> b = predicate(two.get(1).applyTo(query()));
    Predicate<QueryRow> both = predicate(two.get(1).applyTo(two.get(0).applyTo(query())));
    List<QueryRow> rows = entries.stream().map(e -> QueryRow.of(ModelType.LORA, e)).toList();

    List<String> aThenB = rows.stream().filter(a).filter(b).map(r -> r.entry().filePath()).toList();
    List<String> bThenA = rows.stream().filter(b).filter(a).map(r -> r.entry().filePath()).toList();

    assertThat(aThenB).isEqualTo(bThenA);
    assertThat(filtered(entries, both)).isEqualTo(aThenB);
  }

  @Property
  void everySortIsATotalOrderIndependentOfInputOrder(
      @ForAll("catalogue") List<ModelEntry> entries,
      @ForAll("sort") String sort,
      @ForAll boolean fileNames,
      @ForAll long shuffleSeed) {
    List<ModelEntry> shuffled = new ArrayList<>(entries);
    Collections.shuffle(shuffled, new Random(shuffleSeed));
    SortSpec spec = SortSpec.parse(sort);

    List<QueryRow> once = SortedViews.sorted(snapshot(entries), spec, fileNames);
    List<QueryRow> again = SortedViews.sorted(snapshot(shuffled), spec, fileNames);

    assertThat(again).isEqualTo(once);
    assertThat(once).hasSize(snapshot(entries).size());
  }

  @Property
  void ascendingAndDescendingAreExactReverses(
      @ForAll("catalogue") List<ModelEntry> entries,
      @ForAll("sort") String sort,
      @ForAll boolean fileNames) {
    SortSpec spec = SortSpec.parse(sort);
    if (spec.key() == SortSpec.Key.RANDOM
        || spec.key() == SortSpec.Key.USAGE
        || spec.key() == SortSpec.Key.VERSIONS_COUNT) {
      return;
    }
    List<QueryRow> asc =
        SortedViews.sorted(snapshot(entries), new SortSpec(spec.key(), false, null), fileNames);
    List<QueryRow> desc =
        new ArrayList<>(
            SortedViews.sorted(snapshot(entries), new SortSpec(spec.key(), true, null), fileNames));
    Collections.reverse(desc);

    assertThat(desc).isEqualTo(asc);
  }

  @Property
  void aRandomSortIsStableForItsSeed(
      @ForAll("catalogue") List<ModelEntry> entries,
      @ForAll("seed") String seed,
      @ForAll long shuffleSeed,
      @ForAll @IntRange(min = 1, max = 5) int pageSize) {
    List<ModelEntry> shuffled = new ArrayList<>(entries);
    Collections.shuffle(shuffled, new Random(shuffleSeed));
    Queries q = query().sort("random:" + seed).page(1, 100);

    List<String> first = paths(service.list(snapshot(entries), q.build()).items());
    List<String> second = paths(service.list(snapshot(shuffled), q.build()).items());
    List<String> paged = new ArrayList<>();
    for (int page = 1; paged.size() < first.size(); page++) {
      paged.addAll(paths(service.list(snapshot(shuffled), q.page(page, pageSize).build()).items()));
    }

    assertThat(second).isEqualTo(first);
    assertThat(paged).isEqualTo(first);
    assertThat(first)
        .containsExactlyInAnyOrderElementsOf(
            snapshot(entries).active().stream().map(ModelEntry::filePath).toList());
  }

  @Property
  void naturalOrderIsATotalOrder(
      @ForAll("naturalText") String a,
      @ForAll("naturalText") String b,
      @ForAll("naturalText") String c) {
    NaturalOrder order = NaturalOrder.INSTANCE;

    assertThat(Integer.signum(order.compare(a, b))).isEqualTo(-Integer.signum(order.compare(b, a)));
    assertThat(order.compare(a, b) == 0).isEqualTo(a.equals(b));
    if (order.compare(a, b) <= 0 && order.compare(b, c) <= 0) {
      assertThat(order.compare(a, c)).isLessThanOrEqualTo(0);
    }
  }

  @Provide
  Arbitrary<String> seed() {
    // Mapped from a number: jqwik 1.10.1 fails shrinking a String next to a List parameter.
    return Arbitraries.longs().between(0, Long.MAX_VALUE).map(n -> Long.toString(n, 36));
  }

  @Provide
  Arbitrary<String> naturalText() {
    return Arbitraries.strings().withChars("a0b19 _").ofMaxLength(6);
  }
}
