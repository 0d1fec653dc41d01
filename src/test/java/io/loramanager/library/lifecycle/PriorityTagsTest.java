package io.loramanager.library.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code priority_tags} entries: order, aliases, case, fallback. */
class PriorityTagsTest {

  @Test
  void theFirstEntryThatMatchesWinsNotTheFirstTag() {
    PriorityTags tags = PriorityTags.parse("character, style, anime");

    assertThat(tags.resolve(List.of("anime", "Style"))).isEqualTo("style");
  }

  @Test
  void aliasesSelectTheirCanonicalSpelling() {
    PriorityTags tags = PriorityTags.parse("Celebrity(celeb|famous),\nStyle(toon|toon_style)");

    assertThat(tags.resolve(List.of("toon_style"))).isEqualTo("Style");
    assertThat(tags.resolve(List.of("CELEB"))).isEqualTo("Celebrity");
  }

  @Test
  void withoutAMatchTheFirstNonBlankTagIsUsed() {
    PriorityTags tags = PriorityTags.parse("character");

    assertThat(tags.resolve(List.of(" ", " cute ", "style"))).isEqualTo("cute");
    assertThat(tags.resolve(List.of())).isNull();
  }

  @Test
  void duplicateAndMalformedEntriesAreTakenAsTheReferenceDoes() {
    PriorityTags tags = PriorityTags.parse("style(a), Style(b), odd(entry, , ");

    assertThat(tags.resolve(List.of("b"))).isEqualTo("b");
    assertThat(tags.resolve(List.of("a"))).isEqualTo("style");
    assertThat(tags.resolve(List.of("oddentry", "x"))).isEqualTo("oddentry");
  }
}
