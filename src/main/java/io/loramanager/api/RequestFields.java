package io.loramanager.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.loramanager.errors.LmException;
import java.util.ArrayList;
import java.util.List;

/** Typed fields of a JSON request body, with a 400 that names the field when one is wrong. */
final class RequestFields {

  private RequestFields() {}

  /** A required string field. */
  static String string(JsonNode body, String key) {
    JsonNode value = object(body).get(key);
    if (value == null || value.isNull()) {
      throw LmException.badInput(key + " is required");
    }
    if (!value.isTextual()) {
      throw LmException.badInput(key + " must be a string");
    }
    return value.asText();
  }

  /** A required list of strings; {@code emptyMessage} when it has none. */
  static List<String> strings(JsonNode body, String key, String emptyMessage) {
    JsonNode value = object(body).get(key);
    if (value == null || value.isNull()) {
      throw LmException.badInput(key + " is required");
    }
    if (!value.isArray()) {
      throw LmException.badInput(key + " must be a list of strings");
    }
    List<String> items = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw LmException.badInput(key + " must be a list of strings");
      }
      items.add(item.asText());
    }
    if (items.isEmpty()) {
      throw LmException.badInput(emptyMessage);
    }
    return items;
  }

  private static JsonNode object(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw LmException.badInput("Request body must be a JSON object");
    }
    return body;
  }
}
