package io.loramanager.library.query;

import io.loramanager.library.ModelEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grouping of local versions of one Civitai model (or one Hugging Face repo): {@code
 * group_by_model}, {@code civitai_model_id} and the {@code versions_count} sort (anchor-library
 * §3.2 steps 3–5).
 */
public final class VersionGroups {

  private static final Comparator<QueryRow> NEWEST_FIRST =
      Comparator.comparingLong((QueryRow r) -> versionId(r.entry()))
          .thenComparingDouble(r -> r.entry().modified())
          .reversed();

  private VersionGroups() {}

  /** The group of an entry, or null: {@code modelId[|base]} or {@code hf:owner/repo}. */
  static String key(ModelEntry entry, boolean sameBase) {
    Long modelId = entry.civitaiModelId();
    if (modelId != null) {
      return sameBase ? modelId + "|" + entry.baseModel() : modelId.toString();
    }
    return hfGroup(entry.hfUrl());
  }

  /** {@code hf:owner/repo} from a Hugging Face URL, or null. */
  static String hfGroup(String hfUrl) {
    if (hfUrl == null || hfUrl.isEmpty()) {
      return null;
    }
    String path = hfUrl.replaceFirst("^https?://(www\\.)?huggingface\\.co/", "");
    String[] parts = path.split("/");
    return parts.length >= 2 ? "hf:" + parts[0] + "/" + parts[1] : null;
  }

  private static long versionId(ModelEntry entry) {
    Long id = entry.civitaiVersionId();
    return id == null ? Long.MIN_VALUE : id;
  }

  /** Every local version of one model ({@code modelId} or {@code hf:owner/repo}), newest first. */
  public static List<ListedModel> versionsOf(List<QueryRow> rows, String civitaiModelId) {
    List<QueryRow> members = new ArrayList<>();
    for (QueryRow row : rows) {
      String group = key(row.entry(), false);
      if (civitaiModelId.equals(group)) {
        members.add(row);
      }
    }
    members.sort(NEWEST_FIRST);
    List<ListedModel> listed = new ArrayList<>(members.size());
    for (QueryRow row : members) {
      listed.add(new ListedModel(row, null));
    }
    return listed;
  }

  /** The newest version of each group, with its count; ungrouped rows last, in order. */
  public static List<ListedModel> newestPerGroup(List<QueryRow> rows, boolean sameBase) {
    Map<String, List<QueryRow>> groups = new LinkedHashMap<>();
    List<QueryRow> loose = new ArrayList<>();
    collect(rows, sameBase, groups, loose);
    List<ListedModel> listed = new ArrayList<>(groups.size() + loose.size());
    for (List<QueryRow> members : groups.values()) {
      QueryRow newest = members.stream().min(NEWEST_FIRST).orElseThrow();
      listed.add(new ListedModel(newest, members.size()));
    }
    for (QueryRow row : loose) {
      listed.add(new ListedModel(row, 1));
    }
    return listed;
  }

  /** Groups by size (then first appearance), each newest first; ungrouped rows appended. */
  public static List<ListedModel> byGroupSize(List<QueryRow> rows, boolean sameBase, boolean desc) {
    Map<String, List<QueryRow>> groups = new LinkedHashMap<>();
    List<QueryRow> loose = new ArrayList<>();
    collect(rows, sameBase, groups, loose);
    List<List<QueryRow>> ordered = new ArrayList<>(groups.values());
    Comparator<List<QueryRow>> bySize = Comparator.comparingInt(List::size);
    ordered.sort(desc ? bySize.reversed() : bySize);
    List<ListedModel> listed = new ArrayList<>(rows.size());
    for (List<QueryRow> members : ordered) {
      members.sort(NEWEST_FIRST);
      for (QueryRow row : members) {
        listed.add(new ListedModel(row, null));
      }
    }
    for (QueryRow row : loose) {
      listed.add(new ListedModel(row, null));
    }
    return listed;
  }

  /** Grouped rows ordered by their version count (stable). */
  public static List<ListedModel> sortByCount(List<ListedModel> grouped, boolean desc) {
    List<ListedModel> sorted = new ArrayList<>(grouped);
    Comparator<ListedModel> byCount = Comparator.comparingInt(ListedModel::versionCount);
    sorted.sort(desc ? byCount.reversed() : byCount);
    return sorted;
  }

  private static void collect(
      List<QueryRow> rows,
      boolean sameBase,
      Map<String, List<QueryRow>> groups,
      List<QueryRow> loose) {
    for (QueryRow row : rows) {
      String key = key(row.entry(), sameBase);
      if (key == null) {
        loose.add(row);
      } else {
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
      }
    }
  }
}
