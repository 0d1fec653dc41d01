package io.loramanager.library.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FirstLetterTest {

  @Test
  void latinLettersAreUpperCased() {
    assertThat(FirstLetter.of("apple")).isEqualTo("A");
    assertThat(FirstLetter.of("Zed")).isEqualTo("Z");
  }

  @Test
  void digitsAreHash() {
    assertThat(FirstLetter.of("3d style")).isEqualTo("#");
    assertThat(FirstLetter.of("0")).isEqualTo(FirstLetter.DIGIT);
  }

  @Test
  void cjkScriptsAreOneBucket() {
    assertThat(FirstLetter.of("漢字")).isEqualTo("漢");
    assertThat(FirstLetter.of("ひらがな")).isEqualTo("漢");
    assertThat(FirstLetter.of("カタカナ")).isEqualTo("漢");
    assertThat(FirstLetter.of("한국어")).isEqualTo("漢");
  }

  @Test
  void anythingElseIsAt() {
    assertThat(FirstLetter.of("_x")).isEqualTo("@");
    assertThat(FirstLetter.of(" a")).isEqualTo("@");
    assertThat(FirstLetter.of("[tag]")).isEqualTo("@");
    assertThat(FirstLetter.of("")).isEqualTo("@");
    assertThat(FirstLetter.of(null)).isEqualTo("@");
  }
}
