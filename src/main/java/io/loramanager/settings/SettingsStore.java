package io.loramanager.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.storage.JsonFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The reference-format {@code settings.json}: read when present, every key kept (unknown ones too),
 * typed accessors for the keys this server acts on. A missing file means defaults.
 */
@ApplicationScoped
public class SettingsStore {

  private static final Logger LOG = Logger.getLogger(SettingsStore.class);

  private final LmConfig config;
  private final JsonFiles json;
  private volatile ObjectNode settings;

  @Inject
  public SettingsStore(LmConfig config, JsonFiles json) {
    this.config = config;
    this.json = json;
    this.settings = readOrEmpty(file());
  }

  /** Where the settings live: {@code lm.settings-file}, else {@code settings.json} in data. */
  public Path file() {
    return config.settingsFile().orElse(config.dataDir().resolve("settings.json"));
  }

  private ObjectNode readOrEmpty(Path file) {
    if (!Files.isRegularFile(file)) {
      return json.mapper().createObjectNode();
    }
    try {
      return json.readObject(file);
    } catch (IOException e) {
      // Never overwrite a file we could not read: run on defaults and say why.
      LOG.errorf("Settings file %s is unreadable (%s); using defaults", file, e.getMessage());
      return json.mapper().createObjectNode();
    }
  }

  /** Reads the file again, e.g. after it was edited by hand; a bad file keeps the defaults. */
  public void reload() {
    settings = readOrEmpty(file());
  }

  /** A copy of every key, unknown ones included. */
  public ObjectNode snapshot() {
    return settings.deepCopy();
  }

  /** Paths of {@code folder_paths.<name>} then {@code extra_folder_paths.<name>}. */
  public List<String> folderPaths(String name) {
    List<String> paths = new ArrayList<>();
    addStrings(settings.path("folder_paths").path(name), paths);
    addStrings(settings.path("extra_folder_paths").path(name), paths);
    return paths;
  }

  /** True when {@code folder_paths} names at least one folder of any kind. */
  public boolean hasFolderPaths() {
    JsonNode paths = settings.path("folder_paths");
    if (!paths.isObject()) {
      return false;
    }
    for (JsonNode value : paths) {
      if (value.isArray() ? !value.isEmpty() : value.isTextual() && !value.asText().isBlank()) {
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

  public String string(String key, String fallback) {
    JsonNode node = settings.get(key);
    return node != null && node.isTextual() ? node.asText() : fallback;
  }

  public boolean bool(String key, boolean fallback) {
    JsonNode node = settings.get(key);
    return node != null && node.isBoolean() ? node.asBoolean() : fallback;
  }

  public int integer(String key, int fallback) {
    JsonNode node = settings.get(key);
    return node != null && node.canConvertToInt() ? node.asInt() : fallback;
  }
}
