package io.loramanager.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.loramanager.storage.JsonFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Real settings for tests without Quarkus: an {@link LmConfig} pointing at a folder, and a loaded
 * {@link SettingsStore} over it (a {@code settings.json} there is read, none means defaults).
 */
public final class TestSettings {

  private TestSettings() {}

  /** Configuration with every default, data in {@code dataDir}. */
  public record Config(Path dataDir) implements LmConfig {
    @Override
    public Optional<Path> settingsFile() {
      return Optional.empty();
    }

    @Override
    public Path modelsDir() {
      return dataDir.resolve("models");
    }

    @Override
    public Scan scan() {
      return new Scan() {
        @Override
        public boolean watch() {
          return false;
        }

        @Override
        public Duration watchDebounce() {
          return Duration.ofSeconds(2);
        }

        @Override
        public int threads() {
          return 0;
        }

        @Override
        public Duration progressInterval() {
          return Duration.ofMillis(500);
        }
      };
    }
  }

  /** A store loaded from {@code dataDir/settings.json}, as the container would after injection. */
  public static SettingsStore store(Path dataDir) {
    SettingsStore store = new SettingsStore(new Config(dataDir), new JsonFiles(new ObjectMapper()));
    store.load();
    return store;
  }

  public static LibrarySettings library(Path dataDir) {
    return new LibrarySettings(store(dataDir));
  }
}
