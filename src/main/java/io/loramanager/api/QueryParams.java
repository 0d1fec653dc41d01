package io.loramanager.api;

import io.loramanager.errors.LmException;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Typed access to query parameters with the reference's parsing rules: booleans are true only for
 * "true" (any case), numbers must be whole numbers, and every failure names the parameter.
 */
final class QueryParams {

  private final MultivaluedMap<String, String> params;

  QueryParams(MultivaluedMap<String, String> params) {
    this.params = params;
  }

  String string(String name) {
    String value = params.getFirst(name);
    return value == null ? null : value;
  }

  boolean has(String name) {
    return params.containsKey(name);
  }

  /** Every value of a repeatable parameter, blanks dropped. */
  List<String> all(String name) {
    List<String> values = new ArrayList<>();
    List<String> raw = params.get(name);
    if (raw != null) {
      for (String value : raw) {
        if (value != null && !value.isBlank()) {
          values.add(value.trim());
        }
      }
    }
    return values;
  }

  /** Comma-separated values of a parameter, trimmed, blanks dropped. */
  List<String> csv(String name) {
    List<String> values = new ArrayList<>();
    for (String value : all(name)) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          values.add(part.trim());
        }
      }
    }
    return values;
  }

  boolean bool(String name, boolean fallback) {
    String value = params.getFirst(name);
    return value == null ? fallback : value.trim().equalsIgnoreCase("true");
  }

  /** Absent → null; "false", "0" or "" → false; anything else → true (license filters). */
  Boolean triState(String name) {
    if (!params.containsKey(name)) {
      return null;
    }
    String value = params.getFirst(name);
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return !(v.isEmpty() || v.equals("false") || v.equals("0"));
  }

  int integer(String name, int fallback) {
    String value = params.getFirst(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw LmException.badInput("Invalid " + name + ": '" + value + "' is not a whole number");
    }
  }

  /** A whole number that must be at least {@code min}. */
  int atLeast(String name, int fallback, int min) {
    int value = integer(name, fallback);
    if (value < min) {
      throw LmException.badInput("Invalid " + name + ": must be at least " + min);
    }
    return value;
  }
}
