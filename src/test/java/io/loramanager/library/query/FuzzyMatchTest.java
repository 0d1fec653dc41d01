package io.loramanager.library.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FuzzyMatchTest {

  /** Expected values printed by {@code difflib.SequenceMatcher(None, a, b).ratio()}. */
  @ParameterizedTest(name = "ratio({0}, {1}) = {2}")
  @CsvSource({
    "abcd, abxd, 0.75",
    "lightning, lightening, 0.9473684210526315",
    "flux, flux1, 0.8888888888888888",
    "portrait, potrait, 0.9333333333333333",
    "anime, animal, 0.7272727272727273",
    "abc, xyz, 0.0",
    "tokyo, kyoto, 0.6",
    "style, stlye, 0.8",
    "realistic, realism, 0.75",
    "qabxcd, abycdf, 0.6666666666666666",
    "abab, baba, 0.75",
    "aaab, abaa, 0.5",
    "xyzabcxyz, abcxyzabc, 0.6666666666666666",
    "ababab, bababa, 0.8333333333333334",
    "realistic, realisitc, 0.8888888888888888",
    "GenerateRandomString, randomstringgenerator, 0.3902439024390244",
  })
  void ratioEqualsPythonDifflib(String a, String b, double expected) {
    assertThat(FuzzyMatch.ratio(a, b)).isEqualTo(expected);
  }

  @Test
  void ratioOfEmptyStrings() {
    assertThat(FuzzyMatch.ratio("", "")).isEqualTo(1.0);
    assertThat(FuzzyMatch.ratio("a", "")).isEqualTo(0.0);
  }

  @Test
  void aQueryWordThatIsASubstringMatches() {
    assertThat(FuzzyMatch.matches("cyberpunk city style", new String[] {"punk"})).isTrue();
  }

  @Test
  void aQueryWordAtLeast85PercentSimilarToATextWordMatches() {
    // ratio("realisitc", "realistic") = 0.888…
    assertThat(FuzzyMatch.matches("ultra realistic skin", new String[] {"realisitc"})).isTrue();
  }

  @Test
  void aQueryWordBelowTheThresholdDoesNotMatch() {
    // ratio("stlye", "style") = 0.8
    assertThat(FuzzyMatch.matches("anime style", new String[] {"stlye"})).isFalse();
  }

  @Test
  void everyQueryWordMustMatch() {
    String text = "ultra realistic portrait";
    assertThat(FuzzyMatch.matches(text, new String[] {"potrait", "realistic"})).isTrue();
    assertThat(FuzzyMatch.matches(text, new String[] {"potrait", "anime"})).isFalse();
  }
}
