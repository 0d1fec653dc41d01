package io.loramanager.library;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds a model's preview among its folder's files in the reference discovery order (anchor-library
 * §1.3): every candidate exactly first, then ignoring case.
 */
public final class PreviewLocator {

  /** Preview suffixes in discovery order; the app itself writes only the plain forms. */
  public static final List<String> SUFFIXES =
      List.of(
          ".webp",
          ".preview.webp",
          ".preview.png",
          ".preview.jpeg",
          ".preview.jpg",
          ".preview.mp4",
          ".png",
          ".jpeg",
          ".jpg",
          ".mp4",
          ".gif",
          ".webm",
          ".avif",
          ".jxl",
          ".example.0.jpeg");

  private PreviewLocator() {}

  /**
   * @param baseName the model file name without extension
   * @param names the folder's file names
   * @param lowerNames the same names keyed by their lower-case form
   * @return the preview's file name, or null
   */
  public static String find(String baseName, Set<String> names, Map<String, String> lowerNames) {
    for (String suffix : SUFFIXES) {
      String candidate = baseName + suffix;
      if (names.contains(candidate)) {
        return candidate;
      }
    }
    for (String suffix : SUFFIXES) {
      String actual = lowerNames.get((baseName + suffix).toLowerCase(Locale.ROOT));
      if (actual != null) {
        return actual;
      }
    }
    return null;
  }
}
