package io.loramanager.library.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.errors.LmException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Merges a client's metadata changes into a sidecar as the reference's save-metadata does: an
 * object value is merged shallowly into the existing object, other values replace; tags are
 * trimmed, lower-cased and de-duplicated. Values that would break a required field are refused.
 */
public final class SidecarMerge {

  /** The request key naming the model; never written as a change. */
  public static final String FILE_PATH = "file_path";

  private static final Set<String> TEXT_KEYS =
      Set.of("file_name", "model_name", "sha256", "base_model", "preview_url");
  private static final Set<String> NUMBER_KEYS = Set.of("size", "modified");

  private SidecarMerge() {}

  /**
   * Checks every change before any is applied.
   *
   * @throws LmException bad input naming the first key with a wrong type
   */
  public static void validate(ObjectNode updates) {
    Iterator<Map.Entry<String, JsonNode>> fields = updates.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (TEXT_KEYS.contains(key) && !value.isTextual()) {
        throw LmException.badInput("'" + key + "' must be a string");
      }
      if (NUMBER_KEYS.contains(key) && !value.isNumber()) {
        throw LmException.badInput("'" + key + "' must be a number");
      }
      if ("tags".equals(key)) {
        normaliseTags(value);
      }
      if ("civitai".equals(key) && !value.isObject()) {
        throw LmException.badInput("'civitai' must be an object");
      }
    }
  }

  /** Applies validated {@code updates} to {@code sidecar}. */
  public static void merge(ObjectNode sidecar, ObjectNode updates) {
    validate(updates);
    Iterator<Map.Entry<String, JsonNode>> fields = updates.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      JsonNode existing = sidecar.get(key);
      if (FILE_PATH.equals(key)) {
        continue;
      }
      if ("tags".equals(key)) {
        sidecar.set(key, array(normaliseTags(value)));
      } else if (value.isObject() && existing != null && existing.isObject()) {
        ((ObjectNode) existing).setAll((ObjectNode) value.deepCopy());
      } else {
        sidecar.set(key, value.deepCopy());
      }
    }
  }

  /** Appends the normalised {@code tags} not already present (ignoring case); returns all tags. */
  public static List<String> addTags(ObjectNode sidecar, JsonNode tags) {
    List<String> added = normaliseTags(tags);
    List<String> all = new ArrayList<>();
    Set<String> present = new LinkedHashSet<>();
    JsonNode existing = sidecar.get("tags");
    if (existing != null && existing.isArray()) {
      for (JsonNode tag : existing) {
        if (tag.isTextual()) {
          all.add(tag.asText());
          present.add(tag.asText().toLowerCase(Locale.ROOT));
        }
      }
    }
    for (String tag : added) {
      if (present.add(tag)) {
        all.add(tag);
      }
    }
    sidecar.set("tags", array(all));
    return all;
  }

  /** Trimmed, lower-cased, blank ones dropped, first occurrence kept. */
  static List<String> normaliseTags(JsonNode tags) {
    if (tags == null || !tags.isArray()) {
      throw LmException.badInput("Tags must be a list");
    }
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode tag : tags) {
      if (!tag.isTextual()) {
        throw LmException.badInput("Tags must be strings, got " + tag);
      }
      String normalised = tag.asText().trim().toLowerCase(Locale.ROOT);
      if (!normalised.isEmpty()) {
        out.add(normalised);
      }
    }
    return List.copyOf(out);
  }

  private static ArrayNode array(List<String> values) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    values.forEach(array::add);
    return array;
  }
}
