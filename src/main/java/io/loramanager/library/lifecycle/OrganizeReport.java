package io.loramanager.library.lifecycle;

import java.util.List;
import java.util.Map;

/**
 * What an auto-organize did (anchor-library §4.5).
 *
 * @param operationType {@code all} or {@code bulk}
 * @param flat true when the type's template is empty (every model goes to its root)
 * @param cleanedDirs per cleaned folder, how many empty folders were removed
 * @param results the skips with a reason and the failures; the first 50 only when truncated
 * @param truncated true when there were more than 100 of them
 * @param cancelled true when cancel-task stopped the run between two models
 */
public record OrganizeReport(
    String operationType,
    int total,
    int moved,
    int skipped,
    int failures,
    boolean flat,
    Map<String, Integer> cleanedDirs,
    List<Result> results,
    boolean truncated,
    boolean cancelled) {

  /** One model's skip or failure: its name, always {@code success=false}, and why. */
  public record Result(String model, boolean success, String message) {}

  public String message() {
    return "Auto-organize "
        + operationType
        + (cancelled ? " cancelled: " : " completed: ")
        + moved
        + " moved, "
        + skipped
        + " skipped, "
        + failures
        + " failed out of "
        + total
        + " total";
  }
}
