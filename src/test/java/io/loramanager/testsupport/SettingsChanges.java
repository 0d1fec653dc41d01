package io.loramanager.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.settings.SettingsStore;
import java.util.List;

/**
 * Changes the organize keys of the {@code @QuarkusTest} server's settings through its live store
 * (as {@code POST /api/lm/settings} does): a test sets what it needs and removes the keys after.
 */
public final class SettingsChanges {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> ORGANIZE_KEYS =
      List.of(
          "download_path_templates",
          "base_model_path_mappings",
          "priority_tags",
          "auto_organize_exclusions");

  private SettingsChanges() {}

  public static ObjectNode empty() {
    return MAPPER.createObjectNode();
  }

  /** Sets every key of {@code settings}; the next operation sees them. */
  public static void write(SettingsStore store, ObjectNode settings) {
    store.update(
        document ->
            settings
                .fields()
                .forEachRemaining(
                    field -> document.set(field.getKey(), field.getValue().deepCopy())));
  }

  /** Removes the path-template and auto-organize keys (back to their defaults). */
  public static void remove(SettingsStore store) {
    store.update(document -> ORGANIZE_KEYS.forEach(document::remove));
  }
}
