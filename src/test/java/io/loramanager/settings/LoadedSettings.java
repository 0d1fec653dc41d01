package io.loramanager.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.loramanager.storage.JsonFiles;

/** A {@link SettingsStore} loaded as the container would, for tests without Quarkus. */
public final class LoadedSettings {

  private LoadedSettings() {}

  public static SettingsStore of(LmConfig config) {
    SettingsStore store = new SettingsStore(config, new JsonFiles(new ObjectMapper()));
    store.load();
    return store;
  }
}
