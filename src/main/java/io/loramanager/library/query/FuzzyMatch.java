package io.loramanager.library.query;

/**
 * Fuzzy word matching (anchor-library §3.5): every word of the query must be a substring of the
 * text or be at least 85% similar to one of its words, by the Ratcliff/Obershelp ratio that
 * Python's {@code difflib.SequenceMatcher.ratio()} computes.
 */
public final class FuzzyMatch {

  private static final double THRESHOLD = 0.85;

  private FuzzyMatch() {}

  /** Both arguments lower-cased. */
  public static boolean matches(String text, String[] queryWords) {
    String[] textWords = null;
    for (String word : queryWords) {
      if (text.contains(word)) {
        continue;
      }
      if (textWords == null) {
        textWords = text.split("\\s+");
      }
      boolean similar = false;
      for (String candidate : textWords) {
        if (ratio(word, candidate) >= THRESHOLD) {
          similar = true;
          break;
        }
      }
      if (!similar) {
        return false;
      }
    }
    return true;
  }

  /** 2·M / (|a| + |b|), M the characters in matching blocks found recursively. */
  public static double ratio(String a, String b) {
    int total = a.length() + b.length();
    return total == 0 ? 1.0 : 2.0 * matching(a, 0, a.length(), b, 0, b.length()) / total;
  }

  private static int matching(String a, int aLo, int aHi, String b, int bLo, int bHi) {
    int bestI = aLo;
    int bestJ = bLo;
    int bestSize = 0;
    int[] previous = new int[bHi - bLo + 1];
    for (int i = aLo; i < aHi; i++) {
      int[] current = new int[bHi - bLo + 1];
      for (int j = bLo; j < bHi; j++) {
        if (a.charAt(i) == b.charAt(j)) {
          int size = previous[j - bLo] + 1;
          current[j - bLo + 1] = size;
          if (size > bestSize) {
            bestSize = size;
            bestI = i - size + 1;
            bestJ = j - size + 1;
          }
        }
      }
      previous = current;
    }
    if (bestSize == 0) {
      return 0;
    }
    return bestSize
        + matching(a, aLo, bestI, b, bLo, bestJ)
        + matching(a, bestI + bestSize, aHi, b, bestJ + bestSize, bHi);
  }
}
