package io.loramanager.settings;

import com.fasterxml.jackson.databind.JsonNode;
import io.loramanager.errors.LmException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/lm/settings}: a partial update. Every known key is checked first and the first
 * bad one rejects the whole update (nothing is written); unknown keys are stored as given; {@code
 * "__DELETE__"} removes a key (its default applies again); the read-only keys GET adds ({@code
 * settings_file}, {@code <secret>_set}) are ignored, so a client may send back what it read. The
 * active library is switched with {@link LibraryRegistry#activate}, not here.
 */
@ApplicationScoped
public class SettingsEditor {

  /** The reference's value for "remove this key". */
  static final String DELETE = "__DELETE__";

  private final SettingsStore store;

  @Inject
  public SettingsEditor(SettingsStore store) {
    this.store = store;
  }

  /**
   * Applies {@code changes} and returns the settings now live.
   *
   * @throws LmException bad input naming the first bad key; see {@link SettingsStore#update}
   */
  public SettingsSnapshot apply(JsonNode changes) {
    if (changes == null || !changes.isObject()) {
      throw LmException.badInput("Request body must be a JSON object of settings");
    }
    Set<String> keys = new LinkedHashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = changes.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> change = it.next();
      if (!readOnly(change.getKey())) {
        check(change.getKey(), change.getValue());
        keys.add(change.getKey());
      }
    }
    return store.update(
        document -> {
          for (String key : keys) {
            JsonNode value = changes.get(key);
            if (isDelete(value)) {
              document.remove(key);
            } else {
              document.set(key, value.deepCopy());
            }
          }
          LibraryRegistry.mirror(document, keys);
        });
  }

  private static void check(String key, JsonNode value) {
    if (SettingsSchema.ACTIVE_LIBRARY.equals(key) && !isDelete(value)) {
      throw LmException.badInput(
          "active_library is changed with POST /api/lm/settings/libraries/activate");
    }
    SettingsSchema.Key known = SettingsSchema.KEYS.get(key);
    if (known == null || isDelete(value)) {
      return;
    }
    String problem = known.rule().check(key, value);
    if (problem != null) {
      throw LmException.badInput(problem);
    }
  }

  private static boolean isDelete(JsonNode value) {
    return value.isTextual() && DELETE.equals(value.asText());
  }

  /** Keys GET derives; they are never stored. */
  private static boolean readOnly(String key) {
    if (SettingsView.SETTINGS_FILE.equals(key)) {
      return true;
    }
    return key.endsWith(SettingsView.SET_SUFFIX)
        && SettingsSchema.isSecret(
            key.substring(0, key.length() - SettingsView.SET_SUFFIX.length()));
  }
}
