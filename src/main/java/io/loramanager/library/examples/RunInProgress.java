package io.loramanager.library.examples;

import io.loramanager.errors.LmException;
import java.util.Map;

/** A start refused because a run is active; carries the snapshot the reference returns with it. */
public class RunInProgress extends LmException {

  private final transient Map<String, Object> status;

  RunInProgress(Map<String, Object> status) {
    super(Kind.BAD_INPUT, "Download already in progress");
    this.status = status;
  }

  public Map<String, Object> status() {
    return status;
  }
}
