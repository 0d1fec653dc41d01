package io.loramanager.recipe.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The metadata a parser is offered: the text from the image, and the same text as a JSON object
 * when it is one (parsed once for every parser).
 *
 * @param json the parsed object, or null when the text is not a JSON object
 */
public record MetadataText(String text, JsonNode json) {

  public static MetadataText of(String text, ObjectMapper mapper) {
    JsonNode json = null;
    String trimmed = text.trim();
    if (trimmed.startsWith("{")) {
      try {
        JsonNode parsed = mapper.readTree(trimmed);
        json = parsed != null && parsed.isObject() ? parsed : null;
      } catch (Exception e) {
        // Not JSON (or malformed JSON): the text parsers may still understand it.
        json = null;
      }
    }
    return new MetadataText(text, json);
  }
}
