package io.loramanager.library.query;

import static io.loramanager.testsupport.Entries.entry;
import static io.loramanager.testsupport.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import io.loramanager.errors.LmException;
import io.loramanager.library.CatalogSnapshot;
import io.loramanager.library.ModelCatalog;
import io.loramanager.library.ModelType;
import io.loramanager.testsupport.Queries;
import io.loramanager.testsupport.TestConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The list pipeline over a snapshot, with real settings read from a temp data folder. */
class ModelQueryServiceTest {

  private static final CatalogSnapshot SNAPSHOT =
      new CatalogSnapshot(
          ModelType.LORA,
          List.of(
              entry("m10").modelName("Model v10").size(3).modified(30).build(),
              entry("m2").modelName("model v2").size(1).modified(20).previewNsfwLevel(8).build(),
              entry("zz").modelName("").size(3).modified(10).build(),
              entry("old").modelName("Alpha").civitai(1L, 50L, "v1", null).build(),
              entry("new").modelName("Beta").civitai(2L, 50L, "v2", null).baseModel("Pony").build(),
              entry("hidden").modelName("Aaa").exclude(true).build()));

  @TempDir Path data;

  private ModelQueryService service() {
    return new ModelQueryService(
        new ModelCatalog(), TestConfig.of(data, data.resolve("models")).librarySettings());
  }

  private List<String> names(Queries q) {
    return service().list(SNAPSHOT, q.build()).items().stream()
        .map(l -> l.row().entry().fileName())
        .toList();
  }

  @Test
  void theDefaultListIsTheFirstPageByNaturalNameWithoutExcludedModels() {
    Page<ListedModel> page = service().list(SNAPSHOT, query().build());

    assertThat(page.items())
        .extracting(l -> l.row().entry().fileName(), ListedModel::versionCount)
        .containsExactly(
            tuple("old", null),
            tuple("new", null),
            tuple("m2", null),
            tuple("m10", null),
            tuple("zz", null));
    assertThat(page.total()).isEqualTo(5);
    assertThat(page.page()).isEqualTo(1);
    assertThat(page.pageSize()).isEqualTo(20);
  }

  @Test
  void pagesAreSlicesOfTheFilteredOrder() {
    Page<ListedModel> second = service().list(SNAPSHOT, query().page(2, 2).build());

    assertThat(second.items())
        .extracting(l -> l.row().entry().fileName())
        .containsExactly("m2", "m10");
    assertThat(second.total()).isEqualTo(5);
    assertThat(second.totalPages()).isEqualTo(3);
  }

  @Test
  void dateAndSizeSortsBreakTiesByNameAndDescReversesTheWholeTuple() {
    assertThat(names(query().sort("date:desc"))).containsExactly("m10", "m2", "zz", "new", "old");
    assertThat(names(query().sort("size"))).containsExactly("old", "new", "m2", "m10", "zz");
    assertThat(names(query().sort("name:desc"))).containsExactly("zz", "m10", "m2", "new", "old");
  }

  @Test
  void groupByModelShowsTheNewestVersionWithItsCount() throws IOException {
    Files.writeString(data.resolve("settings.json"), "{\"version_grouping\": \"model\"}");

    Page<ListedModel> page = service().list(SNAPSHOT, query().groupByModel(true).build());

    assertThat(page.items())
        .extracting(l -> l.row().entry().fileName(), ListedModel::versionCount)
        .containsExactly(tuple("new", 2), tuple("m2", 1), tuple("m10", 1), tuple("zz", 1));
    assertThat(page.total()).isEqualTo(4);
  }

  @Test
  void filtersApplyToTheGroupedRowsAsTheReferenceDoes() throws IOException {
    Files.writeString(data.resolve("settings.json"), "{\"version_grouping\": \"model\"}");

    // The group's newest row is Pony, so asking for SD 1.5 hides the whole group.
    assertThat(names(query().groupByModel(true).baseModels("SD 1.5")))
        .containsExactly("m2", "m10", "zz");
  }

  @Test
  void civitaiModelIdListsThatModelsVersionsNewestFirst() {
    assertThat(names(query().civitaiModelId("50"))).containsExactly("new", "old");
  }

  @Test
  void versionsCountSortPutsTheBiggestGroupFirst() {
    assertThat(names(query().sort("versions_count:desc")))
        .containsExactly("old", "new", "m2", "m10", "zz");
  }

  @Test
  void hashListsIgnoreTheOtherFilters() {
    String sha = SNAPSHOT.byPath("/lib/m2.safetensors").sha256();

    assertThat(names(query().hashes(sha).favoritesOnly(true))).containsExactly("m2");
  }

  @Test
  void updateAvailableOnlyMatchesNothingYet() {
    Page<ListedModel> page = service().list(SNAPSHOT, query().updateAvailableOnly(true).build());

    assertThat(page.items()).isEmpty();
    assertThat(page.total()).isZero();
  }

  @Test
  void settingsChangeTheDisplayNameAndHideNsfwPreviews() throws IOException {
    Files.writeString(
        data.resolve("settings.json"),
        "{\"model_name_display\": \"file_name\", \"show_only_sfw\": true}");

    assertThat(names(query())).containsExactly("m10", "new", "old", "zz");
  }

  @Test
  void aCatalogueThatIsStillLoadingIsNotReady() {
    LmException e =
        catchThrowableOfType(
            LmException.class, () -> service().list(ModelType.LORA, query().build()));

    assertThat(e.kind()).isEqualTo(LmException.Kind.NOT_READY);
  }

  @Test
  void anEmptySnapshotGivesAnEmptyPage() {
    Page<ListedModel> page =
        service().list(CatalogSnapshot.empty(ModelType.LORA), query().search("x").build());

    assertThat(page.items()).isEmpty();
    assertThat(page.totalPages()).isZero();
  }
}
