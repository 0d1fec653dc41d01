package io.loramanager.api.access;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether the address the server listens on can be reached from other machines. */
public final class BindAddress {

  private BindAddress() {}

  /**
   * True when every address {@code host} stands for is a loopback address ({@code 127.0.0.1},
   * {@code ::1}, {@code localhost}). A wildcard ({@code 0.0.0.0}), a LAN address, or a name that
   * does not resolve counts as exposed.
   */
  public static boolean isLoopback(String host) {
    if (host == null || host.isBlank()) {
      return false;
    }
    String name = host.strip();
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    try {
      InetAddress[] addresses = InetAddress.getAllByName(name);
      for (InetAddress address : addresses) {
        if (!address.isLoopbackAddress()) {
          return false;
        }
      }
      return addresses.length > 0;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
