package io.loramanager.recipe.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The fingerprint of anchor-recipes §1.6. */
class FingerprintTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String of(String loras) throws Exception {
    return Fingerprint.of(JSON.readTree(loras));
  }

  @Test
  void pairsHashAndRoundedStrengthSortedAndJoined() throws Exception {
    assertThat(
            of(
                "[{\"hash\":\"BBB\",\"strength\":0.756},{\"hash\":\"aaa\",\"strength\":1},"
                    + "{\"hash\":\"\",\"modelVersionId\":42,\"weight\":0.5}]"))
        .isEqualTo("42:0.5|aaa:1.0|bbb:0.76");
  }

  @Test
  void excludedAndUnidentifiedLorasAreLeftOut() throws Exception {
    assertThat(
            of(
                "[{\"hash\":\"a\",\"exclude\":true},{\"hash\":\"\",\"modelVersionId\":0},"
                    + "{\"hash\":\"b\"}]"))
        .isEqualTo("b:1.0");
  }

  @Test
  void strengthsThatAreNotNumbersCountAsOne() throws Exception {
    assertThat(of("[{\"hash\":\"a\",\"strength\":\"x\"},{\"hash\":\"b\",\"strength\":\"0.25\"}]"))
        .isEqualTo("a:1.0|b:0.25");
  }

  @Test
  void noLorasGiveAnEmptyFingerprint() throws Exception {
    assertThat(of("[]")).isEmpty();
    assertThat(Fingerprint.of(null)).isEmpty();
    assertThat(of("{}")).isEmpty();
  }

  @Test
  void roundingIsPythonsOnTheExactBinaryValue() {
    assertThat(Fingerprint.pythonFloat(0.125)).isEqualTo("0.12");
    assertThat(Fingerprint.pythonFloat(0.675)).isEqualTo("0.68");
    assertThat(Fingerprint.pythonFloat(2)).isEqualTo("2.0");
    assertThat(Fingerprint.pythonFloat(Double.NaN)).isEqualTo("1.0");
  }
}
