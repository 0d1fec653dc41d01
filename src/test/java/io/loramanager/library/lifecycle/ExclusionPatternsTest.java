package io.loramanager.library.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code auto_organize_exclusions}: Python's fnmatch on POSIX, over three spellings of a path. */
class ExclusionPatternsTest {

  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource({
    "*.safetensors, a.safetensors, true",
    "*, a/b/c, true",
    "a?c, abc, true",
    "a?c, a/c, true",
    "a?c, ac, false",
    "[abc]x, bx, true",
    "[!abc]x, bx, false",
    "[!abc]x, dx, true",
    "[a-c]x, bx, true",
    "[]]x, ]x, true",
    "[x, [x, true",
    "a.b, aXb, false",
    "A*, a, false",
    "wip/*, wip/draft.safetensors, true",
    "(x)+, (x)+, true"
  })
  void globsMatchAsFnmatchDoes(String glob, String text, boolean matches) {
    assertThat(ExclusionPatterns.compile(glob).matcher(text).matches()).isEqualTo(matches);
  }

  @Test
  void aModelIsExcludedByItsNameItsRootRelativePathOrItsFullPath() {
    ExclusionPatterns patterns = ExclusionPatterns.of(List.of("keep_*", "wip/*; /lib/x/*"));

    assertThat(patterns.excludes("keep_1.pt", "a/keep_1.pt", "/lib/a/keep_1.pt")).isTrue();
    assertThat(patterns.excludes("d.pt", "wip/d.pt", "/lib/wip/d.pt")).isTrue();
    assertThat(patterns.excludes("e.pt", "x/e.pt", "/lib/x/e.pt")).isTrue();
    assertThat(patterns.excludes("e.pt", "y/e.pt", "/lib/y/e.pt")).isFalse();
  }

  @Test
  void itemsAreSplitTrimmedAndDeduplicated() {
    ExclusionPatterns patterns =
        ExclusionPatterns.of(List.of(" a , b\nc ", "a", "  ", "win\\style\\*"));

    assertThat(patterns.globs()).containsExactly("a", "b", "c", "win/style/*");
    assertThat(ExclusionPatterns.of(List.of(" ", "")).isEmpty()).isTrue();
  }
}
