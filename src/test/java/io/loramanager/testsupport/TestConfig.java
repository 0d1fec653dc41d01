package io.loramanager.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.loramanager.settings.LibrarySettings;
import io.loramanager.settings.LmConfig;
import io.loramanager.settings.SettingsStore;
import io.loramanager.storage.JsonFiles;
import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** An {@link LmConfig} for tests that build beans with {@code new}, no Quarkus. */
public record TestConfig(Path dataDir, Optional<Path> settingsFile, Path modelsDir)
    implements LmConfig {

  public static TestConfig of(Path dataDir, Path modelsDir) {
    return new TestConfig(dataDir, Optional.empty(), modelsDir);
  }

  public TestConfig withSettingsFile(Path file) {
    return new TestConfig(dataDir, Optional.of(file), modelsDir);
  }

  /** A settings store over this configuration. */
  public SettingsStore settings() {
    return new SettingsStore(this, new JsonFiles(new ObjectMapper()));
  }

  /** Library settings over this configuration. */
  public LibrarySettings librarySettings() {
    return new LibrarySettings(settings());
  }

  @Override
  public Lifecycle lifecycle() {
    return new Lifecycle() {
      @Override
      public MemorySize maxPreviewBytes() {
        return new MemorySize(BigInteger.valueOf(50L << 20));
      }

      @Override
      public Duration undoWindow() {
        return Duration.ofSeconds(20);
      }
    };
  }

  @Override
  public Recipes recipes() {
    return new Recipes() {
      @Override
      public Optional<Path> dir() {
        return Optional.empty();
      }

      @Override
      public MemorySize maxUploadBytes() {
        return new MemorySize(BigInteger.valueOf(50L << 20));
      }

      @Override
      public Duration shareTtl() {
        return Duration.ofSeconds(300);
      }
    };
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
        return Duration.ofMillis(200);
      }

      @Override
      public int threads() {
        return 2;
      }

      @Override
      public Duration progressInterval() {
        return Duration.ZERO;
      }
    };
  }
}
