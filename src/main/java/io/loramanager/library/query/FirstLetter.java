package io.loramanager.library.query;

/**
 * The letter-bar bucket of a name (anchor-api §3.1): an upper-case Latin letter, {@code #} for a
 * digit, {@code 漢} for CJK, {@code @} for anything else.
 */
public final class FirstLetter {

  public static final String DIGIT = "#";
  public static final String CJK = "漢";
  public static final String OTHER = "@";

  private FirstLetter() {}

  public static String of(String name) {
    if (name == null || name.isEmpty()) {
      return OTHER;
    }
    int c = name.codePointAt(0);
    if (c >= '0' && c <= '9') {
      return DIGIT;
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      return String.valueOf((char) Character.toUpperCase(c));
    }
    Character.UnicodeScript script = Character.UnicodeScript.of(c);
    if (script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA
        || script == Character.UnicodeScript.HANGUL) {
      return CJK;
    }
    return OTHER;
  }
}
