package io.loramanager.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The one error body of the API: {@code {"success": false, "error": "..."}}. */
@RegisterForReflection
public record ApiError(boolean success, String error) {

  public static ApiError of(String message) {
    return new ApiError(false, message);
  }
}
