package io.loramanager.library.query;

import io.loramanager.errors.LmException;
import java.util.Locale;

/**
 * A {@code sort_by} value: {@code key[:asc|desc]}, or {@code random[:seed]} (a stable shuffle per
 * seed, so pages do not overlap).
 */
public record SortSpec(Key key, boolean descending, String seed) {

  public static final SortSpec NAME = new SortSpec(Key.NAME, false, null);

  public enum Key {
    NAME,
    DATE,
    SIZE,
    USAGE,
    VERSIONS_COUNT,
    RANDOM
  }

  public static SortSpec parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return NAME;
    }
    String value = raw.trim();
    int colon = value.indexOf(':');
    String keyName = (colon < 0 ? value : value.substring(0, colon)).toLowerCase(Locale.ROOT);
    String suffix = colon < 0 ? null : value.substring(colon + 1);
    Key key =
        switch (keyName) {
          case "name" -> Key.NAME;
          case "date" -> Key.DATE;
          case "size" -> Key.SIZE;
          case "usage" -> Key.USAGE;
          case "versions_count" -> Key.VERSIONS_COUNT;
          case "random" -> Key.RANDOM;
          default -> throw invalid(raw);
        };
    if (key == Key.RANDOM) {
      return new SortSpec(key, false, suffix == null || suffix.isEmpty() ? "random" : suffix);
    }
    if (suffix == null || suffix.equalsIgnoreCase("asc")) {
      return new SortSpec(key, false, null);
    }
    if (suffix.equalsIgnoreCase("desc")) {
      return new SortSpec(key, true, null);
    }
    throw invalid(raw);
  }

  private static LmException invalid(String raw) {
    return LmException.badInput(
        "Invalid sort_by '"
            + raw
            + "': use name, date, size, usage, versions_count or random, with :asc or :desc"
            + " (random takes :seed)");
  }
}
