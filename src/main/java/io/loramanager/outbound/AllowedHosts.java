package io.loramanager.outbound;

import io.loramanager.settings.LmConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which hosts the server may fetch from ({@code lm.download-hosts}), which of them are Civitai (the
 * only hosts that may see the API key), and which were named exactly by the user (and so may live
 * on a private network).
 */
@ApplicationScoped
public class AllowedHosts {

  /** Civitai's own sites: the API key is sent to these and to the configured API host only. */
  static final Set<String> CIVITAI_HOSTS =
      Set.of(
          "civitai.com",
          "www.civitai.com",
          "civitai.red",
          "www.civitai.red",
          "civitai.green",
          "www.civitai.green");

  /**
   * Hosts reachable when {@code lm.download-hosts} is unset: Civitai, its image hosts, and the R2
   * storage its download links redirect to.
   */
  static final List<String> DEFAULT_DOWNLOAD_HOSTS =
      Stream.concat(
              CIVITAI_HOSTS.stream().sorted(),
              Stream.of(
                  "*.civitai.com",
                  "*.civitai.red",
                  "*.civitai.green",
                  "*.r2.cloudflarestorage.com"))
          .toList();

  private final List<HostPattern> allowed;
  private final Set<String> trusted;
  private final String apiHost;

  @Inject
  public AllowedHosts(LmConfig config) {
    this.apiHost = HostPattern.normalize(String.valueOf(config.civitai().apiUrl().getHost()));
    List<HostPattern> patterns = new ArrayList<>();
    config.downloadHosts().orElse(DEFAULT_DOWNLOAD_HOSTS).stream()
        .filter(host -> !host.isBlank())
        .map(HostPattern::new)
        .forEach(patterns::add);
    patterns.add(new HostPattern(apiHost));
    this.allowed = patterns.stream().distinct().toList();
    // Only names the user typed (and the API host they configured) may resolve to private
    // addresses: a wildcard or a default entry resolving there is a rebinding attack, not a mirror.
    this.trusted =
        Stream.concat(
                config.downloadHosts().orElse(List.of()).stream()
                    .filter(host -> !host.isBlank())
                    .map(HostPattern::new)
                    .filter(HostPattern::exact)
                    .map(HostPattern::pattern),
                Stream.of(apiHost))
            .collect(Collectors.toUnmodifiableSet());
  }

  /** True for an http(s) URL whose host is on the allowed list. */
  public boolean allows(URI url) {
    if (url == null || !isHttp(url) || url.getHost() == null) {
      return false;
    }
    return allowed.stream().anyMatch(pattern -> pattern.matches(url.getHost()));
  }

  /** True when the URL's host is Civitai's (or the configured API host): it may see the key. */
  public boolean isCivitai(URI url) {
    if (url == null || url.getHost() == null || !isHttp(url)) {
      return false;
    }
    String host = HostPattern.normalize(url.getHost());
    return CIVITAI_HOSTS.contains(host) || host.equals(apiHost);
  }

  /** True when the user named this host exactly, so a private address is what they meant. */
  public boolean trusted(String host) {
    return host != null && trusted.contains(HostPattern.normalize(host));
  }

  /** The allowed list as configured, for error messages and docs. */
  public List<String> patterns() {
    return allowed.stream().map(HostPattern::pattern).toList();
  }

  private static boolean isHttp(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    return scheme.equals("http") || scheme.equals("https");
  }
}
