package io.loramanager.civitai;

import java.util.List;
import java.util.Locale;

/**
 * Civitai's {@code baseModel} as the library names it (anchor-library §5.9): the first rule of the
 * table whose key occurs in the lower-cased name wins; no match keeps the name; nothing gives
 * {@code Unknown}. Unlike the reference, the short key {@code il} must be a whole token (bounded by
 * non-letters), so names like "Kolors" or "Wan Video 2.1 I2V" are not turned into "Illustrious".
 */
public final class BaseModels {

  /** One mapping; {@code wholeToken} keys must not touch a letter on either side. */
  record Rule(String key, String result, boolean wholeToken) {}

  static final List<Rule> RULES =
      List.of(
          new Rule("sd_1.5", "SD 1.5", false),
          new Rule("sd-v1-5", "SD 1.5", false),
          new Rule("sd-v2-1", "SD 2.1", false),
          new Rule("sdxl", "SDXL 1.0", false),
          new Rule("sd-v2", "SD 2.0", false),
          new Rule("flux1", "Flux.1 D", false),
          new Rule("flux.1 d", "Flux.1 D", false),
          new Rule("illustrious", "Illustrious", false),
          new Rule("il", "Illustrious", true),
          new Rule("pony", "Pony", false));

  public static final String UNKNOWN = "Unknown";

  private BaseModels() {}

  /** The library's base model for a Civitai {@code baseModel} value; never null. */
  public static String normalise(String baseModel) {
    if (baseModel == null || baseModel.isBlank()) {
      return UNKNOWN;
    }
    String lower = baseModel.toLowerCase(Locale.ROOT);
    for (Rule rule : RULES) {
      if (rule.wholeToken() ? containsToken(lower, rule.key()) : lower.contains(rule.key())) {
        return rule.result();
      }
    }
    return baseModel;
  }

  private static boolean containsToken(String text, String token) {
    for (int at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + 1)) {
      int end = at + token.length();
      boolean leftFree = at == 0 || !Character.isLetter(text.charAt(at - 1));
      boolean rightFree = end == text.length() || !Character.isLetter(text.charAt(end));
      if (leftFree && rightFree) {
        return true;
      }
    }
    return false;
  }
}
