package io.loramanager.outbound;

import java.util.Locale;

/**
 * One entry of an allowed-host list: an exact host name ({@code civitai.com}) or a wildcard for its
 * sub-domains ({@code *.civitai.com}, which does not match {@code civitai.com} itself). Matching
 * ignores case and a trailing dot.
 */
public record HostPattern(String pattern) {

  public HostPattern {
    pattern = normalize(pattern);
    if (pattern.isEmpty() || pattern.equals("*.") || pattern.indexOf('*', 1) >= 0) {
      throw new IllegalArgumentException("Not a host pattern: '" + pattern + "'");
    }
    if (pattern.startsWith("*") && !pattern.startsWith("*.")) {
      throw new IllegalArgumentException("Not a host pattern: '" + pattern + "'");
    }
  }

  /** True when this is an exact host, not a wildcard. */
  public boolean exact() {
    return !pattern.startsWith("*.");
  }

  public boolean matches(String host) {
    if (host == null || host.isEmpty()) {
      return false;
    }
    String name = normalize(host);
    return exact() ? name.equals(pattern) : name.endsWith(pattern.substring(1));
  }

  static String normalize(String host) {
    String name = host.trim().toLowerCase(Locale.ROOT);
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  @Override
  public String toString() {
    return pattern;
  }
}
