package io.loramanager.library.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.loramanager.errors.LmException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SortSpecTest {

  @Test
  void absentOrBlankIsNameAscending() {
    assertThat(SortSpec.parse(null)).isEqualTo(SortSpec.NAME);
    assertThat(SortSpec.parse("  ")).isEqualTo(SortSpec.NAME);
    assertThat(SortSpec.NAME).isEqualTo(new SortSpec(SortSpec.Key.NAME, false, null));
  }

  @Test
  void eachKeyParsesAscendingByDefault() {
    assertThat(SortSpec.parse("name")).isEqualTo(new SortSpec(SortSpec.Key.NAME, false, null));
    assertThat(SortSpec.parse("date")).isEqualTo(new SortSpec(SortSpec.Key.DATE, false, null));
    assertThat(SortSpec.parse("size")).isEqualTo(new SortSpec(SortSpec.Key.SIZE, false, null));
    assertThat(SortSpec.parse("usage")).isEqualTo(new SortSpec(SortSpec.Key.USAGE, false, null));
    assertThat(SortSpec.parse("versions_count"))
        .isEqualTo(new SortSpec(SortSpec.Key.VERSIONS_COUNT, false, null));
  }

  @Test
  void orderSuffixesIgnoreCaseAndSurroundingSpace() {
    assertThat(SortSpec.parse("date:desc")).isEqualTo(new SortSpec(SortSpec.Key.DATE, true, null));
    assertThat(SortSpec.parse(" SIZE:DESC "))
        .isEqualTo(new SortSpec(SortSpec.Key.SIZE, true, null));
    assertThat(SortSpec.parse("Name:Asc")).isEqualTo(new SortSpec(SortSpec.Key.NAME, false, null));
  }

  @Test
  void randomTakesTheRestAsSeed() {
    assertThat(SortSpec.parse("random:42"))
        .isEqualTo(new SortSpec(SortSpec.Key.RANDOM, false, "42"));
    assertThat(SortSpec.parse("random:a:b"))
        .isEqualTo(new SortSpec(SortSpec.Key.RANDOM, false, "a:b"));
    assertThat(SortSpec.parse("random:desc"))
        .isEqualTo(new SortSpec(SortSpec.Key.RANDOM, false, "desc"));
  }

  @Test
  void randomWithoutSeedUsesTheSeedRandom() {
    assertThat(SortSpec.parse("random"))
        .isEqualTo(new SortSpec(SortSpec.Key.RANDOM, false, "random"));
    assertThat(SortSpec.parse("random:"))
        .isEqualTo(new SortSpec(SortSpec.Key.RANDOM, false, "random"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bogus", "name:up", "date:", "size:descending", ":asc", "names"})
  void anInvalidValueIsBadInputNamingIt(String raw) {
    LmException e = catchThrowableOfType(LmException.class, () -> SortSpec.parse(raw));

    assertThat(e.kind()).isEqualTo(LmException.Kind.BAD_INPUT);
    assertThat(e)
        .hasMessage(
            "Invalid sort_by '"
                + raw
                + "': use name, date, size, usage, versions_count or random, with :asc or :desc"
                + " (random takes :seed)");
  }
}
