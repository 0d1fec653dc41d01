package io.loramanager.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Whether an address is on the public internet, as opposed to this machine or a private LAN. */
final class PublicAddresses {

  private PublicAddresses() {}

  static boolean isPublic(InetAddress address) {
    if (address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return false;
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = bytes[0] & 0xff;
      int second = bytes[1] & 0xff;
      // 0/8 "this network", 100.64/10 carrier-grade NAT, 198.18/15 benchmarking, 240/4 reserved.
      return first != 0
          && !(first == 100 && second >= 64 && second < 128)
          && !(first == 198 && (second == 18 || second == 19))
          && first < 240;
    }
    if (address instanceof Inet6Address) {
      // fc00::/7 unique local; ::ffff:a.b.c.d mapped addresses are judged as IPv4 by the JDK.
      return (bytes[0] & 0xfe) != 0xfc;
    }
    return false;
  }
}
