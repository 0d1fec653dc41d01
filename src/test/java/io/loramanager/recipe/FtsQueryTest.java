package io.loramanager.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The FTS5 expressions of anchor-recipes §3.6, with the split-word quirk fixed. */
class FtsQueryTest {

  @Test
  void withoutFieldsEveryWordMustMatchSomewhere() {
    assertThat(FtsQuery.build("Cute Cat", Set.of())).isEqualTo("\"cute\"* AND \"cat\"*");
  }

  @Test
  void withFieldsAllWordsMatchWithinOneSelectedColumn() {
    assertThat(FtsQuery.build("cute cat", EnumSet.of(FtsQuery.Field.TITLE, FtsQuery.Field.PROMPT)))
        .isEqualTo(
            "(title:\"cute\"* AND title:\"cat\"*) OR (prompt:\"cute\"* AND prompt:\"cat\"*) OR"
                + " (negative_prompt:\"cute\"* AND negative_prompt:\"cat\"*)");
  }

  @Test
  void syntaxCharactersSplitWordsAndEveryPartKeepsTheColumn() {
    assertThat(FtsQuery.build("foo-bar", EnumSet.of(FtsQuery.Field.TAGS)))
        .isEqualTo("(tags:\"foo\"* AND tags:\"bar\"*)");
    assertThat(FtsQuery.build("\"(a)*:^{b}[c]\"", Set.of()))
        .isEqualTo("\"a\"* AND \"b\"* AND \"c\"*");
  }

  @Test
  void aSearchWithoutWordsIsNoSearch() {
    assertThat(FtsQuery.build("  -  ", Set.of())).isNull();
    assertThat(FtsQuery.build(null, Set.of())).isNull();
  }

  @Test
  void sortParsing() {
    assertThat(RecipeQueryService.Sort.parse(null))
        .isEqualTo(new RecipeQueryService.Sort("date", true, null));
    assertThat(RecipeQueryService.Sort.parse("name"))
        .isEqualTo(new RecipeQueryService.Sort("name", false, null));
    assertThat(RecipeQueryService.Sort.parse("name:desc"))
        .isEqualTo(new RecipeQueryService.Sort("name", true, null));
    assertThat(RecipeQueryService.Sort.parse("date:asc"))
        .isEqualTo(new RecipeQueryService.Sort("date", false, null));
    assertThat(RecipeQueryService.Sort.parse("random:42"))
        .isEqualTo(new RecipeQueryService.Sort("random", false, "42"));
    assertThat(RecipeQueryService.Sort.parse("bogus"))
        .isEqualTo(new RecipeQueryService.Sort("date", true, null));
  }
}
