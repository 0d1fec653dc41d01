package io.loramanager.library.query;

import java.util.ArrayList;
import java.util.List;

/**
 * The plain (not fuzzy) search of {@link ModelFilters#search} over one ordered list of rows,
 * answered by scanning a single string instead of visiting every row: the searched fields of all
 * rows, lower-cased as the rows hold them, each followed by a separator. A term without the
 * separator can only match inside one field, so a row matches here exactly when the predicate would
 * accept it. Built once per sorted view and searched fields, and kept with the snapshot.
 */
final class SearchIndex {

  private static final char SEPARATOR = '\u0000';

  private final List<QueryRow> rows;
  private final String text;

  /** {@code ends[i]}: the offset just past row {@code i}'s fields in {@link #text}. */
  private final int[] ends;

  private SearchIndex(List<QueryRow> rows, String text, int[] ends) {
    this.rows = rows;
    this.text = text;
    this.ends = ends;
  }

  static SearchIndex of(List<QueryRow> rows, ModelQuery.SearchFields fields) {
    StringBuilder text = new StringBuilder(rows.size() * 64);
    int[] ends = new int[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      QueryRow row = rows.get(i);
      if (fields.fileName()) {
        text.append(row.fileNameLower()).append(SEPARATOR);
      }
      if (fields.modelName()) {
        text.append(row.modelNameLower()).append(SEPARATOR);
      }
      if (fields.tags()) {
        for (String tag : row.tagsLower()) {
          text.append(tag).append(SEPARATOR);
        }
      }
      if (fields.creator()) {
        text.append(row.creatorLower()).append(SEPARATOR);
      }
      ends[i] = text.length();
    }
    return new SearchIndex(rows, text.toString(), ends);
  }

  /** True when the index answers this (trimmed, lower-cased) term exactly. */
  static boolean supports(String term) {
    return !term.isEmpty() && term.indexOf(SEPARATOR) < 0;
  }

  /** The rows with the term in one of the searched fields, in the list's order. */
  List<QueryRow> matching(String term) {
    List<QueryRow> matches = new ArrayList<>();
    int row = 0;
    int at = text.indexOf(term);
    while (at >= 0) {
      while (ends[row] <= at) {
        row++;
      }
      matches.add(rows.get(row));
      // The row is in; look for the next hit after its fields.
      at = text.indexOf(term, ends[row]);
      row++;
    }
    return matches;
  }
}
