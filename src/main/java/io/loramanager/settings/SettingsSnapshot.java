package io.loramanager.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One version of {@code settings.json}, never changed once published: take it once and read it as
 * often as needed for a consistent view, or call {@link SettingsStore#current()} again for the
 * latest. Every key is kept, unknown ones too.
 */
public final class SettingsSnapshot {

  private final ObjectNode document;

  /** Takes ownership of {@code document}: nobody may change it afterwards. */
  SettingsSnapshot(ObjectNode document) {
    this.document = document;
  }

  static SettingsSnapshot empty() {
    return new SettingsSnapshot(JsonNodeFactory.instance.objectNode());
  }

  /** A copy of every key, unknown ones included. */
  public ObjectNode document() {
    return document.deepCopy();
  }

  /** A copy of one value, or null when the key is absent. */
  public JsonNode value(String key) {
    JsonNode node = document.get(key);
    return node == null ? null : node.deepCopy();
  }

  /** The value itself, for reading inside this package only (it must not be changed). */
  JsonNode node(String key) {
    return document.get(key);
  }

  public boolean has(String key) {
    return document.has(key);
  }

  public String string(String key, String fallback) {
    JsonNode node = document.get(key);
    return node != null && node.isTextual() ? node.asText() : fallback;
  }

  public boolean bool(String key, boolean fallback) {
    JsonNode node = document.get(key);
    return node != null && node.isBoolean() ? node.asBoolean() : fallback;
  }

  public int integer(String key, int fallback) {
    JsonNode node = document.get(key);
    return node != null && node.canConvertToInt() ? node.asInt() : fallback;
  }

  /** Paths of {@code folder_paths.<name>} then {@code extra_folder_paths.<name>}. */
  public List<String> folderPaths(String name) {
    List<String> paths = new ArrayList<>();
    addStrings(document.path("folder_paths").path(name), paths);
    addStrings(document.path("extra_folder_paths").path(name), paths);
    return paths;
  }

  /** True when {@code folder_paths} names at least one folder of any kind. */
  public boolean hasFolderPaths() {
    JsonNode paths = document.path("folder_paths");
    if (!paths.isObject()) {
      return false;
    }
    for (JsonNode value : paths) {
      List<String> found = new ArrayList<>();
      addStrings(value, found);
      if (!found.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private static void addStrings(JsonNode node, List<String> out) {
    if (node.isTextual() && !node.asText().isBlank()) {
      out.add(node.asText());
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        if (item.isTextual() && !item.asText().isBlank()) {
          out.add(item.asText());
        }
      }
    }
  }
}
