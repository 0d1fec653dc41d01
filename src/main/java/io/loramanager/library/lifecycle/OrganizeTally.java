package io.loramanager.library.lifecycle;

import java.util.ArrayList;
import java.util.List;

/**
 * The running counts of an auto-organize and its detail results: the first 100 are kept; when there
 * are more, only the first 50 are reported, as samples (anchor-library §4.5).
 */
final class OrganizeTally {

  static final int MAX_RESULTS = 100;
  static final int SAMPLES = 50;

  private final int total;
  private final String operationType;
  private final List<OrganizeReport.Result> results = new ArrayList<>();
  private boolean truncated;
  private int processed;
  private int moved;
  private int skipped;
  private int failures;

  OrganizeTally(int total, String operationType) {
    this.total = total;
    this.operationType = operationType;
  }

  void moved() {
    moved++;
    processed++;
  }

  void skipped(String model, String message) {
    skipped++;
    processed++;
    if (message != null) {
      add(new OrganizeReport.Result(model, false, message));
    }
  }

  void failed(String model, String message) {
    failures++;
    processed++;
    add(new OrganizeReport.Result(model, false, message));
  }

  private void add(OrganizeReport.Result result) {
    if (results.size() < MAX_RESULTS) {
      results.add(result);
    } else {
      truncated = true;
    }
  }

  int total() {
    return total;
  }

  int processed() {
    return processed;
  }

  int movedCount() {
    return moved;
  }

  int skipped() {
    return skipped;
  }

  int failures() {
    return failures;
  }

  String operationType() {
    return operationType;
  }

  boolean truncated() {
    return truncated;
  }

  List<OrganizeReport.Result> results() {
    return truncated ? List.copyOf(results.subList(0, SAMPLES)) : List.copyOf(results);
  }
}
