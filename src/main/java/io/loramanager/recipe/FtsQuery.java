package io.loramanager.recipe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Builds the FTS5 query of a recipe search (anchor-recipes §3.6): every word is a quoted prefix
 * term; with fields, all words must match within one selected column, and columns are OR-ed. Unlike
 * the reference, a word split by punctuation ({@code foo-bar}) keeps its column filter on every
 * part.
 */
public final class FtsQuery {

  /** The search fields a client can switch on, and the FTS columns each covers. */
  public enum Field {
    TITLE("title"),
    TAGS("tags"),
    LORA_NAME("lora_names"),
    LORA_MODEL("lora_models"),
    PROMPT("prompt", "negative_prompt");

    private final List<String> columns;

    Field(String... columns) {
      this.columns = List.of(columns);
    }
  }

  private FtsQuery() {}

  /** The MATCH expression, or null when the search holds no word. */
  public static String build(String search, Set<Field> fields) {
    List<String> words = words(search);
    if (words.isEmpty()) {
      return null;
    }
    if (fields.isEmpty()) {
      List<String> terms = new ArrayList<>();
      for (String word : words) {
        terms.add(term(word));
      }
      return String.join(" AND ", terms);
    }
    List<String> clauses = new ArrayList<>();
    for (Field field : Field.values()) {
      if (!fields.contains(field)) {
        continue;
      }
      for (String column : field.columns) {
        List<String> terms = new ArrayList<>();
        for (String word : words) {
          terms.add(column + ":" + term(word));
        }
        clauses.add("(" + String.join(" AND ", terms) + ")");
      }
    }
    return String.join(" OR ", clauses);
  }

  private static String term(String word) {
    return "\"" + word + "\"*";
  }

  /** Lower-cased words; FTS syntax characters split words. */
  static List<String> words(String search) {
    List<String> words = new ArrayList<>();
    if (search == null) {
      return words;
    }
    String cleaned = search.toLowerCase(Locale.ROOT).replaceAll("[\"()*:^\\-{}\\[\\]]", " ");
    for (String word : cleaned.trim().split("\\s+")) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return words;
  }
}
