package io.loramanager.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.loramanager.settings.LibrarySettings;
import io.loramanager.settings.LmConfig;
import io.loramanager.settings.SettingsStore;
import io.loramanager.storage.JsonFiles;
import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** An {@link LmConfig} for tests that build beans with {@code new}, no Quarkus. */
public record TestConfig(
    Path dataDir,
    Optional<Path> settingsFile,
    Path modelsDir,
    URI civitaiApiUrl,
    Optional<List<String>> downloadHosts)
    implements LmConfig {

  public static TestConfig of(Path dataDir, Path modelsDir) {
    return new TestConfig(
        dataDir, Optional.empty(), modelsDir, URI.create(CIVITAI_API), Optional.empty());
  }

  private static final String CIVITAI_API = "https://civitai.com/api/v1";

  public TestConfig withSettingsFile(Path file) {
    return new TestConfig(dataDir, Optional.of(file), modelsDir, civitaiApiUrl, downloadHosts);
  }

  public TestConfig withCivitaiApiUrl(String url) {
    return new TestConfig(dataDir, settingsFile, modelsDir, URI.create(url), downloadHosts);
  }

  public TestConfig withDownloadHosts(String... hosts) {
    return new TestConfig(
        dataDir, settingsFile, modelsDir, civitaiApiUrl, Optional.of(List.of(hosts)));
  }

  @Override
  public Civitai civitai() {
    return new TestCivitai(civitaiApiUrl);
  }

  /** The Civitai settings with the defaults of application.properties, fast retries. */
  record TestCivitai(URI apiUrl) implements Civitai {
    @Override
    public Optional<String> apiKey() {
      return Optional.empty();
    }

    @Override
    public Duration connectTimeout() {
      return Duration.ofSeconds(2);
    }

    @Override
    public Duration readTimeout() {
      return Duration.ofSeconds(5);
    }

    @Override
    public double requestsPerSecond() {
      return 1000;
    }

    @Override
    public int retryAttempts() {
      return 3;
    }

    @Override
    public Duration retryBackoff() {
      return Duration.ofMillis(1);
    }

    @Override
    public Duration maxRetryAfter() {
      return Duration.ofSeconds(3);
    }

    @Override
    public Duration offlineCooldown() {
      return Duration.ofSeconds(2);
    }

    @Override
    public int versionCacheSize() {
      return 500;
    }
  }

  /** A settings store over this configuration. */
  public SettingsStore settings() {
    return new SettingsStore(this, new JsonFiles(new ObjectMapper()));
  }

  /** Library settings over this configuration. */
  public LibrarySettings librarySettings() {
    return new LibrarySettings(settings());
  }

  /** Download settings with tiny delays, so fault tests run in milliseconds. */
  @Override
  public Download download() {
    return new Download() {
      @Override
      public int maxRetries() {
        return 2;
      }

      @Override
      public Duration retryBaseDelay() {
        return Duration.ofMillis(1);
      }

      @Override
      public Duration connectTimeout() {
        return Duration.ofSeconds(2);
      }

      @Override
      public Duration readTimeout() {
        return Duration.ofSeconds(5);
      }

      @Override
      public Duration stallTimeout() {
        return Duration.ofSeconds(1);
      }

      @Override
      public Duration progressInterval() {
        return Duration.ZERO;
      }

      @Override
      public int maxConcurrent() {
        return 2;
      }

      @Override
      public Duration queuePoll() {
        return Duration.ZERO;
      }
    };
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
        return new MemorySize(BigInteger.valueOf(32L << 20));
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

  @Override
  public Optional<String> apiToken() {
    return Optional.empty();
  }

  @Override
  public Cors cors() {
    return Optional::empty;
  }

  @Override
  public Limits limits() {
    return new Limits() {
      @Override
      public MemorySize jsonBody() {
        return new MemorySize(BigInteger.valueOf(4L << 20));
      }

      @Override
      public MemorySize multipartBody() {
        return new MemorySize(BigInteger.valueOf(64L << 20));
      }
    };
  }

  @Override
  public Examples examples() {
    return new Examples() {
      @Override
      public int concurrency() {
        return 2;
      }

      @Override
      public Duration imageTimeout() {
        return Duration.ofSeconds(2);
      }

      @Override
      public MemorySize maxImageBytes() {
        return new MemorySize(BigInteger.valueOf(1L << 20));
      }

      @Override
      public Duration rateLimitDelay() {
        return Duration.ofMillis(5);
      }

      @Override
      public int rateLimitRetries() {
        return 3;
      }
    };
  }
}
