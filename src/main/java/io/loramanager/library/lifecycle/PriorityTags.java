package io.loramanager.library.lifecycle;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code priority_tags} setting of one type, parsed: comma (or line) separated entries in
 * priority order, each a canonical tag with optional aliases, {@code style(toon|toon_style)}. The
 * canonical spelling names the folder; matching ignores case.
 */
public final class PriorityTags {

  /** One entry: the folder name and every lower-cased spelling that selects it. */
  record Entry(String canonical, Set<String> aliases) {}

  private final List<Entry> entries;

  private PriorityTags(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public static PriorityTags parse(String config) {
    List<Entry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    if (config == null) {
      return new PriorityTags(entries);
    }
    for (String raw : config.split("[,\n]")) {
      String item = raw.strip();
      String canonical = item;
      Set<String> aliases = new LinkedHashSet<>();
      int open = item.indexOf('(');
      if (open >= 0 && item.endsWith(")")) {
        canonical = item.substring(0, open).strip();
        for (String alias : item.substring(open + 1, item.length() - 1).split("\\|")) {
          if (!alias.isBlank()) {
            aliases.add(alias.strip().toLowerCase(Locale.ROOT));
          }
        }
      } else if (open >= 0 || item.indexOf(')') >= 0) {
        canonical = item.replace("(", "").replace(")", "").strip(); // malformed: taken literally
      }
      if (canonical.isEmpty() || !seen.add(canonical.toLowerCase(Locale.ROOT))) {
        continue; // the first definition of a canonical tag wins
      }
      aliases.add(canonical.toLowerCase(Locale.ROOT));
      entries.add(new Entry(canonical, aliases));
    }
    return new PriorityTags(entries);
  }

  /**
   * The folder tag of a model: the canonical tag of the first entry that one of its tags matches,
   * else its first non-blank tag, else null.
   */
  public String resolve(List<String> tags) {
    Set<String> lower = new HashSet<>();
    String firstTag = null;
    for (String tag : tags) {
      if (tag == null || tag.isBlank()) {
        continue;
      }
      lower.add(tag.strip().toLowerCase(Locale.ROOT));
      if (firstTag == null) {
        firstTag = tag.strip();
      }
    }
    for (Entry entry : entries) {
      for (String alias : entry.aliases()) {
        if (lower.contains(alias)) {
          return entry.canonical();
        }
      }
    }
    return firstTag;
  }
}
