package io.loramanager.library.query;

import java.util.Comparator;

/**
 * Natural ordering of strings: runs of digits compare by value ({@code v2 < v10}), the rest by
 * character. Callers pass lower-cased text, as the reference's natsort on lowered names does.
 */
public final class NaturalOrder implements Comparator<String> {

  public static final NaturalOrder INSTANCE = new NaturalOrder();

  private NaturalOrder() {}

  @Override
  public int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (isDigit(ca) && isDigit(cb)) {
        int endA = digitsEnd(a, i);
        int endB = digitsEnd(b, j);
        int result = compareNumbers(a, i, endA, b, j, endB);
        if (result != 0) {
          return result;
        }
        i = endA;
        j = endB;
      } else {
        if (ca != cb) {
          return Character.compare(ca, cb);
        }
        i++;
        j++;
      }
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int digitsEnd(String s, int from) {
    int end = from;
    while (end < s.length() && isDigit(s.charAt(end))) {
      end++;
    }
    return end;
  }

  /** Compares digit runs by value without overflow: skip leading zeros, then length, then text. */
  private static int compareNumbers(String a, int i, int endA, String b, int j, int endB) {
    int startA = i;
    int startB = j;
    while (startA < endA - 1 && a.charAt(startA) == '0') {
      startA++;
    }
    while (startB < endB - 1 && b.charAt(startB) == '0') {
      startB++;
    }
    int lengthA = endA - startA;
    int lengthB = endB - startB;
    if (lengthA != lengthB) {
      return Integer.compare(lengthA, lengthB);
    }
    for (int k = 0; k < lengthA; k++) {
      int diff = Character.compare(a.charAt(startA + k), b.charAt(startB + k));
      if (diff != 0) {
        return diff;
      }
    }
    // Equal values: fewer leading zeros first, so the order stays total.
    return Integer.compare(endA - i, endB - j);
  }
}
