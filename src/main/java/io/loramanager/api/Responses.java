package io.loramanager.api;

import io.loramanager.library.LibraryFacets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small JSON bodies in the reference's {@code {"success": true, ...}} shape. */
final class Responses {

  private Responses() {}

  /** {@code {"success": true, key: value, ...}} from alternating keys and values. */
  static Map<String, Object> success(Object... keysAndValues) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      body.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return body;
  }

  /** Counts as {@code [{valueKey: value, "count": n}]}. */
  static List<Map<String, Object>> counts(List<LibraryFacets.Count> counts, String valueKey) {
    return counts.stream()
        .map(
            c -> {
              Map<String, Object> item = new LinkedHashMap<>();
              item.put(valueKey, c.value());
              item.put("count", c.count());
              return item;
            })
        .toList();
  }
}
