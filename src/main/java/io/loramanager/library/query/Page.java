package io.loramanager.library.query;

import java.util.List;

/** One page of results; {@code total} counts every match, not just this page. */
public record Page<T>(List<T> items, int total, int page, int pageSize) {

  public int totalPages() {
    return total == 0 ? 0 : (total + pageSize - 1) / pageSize;
  }

  /** The page'th slice (1-based) of a full result list. */
  public static <T> Page<T> slice(List<T> all, int page, int pageSize) {
    long from = (long) (page - 1) * pageSize;
    if (from >= all.size()) {
      return new Page<>(List.of(), all.size(), page, pageSize);
    }
    int to = (int) Math.min(all.size(), from + pageSize);
    return new Page<>(List.copyOf(all.subList((int) from, to)), all.size(), page, pageSize);
  }
}
