package io.loramanager.api.access;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The browser origins allowed to call the API across origins ({@code lm.cors.origins}). Origins
 * compare ignoring case and a trailing slash; {@code *} allows any.
 */
public final class CorsOrigins {

  private final Set<String> origins;
  private final boolean any;

  public CorsOrigins(List<String> configured) {
    this.origins =
        configured.stream()
            .map(CorsOrigins::normalize)
            .filter(o -> !o.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
    this.any = origins.contains("*");
  }

  /** True when some origin is configured: CORS is on. */
  public boolean enabled() {
    return !origins.isEmpty();
  }

  /** True when a page from {@code origin} may read the API's answers. */
  public boolean allows(String origin) {
    if (origin == null || origin.isBlank() || origin.equals("null")) {
      return false;
    }
    return any || origins.contains(normalize(origin));
  }

  private static String normalize(String origin) {
    String value = origin.strip().toLowerCase(Locale.ROOT);
    return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
  }
}
