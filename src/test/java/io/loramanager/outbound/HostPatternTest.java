package io.loramanager.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostPatternTest {

  @ParameterizedTest(name = "{0} matches {1}: {2}")
  @CsvSource({
    "civitai.com, civitai.com, true",
    "civitai.com, CIVITAI.COM., true",
    "civitai.com, image.civitai.com, false",
    "*.civitai.com, image.civitai.com, true",
    "*.civitai.com, a.b.civitai.com, true",
    "*.civitai.com, civitai.com, false",
    "*.civitai.com, evilcivitai.com, false",
    "' Example.ORG ', example.org, true",
    "::1, [::1], true",
  })
  void matchesExactNamesAndSubDomains(String pattern, String host, boolean expected) {
    assertThat(new HostPattern(pattern).matches(host)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "*", "*.", "*civitai.com", "a.*.com", "civitai.*"})
  void refusesWhatIsNotAHostPattern(String pattern) {
    assertThatThrownBy(() -> new HostPattern(pattern))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Not a host pattern: '");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " "})
  void neverMatchesAnEmptyHost(String host) {
    assertThat(new HostPattern("*.civitai.com").matches(host.isBlank() ? null : host)).isFalse();
    assertThat(new HostPattern("civitai.com").matches("")).isFalse();
  }

  @org.junit.jupiter.api.Test
  void tellsExactFromWildcard() {
    assertThat(new HostPattern("civitai.com").exact()).isTrue();
    assertThat(new HostPattern("*.civitai.com").exact()).isFalse();
    assertThat(new HostPattern("*.civitai.com")).hasToString("*.civitai.com");
  }
}
