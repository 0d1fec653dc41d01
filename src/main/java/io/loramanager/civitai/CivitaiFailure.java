package io.loramanager.civitai;

import io.loramanager.errors.LmException;

/**
 * A Civitai request that failed, with the reason a caller acts on (a bulk refresh counts rate
 * limits; a fetch marks a model deleted on {@link Reason#NOT_FOUND}). The message is meant for a
 * person and never contains the API key.
 */
public final class CivitaiFailure extends LmException {

  /** Why the request failed. */
  public enum Reason {
    /** 401: the API key is missing or invalid. */
    UNAUTHORIZED,
    /** 403. */
    FORBIDDEN,
    /** 404: no such model, version or hash. */
    NOT_FOUND,
    /** 429 after the allowed retries. */
    RATE_LIMITED,
    /** 5xx or a broken connection after the allowed retries. */
    SERVER,
    /** Connection refused or host unknown: Civitai cannot be reached from here. */
    OFFLINE,
    /** The answer was not the JSON we expect. */
    MALFORMED
  }

  private final Reason reason;
  private final long retryAfterSeconds;

  CivitaiFailure(Reason reason, String message, long retryAfterSeconds) {
    super(kindOf(reason), message);
    this.reason = reason;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  CivitaiFailure(Reason reason, String message) {
    this(reason, message, 0);
  }

  public Reason reason() {
    return reason;
  }

  /** Seconds the server asked us to wait (rate limits only; 0 otherwise). */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  private static Kind kindOf(Reason reason) {
    return switch (reason) {
      case NOT_FOUND -> Kind.NOT_FOUND;
      case OFFLINE -> Kind.UNAVAILABLE;
      default -> Kind.UPSTREAM;
    };
  }
}
