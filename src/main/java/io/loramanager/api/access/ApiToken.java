package io.loramanager.api.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * The configured API token. Presented tokens are compared in constant time: both sides are hashed
 * first so that neither the content nor the length of the token leaks through timing.
 */
public final class ApiToken {

  private static final String BEARER = "bearer";

  private final byte[] digest;

  public ApiToken(String token) {
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException("An API token must not be empty");
    }
    this.digest = sha256(token);
  }

  /** True when {@code presented} is this token. */
  public boolean matches(String presented) {
    return presented != null && MessageDigest.isEqual(digest, sha256(presented));
  }

  /**
   * The credentials of an {@code Authorization: Bearer <token>} header; empty for a missing header,
   * another scheme or an empty token. The scheme is case-insensitive (RFC 7235).
   */
  public static Optional<String> bearer(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    String value = authorization.strip();
    if (value.length() <= BEARER.length()
        || !value.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)
        || !Character.isWhitespace(value.charAt(BEARER.length()))) {
      return Optional.empty();
    }
    String token = value.substring(BEARER.length()).strip();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }

  /** Never the token itself, so that it cannot end up in a log by accident. */
  @Override
  public String toString() {
    return "ApiToken[****]";
  }
}
