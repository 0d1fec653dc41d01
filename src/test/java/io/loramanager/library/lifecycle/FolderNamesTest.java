package io.loramanager.library.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code sanitize_folder_name}: the reference's golden map, then its properties. */
class FolderNamesTest {

  @ParameterizedTest(name = "[{0}] -> [{1}]")
  @CsvSource(
      delimiter = '|',
      ignoreLeadingAndTrailingWhitespace = false,
      value = {
        "''|''",
        "'   spaces   '|spaces",
        "___underscores___|underscores",
        "folder with spaces|folder with spaces",
        "folder/with/slashes|folder_with_slashes",
        "a*b|a_b",
        "a<b>c|a_b_c",
        "a?b|a_b",
        "a\\b|a_b",
        "'a\"b'|a_b",
        "a:b|a_b",
        "folder.with.dots|folder.with.dots",
        "normal_folder|normal_folder",
        "name. . .|name",
        "a**//b|a_b",
        "'***'|unnamed",
        ".hidden|.hidden"
      })
  void sanitizeMatchesTheReference(String name, String expected) {
    assertThat(FolderNames.sanitize(name)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"'a\tb',a_b", "'a\u0001\u0002b',a_b"})
  void controlCharactersBecomeOneUnderscore(String name, String expected) {
    assertThat(FolderNames.sanitize(name)).isEqualTo(expected);
  }

  @Property
  void sanitizeIsIdempotent(@ForAll @StringLength(max = 30) String name) {
    String once = FolderNames.sanitize(name);
    assertThat(FolderNames.sanitize(once)).isEqualTo(once);
  }

  @Property
  void sanitizedNamesHoldNoForbiddenCharacter(@ForAll @StringLength(max = 30) String name) {
    assertThat(FolderNames.sanitize(name)).doesNotContainPattern("[<>:\"/\\\\|?*\\x00-\\x1f]");
  }
}
