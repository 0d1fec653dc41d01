package io.loramanager.api.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiTokenTest {

  private final ApiToken token = new ApiToken("s3cret-token");

  @Test
  void matchesOnlyTheExactToken() {
    assertThat(token.matches("s3cret-token")).isTrue();
    assertThat(token.matches("s3cret-tokeN")).isFalse();
    assertThat(token.matches("s3cret-token ")).isFalse();
    assertThat(token.matches("s3cret")).isFalse();
    assertThat(token.matches("")).isFalse();
    assertThat(token.matches(null)).isFalse();
  }

  @Test
  void nonAsciiTokensCompareByTheirUtf8Bytes() {
    ApiToken unicode = new ApiToken("clé-🔑");

    assertThat(unicode.matches("clé-🔑")).isTrue();
    assertThat(unicode.matches("cle-🔑")).isFalse();
  }

  @Test
  void anEmptyTokenCannotBeConfigured() {
    assertThatThrownBy(() -> new ApiToken("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void itsTextNeverShowsTheToken() {
    assertThat(token.toString()).isEqualTo("ApiToken[****]");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"Bearer abc", "bearer abc", "BEARER abc", "  Bearer   abc  ", "Bearer\tabc"})
  void bearerHeaderGivesItsToken(String header) {
    assertThat(ApiToken.bearer(header)).contains("abc");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "Bearer", "Bearer ", "Bearerabc", "Basic YWxhZGRpbg==", "abc"})
  void anythingElseIsNoBearerToken(String header) {
    assertThat(ApiToken.bearer(header)).isEqualTo(Optional.empty());
  }
}
