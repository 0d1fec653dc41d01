package io.loramanager.library;

import static io.loramanager.testsupport.Entries.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CatalogSnapshotTest {

  private static List<String> paths(List<ModelEntry> entries) {
    return entries.stream().map(ModelEntry::filePath).toList();
  }

  @Test
  void excludedEntriesAreKeptApartFromActiveOnes() {
    CatalogSnapshot snapshot =
        new CatalogSnapshot(
            ModelType.LORA,
            List.of(entry("a").build(), entry("hidden").exclude(true).build(), entry("b").build()));

    assertThat(paths(snapshot.active()))
        .containsExactly("/lib/a.safetensors", "/lib/b.safetensors");
    assertThat(paths(snapshot.excluded())).containsExactly("/lib/hidden.safetensors");
    assertThat(paths(snapshot.all()))
        .containsExactly("/lib/a.safetensors", "/lib/b.safetensors", "/lib/hidden.safetensors");
    assertThat(snapshot.size()).isEqualTo(2);
    assertThat(snapshot.type()).isEqualTo(ModelType.LORA);
  }

  @Test
  void byPathFindsActiveAndExcludedEntries() {
    ModelEntry hidden = entry("hidden").exclude(true).build();
    CatalogSnapshot snapshot =
        new CatalogSnapshot(ModelType.LORA, List.of(entry("a").build(), hidden));

    assertThat(snapshot.byPath("/lib/hidden.safetensors")).isSameAs(hidden);
    assertThat(snapshot.byPath("/lib/a.safetensors").fileName()).isEqualTo("a");
    assertThat(snapshot.byPath("/lib/none.safetensors")).isNull();
  }

  @Test
  void tagCountsCoverActiveModelsCaseSensitiveInFirstSeenOrder() {
    CatalogSnapshot snapshot =
        new CatalogSnapshot(
            ModelType.LORA,
            List.of(
                entry("a").tags("style", "Anime").build(),
                entry("b").tags("anime", "style").build(),
                entry("c").tags("style", "secret").exclude(true).build()));

    assertThat(snapshot.tagCounts())
        .containsExactly(Map.entry("style", 2), Map.entry("Anime", 1), Map.entry("anime", 1));
  }

  @Test
  void foldersAreSortedIgnoringCaseWithTheRootIncluded() {
    CatalogSnapshot snapshot =
        new CatalogSnapshot(
            ModelType.LORA,
            List.of(
                entry("zeta/a").build(),
                entry("b").build(),
                entry("Alpha/c").build(),
                entry("beta/d").build(),
                entry("zeta/e").build(),
                entry("gone/f").exclude(true).build()));

    assertThat(snapshot.folders()).containsExactly("", "Alpha", "beta", "zeta");
  }

  @Test
  void foldersDifferingOnlyInCaseAreBothListed() {
    CatalogSnapshot snapshot =
        new CatalogSnapshot(
            ModelType.LORA, List.of(entry("styles/a").build(), entry("Styles/b").build()));

    assertThat(snapshot.folders()).containsExactly("Styles", "styles");
  }

  @Test
  void theHashIndexCoversActiveModelsOnly() {
    CatalogSnapshot snapshot =
        new CatalogSnapshot(
            ModelType.LORA, List.of(entry("a").build(), entry("hidden").exclude(true).build()));

    assertThat(snapshot.hashIndex().pathOf(entry("a").build().sha256()))
        .isEqualTo("/lib/a.safetensors");
    assertThat(snapshot.hashIndex().pathOf(entry("hidden").build().sha256())).isNull();
  }

  @Test
  void derivedValuesAreComputedOncePerKey() {
    CatalogSnapshot snapshot = CatalogSnapshot.empty(ModelType.CHECKPOINT);
    AtomicInteger calls = new AtomicInteger();

    Integer first = snapshot.derive("k", key -> calls.incrementAndGet());
    Integer second = snapshot.derive("k", key -> calls.incrementAndGet());
    Integer other = snapshot.derive("other", key -> calls.incrementAndGet());

    assertThat(first).isEqualTo(1);
    assertThat(second).isEqualTo(1);
    assertThat(other).isEqualTo(2);
    assertThat(snapshot.hashIndex()).isSameAs(snapshot.hashIndex());
  }

  @Test
  void anEmptySnapshotHasNothing() {
    CatalogSnapshot snapshot = CatalogSnapshot.empty(ModelType.EMBEDDING);

    assertThat(snapshot.active()).isEmpty();
    assertThat(snapshot.folders()).isEmpty();
    assertThat(snapshot.tagCounts()).isEmpty();
    assertThat(snapshot.size()).isZero();
  }
}
