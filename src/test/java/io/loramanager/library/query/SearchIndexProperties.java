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
import io.loramanager.testsupport.TestConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** The search index finds exactly the rows the search predicate accepts. */
class SearchIndexProperties {

  private static Path data;
  private static ModelQueryService service;

  @BeforeContainer
  static void settings() throws IOException {
    data = Files.createTempDirectory("lm-search-index");
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

  /** Words from the entries' value pools, fragments, case and space variants, separators. */
  @Provide
  Arbitrary<String> term() {
    Arbitrary<String> word =
        Arbitraries.of(
            "alpha", "Beta", "v2", "1", "-", "a/", "style", "alice", "bob", "turbo", "e", " ", "x");
    Arbitrary<String> glue = Arbitraries.of("", "", " ", "-", "\u0000", "\n", "/");
    return Combinators.combine(word, glue, word, Arbitraries.of(true, false))
        .as((a, g, b, two) -> two ? a + g + b : a);
  }

  @Provide
  Arbitrary<ModelQuery.SearchFields> fields() {
    Arbitrary<Boolean> on = Arbitraries.of(true, false);
    return Combinators.combine(on, on, on, on).as(ModelQuery.SearchFields::new);
  }

  @Property
  void theIndexMatchesExactlyWhatThePredicateAccepts(
      @ForAll("catalogue") List<ModelEntry> entries,
      @ForAll("term") String raw,
      @ForAll("fields") ModelQuery.SearchFields fields) {
    List<QueryRow> rows = SortedViews.sorted(snapshot(entries), SortSpec.NAME, false);
    String term = ModelFilters.searchTerm(raw);
    Predicate<QueryRow> predicate = ModelFilters.search(raw, false, fields);

    if (!SearchIndex.supports(term)) {
      assertThat(term.isEmpty() || term.indexOf('\u0000') >= 0).isTrue();
      return;
    }
    assertThat(SearchIndex.of(rows, fields).matching(term))
        .containsExactlyElementsOf(rows.stream().filter(predicate).toList());
  }

  @Property
  void aSearchWithAnotherFilterListsWhatThePredicatesAccept(
      @ForAll("catalogue") List<ModelEntry> entries,
      @ForAll("term") String raw,
      @ForAll("fields") ModelQuery.SearchFields fields,
      @ForAll("filter") Filter filter,
      @ForAll("sort") String sort) {
    CatalogSnapshot snapshot = snapshot(entries);
    ModelQuery q =
        filter
            .applyTo(query())
            .search(raw)
            .searchFields(fields.fileName(), fields.modelName(), fields.tags(), fields.creator())
            .sort(sort)
            .page(1, 100)
            .build();

    List<String> listed = new ArrayList<>();
    for (ListedModel item : service.list(snapshot, q).items()) {
      listed.add(item.row().entry().filePath());
    }

    Predicate<QueryRow> all = ModelFilters.of(q, false, false);
    assertThat(listed)
        .containsExactlyElementsOf(
            SortedViews.sorted(snapshot, q.sort(), false).stream()
                .filter(all)
                .map(r -> r.entry().filePath())
                .toList());
  }

  @Provide
  Arbitrary<Filter> filter() {
    return FilterArbitraries.anyOrNone();
  }

  @Provide
  Arbitrary<String> sort() {
    return Arbitraries.of("name", "name:desc", "date", "size:desc", "usage", "random:3");
  }

  private static CatalogSnapshot snapshot(List<ModelEntry> entries) {
    return new CatalogSnapshot(ModelType.LORA, entries);
  }
}
