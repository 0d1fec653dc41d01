package io.loramanager.api.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BindAddressTest {

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost", " 127.0.0.1 "})
  void loopbackAddressesStayLocal(String host) {
    assertThat(BindAddress.isLoopback(host)).isTrue();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {"0.0.0.0", "::", "[::]", "192.168.1.10", "10.0.0.1", "no-such-host.invalid"})
  void everythingElseIsExposed(String host) {
    assertThat(BindAddress.isLoopback(host)).isFalse();
  }
}
