package io.loramanager.library.query;

import static io.loramanager.testsupport.Entries.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionGroupsTest {

  private static final String HF = "https://huggingface.co/owner/repo/blob/main/x.safetensors";

  /** Model 10 has versions 1 and 3 on SDXL and 2 on Pony; two files of one HF repo; loose d. */
  private static final List<QueryRow> ROWS =
      rows(
          entry("d").build(),
          entry("a").baseModel("SDXL 1.0").civitai(1L, 10L, "v1", null).build(),
          entry("e").hfUrl(HF).modified(1).build(),
          entry("b").baseModel("SDXL 1.0").civitai(3L, 10L, "v3", null).build(),
          entry("c").baseModel("Pony").civitai(2L, 10L, "v2", null).build(),
          entry("f").civitai(5L, 20L, "v5", null).build(),
          entry("g").hfUrl("https://huggingface.co/owner/repo").modified(2).build());

  private static List<QueryRow> rows(ModelEntry... entries) {
    return java.util.Arrays.stream(entries).map(e -> QueryRow.of(ModelType.LORA, e)).toList();
  }

  private static List<String> names(List<ListedModel> listed) {
    return listed.stream().map(l -> l.row().entry().fileName()).toList();
  }

  @Test
  void groupByModelAndBaseKeepsTheHighestVersionWithItsCountUngroupedLast() {
    List<ListedModel> grouped = VersionGroups.newestPerGroup(ROWS, true);

    assertThat(grouped)
        .extracting(l -> l.row().entry().fileName(), ListedModel::versionCount)
        .containsExactly(tuple("b", 2), tuple("g", 2), tuple("c", 1), tuple("f", 1), tuple("d", 1));
  }

  @Test
  void groupByModelAloneMergesBaseModels() {
    List<ListedModel> grouped = VersionGroups.newestPerGroup(ROWS, false);

    assertThat(grouped)
        .extracting(l -> l.row().entry().fileName(), ListedModel::versionCount)
        .containsExactly(tuple("b", 3), tuple("g", 2), tuple("f", 1), tuple("d", 1));
  }

  @Test
  void civitaiModelIdListsItsVersionsNewestFirst() {
    assertThat(names(VersionGroups.versionsOf(ROWS, "10"))).containsExactly("b", "c", "a");
    assertThat(VersionGroups.versionsOf(ROWS, "10")).allMatch(l -> l.versionCount() == null);
  }

  @Test
  void aHuggingFaceRepoListsItsFilesNewestModifiedFirst() {
    assertThat(names(VersionGroups.versionsOf(ROWS, "hf:owner/repo"))).containsExactly("g", "e");
  }

  @Test
  void anUnknownModelIdListsNothing() {
    assertThat(VersionGroups.versionsOf(ROWS, "99")).isEmpty();
  }

  @Test
  void versionsCountSortOrdersGroupsBySizeThenAppendsUngrouped() {
    assertThat(names(VersionGroups.byGroupSize(ROWS, false, true)))
        .containsExactly("b", "c", "a", "g", "e", "f", "d");
    assertThat(names(VersionGroups.byGroupSize(ROWS, false, false)))
        .containsExactly("f", "g", "e", "b", "c", "a", "d");
  }

  @Test
  void versionsCountSortKeepsFirstAppearanceForEqualSizes() {
    assertThat(names(VersionGroups.byGroupSize(ROWS, true, true)))
        .containsExactly("b", "a", "g", "e", "c", "f", "d");
  }

  @Test
  void groupedRowsSortByTheirCountStably() {
    List<ListedModel> grouped = VersionGroups.newestPerGroup(ROWS, true);

    assertThat(names(VersionGroups.sortByCount(grouped, false)))
        .containsExactly("c", "f", "d", "b", "g");
    assertThat(names(VersionGroups.sortByCount(grouped, true)))
        .containsExactly("b", "g", "c", "f", "d");
  }

  @Test
  void huggingFaceGroupsNeedOwnerAndRepo() {
    assertThat(VersionGroups.hfGroup("https://huggingface.co/owner/repo"))
        .isEqualTo("hf:owner/repo");
    assertThat(VersionGroups.hfGroup("http://www.huggingface.co/o/r/tree/main"))
        .isEqualTo("hf:o/r");
    assertThat(VersionGroups.hfGroup("https://huggingface.co/owner")).isNull();
    assertThat(VersionGroups.hfGroup("")).isNull();
    assertThat(VersionGroups.hfGroup(null)).isNull();
  }

  @Test
  void theGroupKeyPrefersTheCivitaiModelOverHuggingFace() {
    ModelEntry both = entry("x").civitai(1L, 7L, "v", null).hfUrl(HF).baseModel("Pony").build();

    assertThat(VersionGroups.key(both, true)).isEqualTo("7|Pony");
    assertThat(VersionGroups.key(both, false)).isEqualTo("7");
    assertThat(VersionGroups.key(entry("y").build(), true)).isNull();
  }
}
