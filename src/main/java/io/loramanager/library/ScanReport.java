package io.loramanager.library;

import java.util.List;

/**
 * What one scan did.
 *
 * @param cancelled true when cancelled; nothing was applied then
 * @param total models catalogued after the scan (excluded ones not counted)
 * @param problems files left out and why (corrupt sidecars, unreadable files and folders)
 */
public record ScanReport(
    boolean cancelled,
    int total,
    int added,
    int updated,
    int removed,
    int unchanged,
    List<ScanProblem> problems) {

  public boolean changedSet() {
    return added > 0 || updated > 0 || removed > 0;
  }
}
