package io.loramanager.outbound;

import io.loramanager.errors.LmException;
import java.time.Duration;
import java.util.Optional;

/**
 * A remote server answered with an HTTP error status. Callers that treat some statuses specially
 * (404 = stale link, 429 = back off) read {@link #status()} instead of parsing the message.
 */
public class UpstreamHttpError extends LmException {

  private final int status;
  private final transient Optional<Duration> retryAfter;

  public UpstreamHttpError(String message, int status, Optional<Duration> retryAfter) {
    super(Kind.UPSTREAM, message);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  public int status() {
    return status;
  }

  /** The {@code Retry-After} delay in seconds the server asked for, when it gave one. */
  public Optional<Duration> retryAfter() {
    return retryAfter;
  }
}
