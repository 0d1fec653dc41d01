package io.loramanager.api.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorsOriginsTest {

  @Test
  void noOriginsMeansCorsIsOff() {
    CorsOrigins none = new CorsOrigins(List.of());

    assertThat(none.enabled()).isFalse();
    assertThat(none.allows("http://a.example")).isFalse();
    assertThat(new CorsOrigins(List.of(" ", "")).enabled()).isFalse();
  }

  @Test
  void listedOriginsAreAllowedIgnoringCaseAndTrailingSlash() {
    CorsOrigins origins = new CorsOrigins(List.of("http://A.example:8188/", " https://b.example"));

    assertThat(origins.enabled()).isTrue();
    assertThat(origins.allows("http://a.example:8188")).isTrue();
    assertThat(origins.allows("HTTPS://B.EXAMPLE")).isTrue();
    assertThat(origins.allows("http://a.example")).isFalse();
    assertThat(origins.allows("https://a.example:8188")).isFalse();
    assertThat(origins.allows("http://b.example")).isFalse();
    assertThat(origins.allows(null)).isFalse();
    assertThat(origins.allows("null")).isFalse();
  }

  @Test
  void starAllowsAnyRealOrigin() {
    CorsOrigins any = new CorsOrigins(List.of("*"));

    assertThat(any.allows("http://anything.example")).isTrue();
    assertThat(any.allows("null")).isFalse();
    assertThat(any.allows("")).isFalse();
  }
}
