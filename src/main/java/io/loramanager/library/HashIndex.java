package io.loramanager.library;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hash and name lookups over one snapshot (anchor-library §2.9): SHA-256, AutoV2 (first 10 hex),
 * AutoV3, and base file name, each to every path that has it. Immutable.
 */
public final class HashIndex {

  private final Map<String, List<String>> bySha = new LinkedHashMap<>();
  private final Map<String, String> byAutov2 = new LinkedHashMap<>();
  private final Map<String, String> byAutov3 = new LinkedHashMap<>();
  private final Map<String, List<String>> byFileName = new LinkedHashMap<>();

  HashIndex(List<ModelEntry> entries) {
    for (ModelEntry entry : entries) {
      String sha = entry.sha256();
      if (!sha.isEmpty()) {
        bySha.computeIfAbsent(sha, k -> new ArrayList<>()).add(entry.filePath());
        if (sha.length() >= 10) {
          byAutov2.put(sha.substring(0, 10), entry.filePath());
        }
      }
      if (entry.autov3() != null && !entry.autov3().isEmpty()) {
        byAutov3.put(entry.autov3(), entry.filePath());
      }
      String name = PathNames.lastSegment(entry.filePath());
      byFileName
          .computeIfAbsent(PathNames.baseName(name), k -> new ArrayList<>())
          .add(entry.filePath());
    }
  }

  /** The path of a model by SHA-256 (64), AutoV2 (10) or AutoV3 (12 characters), or null. */
  public String pathOf(String hash) {
    String key = hash.toLowerCase(Locale.ROOT);
    List<String> paths = bySha.get(key);
    if (paths != null) {
      return paths.get(paths.size() - 1);
    }
    if (key.length() == 10) {
      return byAutov2.get(key);
    }
    return key.length() == 12 ? byAutov3.get(key) : null;
  }

  /** Every path with this SHA-256. */
  public List<String> pathsOf(String sha256) {
    return bySha.getOrDefault(sha256.toLowerCase(Locale.ROOT), List.of());
  }

  /** SHA-256 → paths, for every hash held by two or more files. */
  public Map<String, List<String>> duplicateHashes() {
    return groupsOfTwoOrMore(bySha);
  }

  /** Base name → paths, for every name held by two or more files. */
  public Map<String, List<String>> duplicateFileNames() {
    return groupsOfTwoOrMore(byFileName);
  }

  private static Map<String, List<String>> groupsOfTwoOrMore(Map<String, List<String>> map) {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    map.forEach(
        (key, paths) -> {
          if (paths.size() > 1) {
            groups.put(key, Collections.unmodifiableList(paths));
          }
        });
    return groups;
  }
}
