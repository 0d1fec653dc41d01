package io.loramanager.library.query;

import static io.loramanager.testsupport.Entries.entry;
import static io.loramanager.testsupport.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.testsupport.Queries;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelFiltersFolderTest {

  private static final List<ModelEntry> LIBRARY =
      List.of(
          entry("root").build(),
          entry("a/in-a").build(),
          entry("a/b/in-ab").build(),
          entry("a/b/c/in-abc").build(),
          entry("ab/in-ab-sibling").build(),
          entry("x/in-x").build());

  private static List<String> names(Queries q) {
    return LIBRARY.stream()
        .map(e -> QueryRow.of(ModelType.LORA, e))
        .filter(ModelFilters.of(q.build(), false, false))
        .map(r -> r.entry().fileName())
        .toList();
  }

  @Test
  void aRecursiveFolderKeepsItAndEverythingBelowButNotASiblingPrefix() {
    assertThat(names(query().folder("a", true))).containsExactly("in-a", "in-ab", "in-abc");
  }

  @Test
  void aNonRecursiveFolderKeepsOnlyThatFolder() {
    assertThat(names(query().folder("a/b", false))).containsExactly("in-ab");
  }

  @Test
  void slashesAroundTheFolderAreIgnored() {
    assertThat(names(query().folder("/a/b/", true))).containsExactly("in-ab", "in-abc");
    assertThat(names(query().folder("a\\b", false))).containsExactly("in-ab");
  }

  @Test
  void anEmptyFolderKeepsEverything() {
    assertThat(names(query().folder("", true))).hasSize(LIBRARY.size());
    assertThat(names(query().folder("", false))).hasSize(LIBRARY.size());
  }

  @Test
  void theRootFolderAloneNonRecursivelyViaFolderInclude() {
    assertThat(names(query().folderInclude("").recursive(false))).containsExactly("root");
    assertThat(names(query().folderInclude("/").recursive(true))).hasSize(LIBRARY.size());
  }

  @Test
  void folderIncludeIsTheUnionOfItsFolders() {
    assertThat(names(query().folderInclude("a/b", "x"))).containsExactly("in-ab", "in-abc", "in-x");
    assertThat(names(query().folderInclude("a/b", "x").recursive(false)))
        .containsExactly("in-ab", "in-x");
  }

  @Test
  void folderExcludeDropsTheFolderAndEverythingBelowAlways() {
    assertThat(names(query().folderExclude("a/b")))
        .containsExactly("root", "in-a", "in-ab-sibling", "in-x");
    assertThat(names(query().folderExclude("a/b").recursive(false)))
        .as("exclusion is recursive whatever 'recursive' says")
        .containsExactly("root", "in-a", "in-ab-sibling", "in-x");
  }

  @Test
  void excludeWinsOverIncludeAndFolder() {
    assertThat(names(query().folder("a", true).folderExclude("a/b/c")))
        .containsExactly("in-a", "in-ab");
    assertThat(names(query().folderInclude("a").folderExclude("a"))).isEmpty();
  }

  @Test
  void folderMatchingIsCaseSensitive() {
    assertThat(names(query().folder("A", true))).isEmpty();
  }
}
