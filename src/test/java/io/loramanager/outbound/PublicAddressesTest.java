package io.loramanager.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublicAddressesTest {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "93.184.216.34, true",
    "8.8.8.8, true",
    "2606:4700::6810:85e5, true",
    "127.0.0.1, false",
    "127.0.0.2, false",
    "0.0.0.0, false",
    "0.1.2.3, false",
    "10.1.2.3, false",
    "172.16.0.1, false",
    "192.168.1.1, false",
    "169.254.169.254, false",
    "100.64.0.1, false",
    "100.127.255.255, false",
    "100.128.0.1, true",
    "198.18.0.1, false",
    "198.20.0.1, true",
    "224.0.0.1, false",
    "240.0.0.1, false",
    "255.255.255.255, false",
    "::1, false",
    "::, false",
    "fe80::1, false",
    "fd00::1, false",
    "fc00::1, false",
    "::ffff:127.0.0.1, false",
    "::ffff:169.254.169.254, false",
    "ff02::1, false",
  })
  void tellsPublicFromLocalAndPrivate(String address, boolean expected)
      throws UnknownHostException {
    assertThat(PublicAddresses.isPublic(InetAddress.getByName(address))).isEqualTo(expected);
  }
}
