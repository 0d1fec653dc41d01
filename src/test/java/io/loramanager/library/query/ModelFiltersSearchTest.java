package io.loramanager.library.query;

import static io.loramanager.testsupport.Entries.entry;
import static io.loramanager.testsupport.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.testsupport.Queries;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Text search, fuzzy search, name patterns and the first letter. */
class ModelFiltersSearchTest {

  private static final List<ModelEntry> LIBRARY =
      List.of(
          entry("cyber_city_v2").modelName("Neon Nights").tags("Cyberpunk").build(),
          entry("portrait_pro")
              .modelName("Realistic Portrait")
              .civitai(1L, 2L, "v1", "Alice")
              .build(),
          entry("anime_lines")
              .modelName("Clean Lines")
              .tags("anime")
              .civitai(3L, 4L, "v1", "bob")
              .build(),
          entry("weird [v2]").modelName("Zeta").build());

  private static List<String> names(Queries q, boolean fileNames) {
    return LIBRARY.stream()
        .map(e -> QueryRow.of(ModelType.LORA, e))
        .filter(ModelFilters.of(q.build(), false, fileNames))
        .map(r -> r.entry().fileName())
        .toList();
  }

  private static List<String> names(Queries q) {
    return names(q, false);
  }

  @Test
  void searchLooksAtFileAndModelNameByDefaultIgnoringCase() {
    assertThat(names(query().search("CITY"))).containsExactly("cyber_city_v2");
    assertThat(names(query().search("neon"))).containsExactly("cyber_city_v2");
    assertThat(names(query().search("  portrait  "))).containsExactly("portrait_pro");
  }

  @Test
  void searchSkipsTagsAndCreatorUnlessAsked() {
    assertThat(names(query().search("cyberpunk"))).isEmpty();
    assertThat(names(query().search("alice"))).isEmpty();
    assertThat(names(query().search("cyberpunk").searchFields(false, false, true, false)))
        .containsExactly("cyber_city_v2");
    assertThat(names(query().search("ALICE").searchFields(false, false, false, true)))
        .containsExactly("portrait_pro");
  }

  @Test
  void searchOnlyInTheChosenFields() {
    assertThat(names(query().search("neon").searchFields(true, false, false, false))).isEmpty();
    assertThat(names(query().search("portrait_pro").searchFields(false, true, false, false)))
        .isEmpty();
  }

  @Test
  void aBlankSearchFiltersNothing() {
    assertThat(names(query().search("   "))).hasSize(LIBRARY.size());
  }

  @Test
  void normalSearchIsOneSubstringNotWords() {
    assertThat(names(query().search("realistic portrait"))).containsExactly("portrait_pro");
    assertThat(names(query().search("portrait realistic"))).isEmpty();
  }

  @Test
  void fuzzySearchMatchesWordsInAnyOrderAndCloseSpellings() {
    assertThat(names(query().search("portrait realistic").fuzzy(true)))
        .containsExactly("portrait_pro");
    assertThat(names(query().search("realisitc").fuzzy(true))).containsExactly("portrait_pro");
    assertThat(names(query().search("realisitc").fuzzy(false))).isEmpty();
  }

  @Test
  void namePatternsIncludeAnyOnModelOrFileName() {
    assertThat(names(query().namePatterns(List.of("NEON", "lines"), List.of(), false)))
        .containsExactly("cyber_city_v2", "anime_lines");
  }

  @Test
  void namePatternExcludeWinsOverInclude() {
    assertThat(names(query().namePatterns(List.of("_"), List.of("anime"), false)))
        .containsExactly("cyber_city_v2", "portrait_pro");
  }

  @Test
  void namePatternRegexesIgnoreCase() {
    assertThat(names(query().namePatterns(List.of("^(neon|clean) "), List.of(), true)))
        .containsExactly("cyber_city_v2", "anime_lines");
  }

  @Test
  void aBadRegexFallsBackToSubstring() {
    assertThat(names(query().namePatterns(List.of("[v2"), List.of(), true)))
        .containsExactly("weird [v2]");
    assertThat(names(query().namePatterns(List.of(), List.of("[V2"), true)))
        .containsExactly("cyber_city_v2", "portrait_pro", "anime_lines");
  }

  @Test
  void firstLetterUsesTheDisplayName() {
    assertThat(names(query().firstLetter("Z"))).containsExactly("weird [v2]");
    assertThat(names(query().firstLetter("W"), true)).containsExactly("weird [v2]");
    assertThat(names(query().firstLetter("R"))).containsExactly("portrait_pro");
    assertThat(names(query().firstLetter("#"))).isEmpty();
  }
}
