package io.loramanager.library.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {

  private static final NaturalOrder ORDER = NaturalOrder.INSTANCE;

  private static List<String> sorted(String... values) {
    List<String> list = new ArrayList<>(List.of(values));
    list.sort(ORDER);
    return list;
  }

  @Test
  void digitRunsCompareByValue() {
    assertThat(ORDER.compare("v2", "v10")).isNegative();
    assertThat(ORDER.compare("v10", "v2")).isPositive();
    assertThat(sorted("file10", "file9", "file1", "file100"))
        .containsExactly("file1", "file9", "file10", "file100");
  }

  @Test
  void equalValuesWithLeadingZerosOrderFewerZerosFirst() {
    assertThat(ORDER.compare("v7", "v007")).isNegative();
    assertThat(ORDER.compare("v007", "v07")).isPositive();
    assertThat(sorted("a010", "a9", "a10", "a0010")).containsExactly("a9", "a10", "a010", "a0010");
  }

  @Test
  void leadingZerosDoNotChangeTheValue() {
    assertThat(ORDER.compare("v002", "v10")).isNegative();
    assertThat(ORDER.compare("v0", "v00")).isNegative();
  }

  @Test
  void numbersLongerThanALongCompareCorrectly() {
    assertThat(ORDER.compare("x99999999999999999999999", "x100000000000000000000000")).isNegative();
    assertThat(ORDER.compare("x123456789012345678901", "x123456789012345678902")).isNegative();
  }

  @Test
  void textComparesByCharacterAndPrefixesFirst() {
    assertThat(ORDER.compare("abc", "abd")).isNegative();
    assertThat(ORDER.compare("ab", "abc")).isNegative();
    assertThat(ORDER.compare("", "a")).isNegative();
    assertThat(ORDER.compare("style v2", "style v2 final")).isNegative();
  }

  @Test
  void onlyEqualStringsCompareEqual() {
    assertThat(ORDER.compare("a1b", "a1b")).isZero();
    assertThat(ORDER.compare("a01", "a1")).isNotZero();
    assertThat(ORDER.compare("", "")).isZero();
  }

  @Test
  void digitsSortAgainstOtherCharactersByCharacterCode() {
    assertThat(sorted("b", "10", "_x", "2", " a")).containsExactly(" a", "2", "10", "_x", "b");
  }

  @Test
  void aMixedListSortsNaturally() {
    assertThat(sorted("img12.png", "img10.png", "IMG3.png", "img2.png", "img1.png"))
        .containsExactly("IMG3.png", "img1.png", "img2.png", "img10.png", "img12.png");
  }
}
