package io.loramanager.library.query;

import io.loramanager.library.ModelEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tags derived from a model's file name, base model and version name (anchor-library §2.5):
 * Wan-style noise halves, video modes and distilled variants. Never stored; computed per entry.
 */
public final class AutoTags {

  /** A tag, its word pattern, and a literal every match contains (a cheap first test). */
  private record Rule(String tag, Pattern pattern, String literal) {}

  private static final List<Rule> RULES =
      List.of(
          rule("HIGH", "high(?:[_ -]?noise)?", "high"),
          rule("LOW", "low(?:[_ -]?noise)?", "low"),
          rule("I2V", "i2v", "i2v"),
          rule("T2V", "t2v", "t2v"),
          rule("TI2V", "ti2v", "ti2v"),
          rule("Lightning", "lightning", "lightning"),
          rule("Turbo", "turbo", "turbo"));

  private AutoTags() {}

  private static Rule rule(String tag, String word, String literal) {
    return new Rule(tag, Pattern.compile("(?<![a-z0-9])" + word + "(?![a-z0-9])"), literal);
  }

  public static List<String> of(ModelEntry entry) {
    String versionName = entry.civitai() == null ? null : entry.civitai().name();
    String text =
        (entry.fileName()
                + " "
                + entry.baseModel()
                + " "
                + (versionName == null ? "" : versionName))
            .toLowerCase(Locale.ROOT);
    List<String> tags = new ArrayList<>(2);
    for (Rule rule : RULES) {
      // Most names hold none of the words: String.contains rules them out without a regex.
      if (text.contains(rule.literal()) && rule.pattern().matcher(text).find()) {
        tags.add(rule.tag());
      }
    }
    return List.copyOf(tags);
  }
}
