package io.loramanager.errors;

/**
 * A failure a client can act on. The API layer maps each {@link Kind} to one HTTP status, so
 * services never speak HTTP.
 */
public class LmException extends RuntimeException {

  /** What went wrong, from the client's point of view. */
  public enum Kind {
    BAD_INPUT,
    NOT_FOUND,
    CONFLICT,
    NOT_READY,
    UNAVAILABLE,
    TOO_LARGE,
    /** A remote service (Civitai, a download host) failed or answered nonsense. */
    UPSTREAM
  }

  private final Kind kind;

  public LmException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public LmException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public static LmException badInput(String message) {
    return new LmException(Kind.BAD_INPUT, message);
  }

  public static LmException notFound(String message) {
    return new LmException(Kind.NOT_FOUND, message);
  }

  public static LmException conflict(String message) {
    return new LmException(Kind.CONFLICT, message);
  }

  public static LmException tooLarge(String message) {
    return new LmException(Kind.TOO_LARGE, message);
  }

  public static LmException notReady(String message) {
    return new LmException(Kind.NOT_READY, message);
  }

  public static LmException unavailable(String message) {
    return new LmException(Kind.UNAVAILABLE, message);
  }

  public static LmException upstream(String message) {
    return new LmException(Kind.UPSTREAM, message);
  }
}
