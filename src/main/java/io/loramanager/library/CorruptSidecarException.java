package io.loramanager.library;

/** A sidecar that is not valid JSON or lacks a field the reference requires. */
public class CorruptSidecarException extends Exception {

  public CorruptSidecarException(String message) {
    super(message);
  }
}
