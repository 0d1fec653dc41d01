package io.loramanager.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.loramanager.errors.LmException;
import java.util.ArrayList;
import java.util.List;

/** Typed fields of a JSON request body: a missing or wrong-typed field is a 400 naming it. */
final class RequestBody {

  private final JsonNode body;

  private RequestBody(JsonNode body) {
    this.body = body;
  }

  static RequestBody of(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw LmException.badInput("Request body must be a JSON object");
    }
    return new RequestBody(body);
  }

  /** A required string field (may be blank; callers decide what blank means). */
  String text(String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      throw LmException.badInput(field + " is required");
    }
    if (!value.isTextual()) {
      throw LmException.badInput(field + " must be a string");
    }
    return value.asText();
  }

  /** A required list of strings. */
  List<String> texts(String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      throw LmException.badInput(field + " is required");
    }
    if (!value.isArray()) {
      throw LmException.badInput(field + " must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw LmException.badInput(field + " must be a list of strings");
      }
      out.add(item.asText());
    }
    return out;
  }

  /** A required list of strings that must not be empty ({@code emptyMessage} when it is). */
  List<String> nonEmptyTexts(String field, String emptyMessage) {
    List<String> values = texts(field);
    if (values.isEmpty()) {
      throw LmException.badInput(emptyMessage);
    }
    return values;
  }

  /** An optional boolean field. */
  boolean flag(String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw LmException.badInput(field + " must be true or false");
    }
    return value.asBoolean();
  }

  /** An optional string field: null when absent or null. */
  String optionalText(String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw LmException.badInput(field + " must be a string");
    }
    return value.asText();
  }

  /** An optional whole-number field (a number or a numeric string): null when absent or null. */
  Integer optionalInt(String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isIntegralNumber() && value.canConvertToInt()) {
      return value.asInt();
    }
    if (value.isTextual()) {
      try {
        return Integer.valueOf(value.asText().trim());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw LmException.badInput(
        field + " must be a whole number, got " + value.toString().replace('"', '\''));
  }
}
