package io.loramanager.testsupport;

import io.loramanager.settings.LmConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** An {@link LmConfig} for tests without Quarkus: the given folders, the documented defaults. */
public record TestLmConfig(Path dataDir, Path modelsDir) implements LmConfig {

  @Override
  public Optional<Path> settingsFile() {
    return Optional.empty();
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
        return 1;
      }

      @Override
      public Duration progressInterval() {
        return Duration.ZERO;
      }
    };
  }
}
