package io.loramanager.api.access;

import static io.loramanager.api.access.AccessFiltersTest.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The start-up rule: exposed needs a token; loopback does not. (End to end: NetworkAccessIT.) */
class NetworkAccessTest {

  @Test
  void exposedWithoutATokenRefusesToStart() {
    NetworkAccess access = new NetworkAccess(config(null, List.of()), "0.0.0.0");

    assertThat(access.exposed()).isTrue();
    assertThat(access.unprotected()).isTrue();
    assertThatThrownBy(() -> access.refuseUnprotectedExposure(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Refusing to start: quarkus.http.host is '0.0.0.0', which other machines can reach,"
                + " and no API token is configured. Anyone on the network could rename and delete"
                + " your models. Set LM_API_TOKEN (lm.api-token) to a long random secret, or bind"
                + " to 127.0.0.1.");
  }

  @Test
  void aBlankTokenIsNoToken() {
    NetworkAccess access = new NetworkAccess(config(" \n", List.of()), "192.168.1.10");

    assertThat(access.token()).isEmpty();
    assertThatThrownBy(() -> access.refuseUnprotectedExposure(null))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void exposedWithATokenStartsAndTheTokenIsStripped() {
    NetworkAccess access = new NetworkAccess(config(" short\n", List.of()), "0.0.0.0");

    access.refuseUnprotectedExposure(null);

    assertThat(access.unprotected()).isFalse();
    assertThat(access.token()).hasValueSatisfying(t -> assertThat(t.matches("short")).isTrue());
  }

  @Test
  void loopbackWithoutATokenStarts() {
    NetworkAccess access = new NetworkAccess(config(null, List.of()), "127.0.0.1");

    access.refuseUnprotectedExposure(null);

    assertThat(access.exposed()).isFalse();
    assertThat(access.unprotected()).isFalse();
    assertThat(access.token()).isEmpty();
  }
}
