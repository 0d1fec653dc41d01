package io.loramanager.library.query;

import static io.loramanager.testsupport.Entries.entry;
import static io.loramanager.testsupport.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.testsupport.Queries;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Favourites, hashes, licenses and the SFW setting. */
class ModelFiltersFlagsTest {

  private static final String SHA_FAV = "f".repeat(64);

  private static final List<ModelEntry> LIBRARY =
      List.of(
          entry("fav").favorite(true).sha256(SHA_FAV).previewNsfwLevel(8).build(),
          entry("pg").previewNsfwLevel(1).autov3("0123456789ab").licenseFlags(0).build(),
          entry("pg13").previewNsfwLevel(2).licenseFlags(1).build(),
          entry("r").previewNsfwLevel(4).licenseFlags(2).build(),
          entry("unrated").previewNsfwLevel(0).licenseFlags(127).build());

  private static List<String> names(Queries q, boolean sfw) {
    return LIBRARY.stream()
        .map(e -> QueryRow.of(ModelType.LORA, e))
        .filter(ModelFilters.of(q.build(), sfw, false))
        .map(r -> r.entry().fileName())
        .toList();
  }

  private static List<String> names(Queries q) {
    return names(q, false);
  }

  @Test
  void noFilterKeepsEverything() {
    assertThat(names(query())).containsExactly("fav", "pg", "pg13", "r", "unrated");
  }

  @Test
  void favoritesOnly() {
    assertThat(names(query().favoritesOnly(true))).containsExactly("fav");
  }

  @Test
  void showOnlySfwDropsRatedRAndAboveButKeepsUnrated() {
    assertThat(names(query(), true)).containsExactly("pg", "pg13", "unrated");
  }

  @Test
  void hashMatchesSha256OrAutov3IgnoringCase() {
    assertThat(names(query().hashes(SHA_FAV.toUpperCase(), "0123456789AB")))
        .containsExactly("fav", "pg");
  }

  @Test
  void hashBypassesEveryOtherFilterAndTheSfwSetting() {
    Queries q =
        query()
            .hashes(SHA_FAV)
            .favoritesOnly(false)
            .folder("nowhere", true)
            .search("no such text")
            .tagInclude("absent")
            .baseModels("None")
            .creditRequired(true);

    assertThat(names(q, true)).containsExactly("fav");
  }

  @Test
  void anUnknownHashMatchesNothing() {
    assertThat(names(query().hashes("0".repeat(64)))).isEmpty();
  }

  @Test
  void creditRequiredMeansBitZeroUnset() {
    assertThat(names(query().creditRequired(true))).containsExactly("pg", "r");
    assertThat(names(query().creditRequired(false))).containsExactly("fav", "pg13", "unrated");
  }

  @Test
  void allowSellingMeansTheImageBitSet() {
    assertThat(names(query().allowSelling(true))).containsExactly("r", "unrated");
    assertThat(names(query().allowSelling(false))).containsExactly("fav", "pg", "pg13");
  }

  @Test
  void licenseFiltersCombine() {
    assertThat(names(query().creditRequired(true).allowSelling(true))).containsExactly("r");
  }
}
