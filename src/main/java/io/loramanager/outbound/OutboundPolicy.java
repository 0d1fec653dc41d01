package io.loramanager.outbound;

import io.loramanager.errors.LmException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * The check every outbound URL passes before a connection is made, and again on every redirect:
 * http(s) only, an allowed host, and (unless the user named the host exactly) only public
 * addresses. Resolution happens here and again in the HTTP client, so a host whose DNS answer
 * changes in between can slip through; allowed lists keep that window to hosts the user chose.
 */
@ApplicationScoped
public class OutboundPolicy {

  private final AllowedHosts hosts;

  @Inject
  public OutboundPolicy(AllowedHosts hosts) {
    this.hosts = hosts;
  }

  /** Parses a URL taken from a request; 400 when it is not an absolute http(s) URL. */
  public URI parse(String url) {
    if (url == null || url.isBlank()) {
      throw LmException.badInput("URL is required");
    }
    try {
      URI uri = new URI(url.trim());
      String scheme = uri.getScheme();
      if (scheme == null
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || uri.getHost() == null) {
        throw LmException.badInput("Not an http(s) URL: " + url);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw LmException.badInput("Not a valid URL: " + url);
    }
  }

  /** Refuses (400) a URL the server must not reach; returns it otherwise. */
  public URI requireReachable(URI url) {
    if (!hosts.allows(url)) {
      throw LmException.badInput(
          "Host '"
              + url.getHost()
              + "' is not an allowed download host (allowed: "
              + String.join(", ", hosts.patterns())
              + "; see LM_DOWNLOAD_HOSTS)");
    }
    if (!hosts.trusted(url.getHost())) {
      requirePublic(url.getHost());
    }
    return url;
  }

  private void requirePublic(String host) {
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw LmException.unavailable("Cannot resolve host '" + host + "'");
    }
    for (InetAddress address : addresses) {
      if (!PublicAddresses.isPublic(address)) {
        throw LmException.badInput(
            "Refusing to connect to '"
                + host
                + "': it resolves to a private, loopback or link-local address");
      }
    }
  }
}
