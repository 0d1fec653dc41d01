package io.loramanager.download;

import java.util.OptionalInt;

/** A transfer that ended without a verified file; the message is meant for a person. */
public class TransferFailure extends RuntimeException {

  /** Why the transfer ended. */
  public enum Reason {
    /** Network errors, timeouts or stalls, after every retry. The .part is kept. */
    NETWORK,
    /** The server answered with an error status (not retried). The .part is kept. */
    HTTP,
    /** The outbound policy refused a URL or a redirect hop. */
    REFUSED,
    /** Writing the file failed (disk full, not a directory, permission). The .part is kept. */
    DISK,
    /** The file did not have the expected size or SHA-256; it was removed. */
    VERIFICATION,
    /** Cancelled or skipped through the control. */
    CANCELLED
  }

  private final Reason reason;
  private final int status;

  public TransferFailure(Reason reason, String message) {
    this(reason, message, 0, null);
  }

  public TransferFailure(Reason reason, String message, Throwable cause) {
    this(reason, message, 0, cause);
  }

  private TransferFailure(Reason reason, String message, int status, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.status = status;
  }

  /** A failure for an HTTP error status. */
  public static TransferFailure httpStatus(int status, String message) {
    return new TransferFailure(Reason.HTTP, message, status, null);
  }

  public Reason reason() {
    return reason;
  }

  /** The HTTP status behind an {@link Reason#HTTP} failure. */
  public OptionalInt status() {
    return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
  }
}
