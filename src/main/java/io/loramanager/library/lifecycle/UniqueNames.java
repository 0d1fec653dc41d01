package io.loramanager.library.lifecycle;

import java.util.function.Predicate;

/**
 * The reference's unique-name rule for a move onto a taken name: {@code NAME-<sha4>}, then {@code
 * NAME-<sha4>-1}, {@code -2}, … where {@code sha4} is the first four hex digits of the model's
 * SHA-256 ({@code 0000} when unknown). A taken name is never overwritten.
 */
public final class UniqueNames {

  private UniqueNames() {}

  /** The first base name that {@code free} accepts. */
  public static String choose(String base, String sha256, Predicate<String> free) {
    if (free.test(base)) {
      return base;
    }
    String prefix = base + "-" + sha4(sha256);
    if (free.test(prefix)) {
      return prefix;
    }
    for (int n = 1; ; n++) {
      String candidate = prefix + "-" + n;
      if (free.test(candidate)) {
        return candidate;
      }
    }
  }

  static String sha4(String sha256) {
    return sha256 == null || sha256.length() < 4 ? "0000" : sha256.substring(0, 4);
  }
}
