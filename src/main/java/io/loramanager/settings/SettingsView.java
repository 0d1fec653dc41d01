package io.loramanager.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.storage.JsonFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/lm/settings}: the stored settings over the reference defaults, without the keys
 * the reference leaves out (roots, libraries, hash chunk size, stall timeout) and without any
 * secret: each secret is replaced by {@code <key>_set: true|false}. Keys are sorted.
 */
@ApplicationScoped
public class SettingsView {

  static final String SETTINGS_FILE = "settings_file";
  static final String SET_SUFFIX = "_set";

  private final SettingsStore store;
  private final ObjectMapper mapper;

  @Inject
  public SettingsView(SettingsStore store, JsonFiles json) {
    this.store = store;
    this.mapper = json.mapper();
  }

  /** The {@code settings} object of the response. */
  public ObjectNode settings() {
    ObjectNode document = store.current().document();
    Map<String, JsonNode> shown = new TreeMap<>();
    for (SettingsSchema.Key key : SettingsSchema.KEYS.values()) {
      if (key.defaultValue() != null) {
        shown.put(key.name(), mapper.valueToTree(key.defaultValue()));
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = document.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      shown.put(field.getKey(), field.getValue());
    }
    for (String secret : SettingsSchema.SECRETS) {
      shown.putIfAbsent(secret, mapper.getNodeFactory().textNode(""));
    }
    ObjectNode settings = mapper.createObjectNode();
    for (Map.Entry<String, JsonNode> field : shown.entrySet()) {
      String key = field.getKey();
      if (SettingsSchema.isSecret(key)) {
        JsonNode value = field.getValue();
        settings.put(
            key + SET_SUFFIX, value.isTextual() ? !value.asText().isEmpty() : !value.isNull());
      } else if (!SettingsSchema.NOT_SHOWN.contains(key)) {
        settings.set(key, field.getValue());
      }
    }
    settings.put(SETTINGS_FILE, store.file().toAbsolutePath().normalize().toString());
    return sorted(settings);
  }

  /** The {@code messages} of the response: why the settings file was not used, if it was not. */
  public List<StartupMessage> messages() {
    List<StartupMessage> messages = new ArrayList<>();
    store
        .startupProblem()
        .ifPresent(
            problem ->
                messages.add(
                    new StartupMessage(
                        "settings-json-invalid",
                        "Settings file could not be parsed",
                        "LoRA Manager could not read settings.json. Default settings are used"
                            + " until it is fixed; saving settings is refused so that it is not"
                            + " overwritten.",
                        "error",
                        false,
                        problem,
                        store.file().toAbsolutePath().normalize().toString())));
    return messages;
  }

  private ObjectNode sorted(ObjectNode settings) {
    Map<String, JsonNode> byName = new TreeMap<>();
    settings.fields().forEachRemaining(field -> byName.put(field.getKey(), field.getValue()));
    ObjectNode out = mapper.createObjectNode();
    byName.forEach(out::set);
    return out;
  }
}
