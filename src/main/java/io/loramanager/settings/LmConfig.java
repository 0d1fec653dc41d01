package io.loramanager.settings;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every setting of the server under {@code lm.*}; each key can also be given as an environment
 * variable ({@code lm.data-dir} is {@code LM_DATA_DIR}). README lists them all.
 */
@ConfigMapping(prefix = "lm")
public interface LmConfig {

  /** Folder for the SQLite database and caches. */
  Path dataDir();

  /**
   * A reference-format {@code settings.json}; its {@code folder_paths} give the model roots. When
   * unset, {@code settings.json} in the data directory (read if it exists; {@code POST
   * /api/lm/settings} writes it).
   */
  Optional<Path> settingsFile();

  /**
   * Folder whose {@code loras}, {@code checkpoints}, {@code diffusion_models}, {@code unet} and
   * {@code embeddings} sub-folders are the roots when settings name none.
   */
  @WithDefault("models")
  Path modelsDir();

  /** Scanning and the catalogue. */
  Scan scan();

  /** Delete, undo, previews and the other model lifecycle operations. */
  Lifecycle lifecycle();

  /** The recipe book: where recipes live, upload and share limits. */
  Recipes recipes();

  /** Settings of the recipe book. */
  interface Recipes {

    /**
     * Folder of the recipe files. When unset: {@code recipes_path} of {@code settings.json}, else
     * {@code recipes} inside the first LoRA root (as the reference).
     */
    Optional<Path> dir();

    /**
     * Largest image or video a recipe save or analysis accepts (upload, or a file read by
     * analyze-local-image; 413 beyond). Keep it below {@code quarkus.http.limits.max-body-size}.
     */
    @WithDefault("32M")
    MemorySize maxUploadBytes();

    /** How long a shared recipe image can be downloaded. */
    @WithDefault("300s")
    Duration shareTtl();
  }

  /** Access to the Civitai API. */
  Civitai civitai();

  /** Downloading models' example images (the folder itself is {@code example_images_path}). */
  Examples examples();

  /**
   * Hosts that downloads and URL imports may reach ({@code LM_DOWNLOAD_HOSTS}, comma-separated):
   * exact names or {@code *.domain}. Unset means Civitai's own hosts and download CDN. The host of
   * {@code lm.civitai.api-url} is always allowed. Hosts listed by exact name may resolve to private
   * or loopback addresses (a LAN mirror); every other host must resolve to a public address.
   */
  Optional<List<String>> downloadHosts();

  /**
   * Token every {@code /api} and {@code /ws} request must carry when set ({@code LM_API_TOKEN}):
   * {@code Authorization: Bearer <token>}, or {@code ?token=} on a WebSocket. Required when the
   * server listens on anything but loopback. Never logged.
   */
  Optional<String> apiToken();

  /** Cross-origin access from browser pages served elsewhere. */
  Cors cors();

  /** Size limits of request bodies. */
  Limits limits();

  /** Cross-origin resource sharing: off unless origins are listed. */
  interface Cors {

    /**
     * Origins (e.g. {@code http://192.168.1.5:8188}) whose pages may call the API from a browser
     * ({@code LM_CORS_ORIGINS}, comma-separated; {@code *} for any). Unset means no CORS headers.
     */
    Optional<List<String>> origins();
  }

  /** Request body limits, checked from {@code Content-Length} before the body is read. */
  interface Limits {

    /**
     * Largest body of a non-multipart request, e.g. JSON (413 beyond). A body without {@code
     * Content-Length} is bounded by {@code quarkus.http.limits.max-body-size} only.
     */
    @WithDefault("4M")
    MemorySize jsonBody();

    /** Largest multipart request (uploads; 413 beyond); at most the hard cap. */
    @WithDefault("64M")
    MemorySize multipartBody();
  }

  /** Model file downloads: retries, timeouts, concurrency. */
  Download download();

  /** Settings of model file downloads ({@code lm.download.*}). */
  interface Download {

    /** Retries after a network error or stall (consecutive, without progress in between). */
    @WithDefault("5")
    int maxRetries();

    /** Delay before the first retry; each further retry doubles it (2 s, 4 s, 8 s, ...). */
    @WithDefault("2s")
    Duration retryBaseDelay();

    /** Time allowed to open a TCP (and TLS) connection. */
    @WithDefault("60s")
    Duration connectTimeout();

    /** Time allowed between sending a request and receiving the response headers. */
    @WithDefault("300s")
    Duration readTimeout();

    /** A transfer that receives no byte for this long is dropped and resumed. */
    @WithDefault("120s")
    Duration stallTimeout();

    /** Minimum time between two progress reports of one download. */
    @WithDefault("500ms")
    Duration progressInterval();

    /** Downloads transferring at the same time; further ones wait in the queue. */
    @WithDefault("5")
    int maxConcurrent();

    /**
     * How often the server looks for queued downloads to start ({@code 0} turns draining off: the
     * client then drives the queue, as with the reference).
     */
    @WithDefault("1s")
    Duration queuePoll();
  }

  /** Settings of the Civitai API. */
  interface Civitai {

    /**
     * Base URL of the Civitai REST API ({@code LM_CIVITAI_API_URL}); mirrors and tests change it.
     */
    @WithDefault("https://civitai.com/api/v1")
    URI apiUrl();

    /**
     * API key used when {@code settings.json} has no {@code civitai_api_key} ({@code
     * LM_CIVITAI_API_KEY}); sent as a Bearer token to Civitai hosts only, never logged.
     */
    Optional<String> apiKey();

    /** How long to wait for a connection to the API. */
    @WithDefault("10s")
    Duration connectTimeout();

    /** How long to wait for an answer of the API. */
    @WithDefault("30s")
    Duration readTimeout();

    /** Requests per second to the API, shared by every caller (bulk refresh, lookups). */
    @WithDefault("2")
    double requestsPerSecond();

    /** Attempts per request for transient failures (5xx, resets, 429) before giving up. */
    @WithDefault("3")
    int retryAttempts();

    /** First wait between attempts; it doubles on each further attempt. */
    @WithDefault("1s")
    Duration retryBackoff();

    /** A {@code Retry-After} this long or longer is not waited for: the request fails at once. */
    @WithDefault("120s")
    Duration maxRetryAfter();

    /** After a refused connection or an unknown host, requests fail fast for this long. */
    @WithDefault("30s")
    Duration offlineCooldown();

    /** Model versions kept in memory after a successful lookup by id. */
    @WithDefault("500")
    int versionCacheSize();
  }

  /** Settings of the model lifecycle operations. */
  interface Lifecycle {

    /**
     * Largest preview file replace-preview accepts (413 beyond). Keep it below {@code
     * quarkus.http.limits.max-body-size}, the hard cap of any request body.
     */
    @WithDefault("50M")
    MemorySize maxPreviewBytes();

    /** How long a delete can be undone; the staged files are purged after it. */
    @WithDefault("20s")
    Duration undoWindow();
  }

  /** Settings of the library scan. */
  interface Scan {

    /** Watch the roots and catalogue files dropped in without a manual rescan. */
    @WithDefault("true")
    boolean watch();

    /** Quiet time after the last file change before the watcher rescans. */
    @WithDefault("2s")
    Duration watchDebounce();

    /** Threads that read sidecars and hash new files during a scan (0 = number of cores). */
    @WithDefault("0")
    int threads();

    /** Minimum time between two init-progress frames during a scan. */
    @WithDefault("500ms")
    Duration progressInterval();
  }

  /** Settings of the example-image downloads. */
  interface Examples {

    /** Images of one model fetched at the same time. */
    @WithDefault("2")
    int concurrency();

    /** Longest wait for a CDN to answer one image; a stalled CDN fails that image. */
    @WithDefault("30s")
    Duration imageTimeout();

    /** Largest example image or video accepted. */
    @WithDefault("200M")
    MemorySize maxImageBytes();

    /** Wait after an HTTP 429 without Retry-After; doubled on each retry. */
    @WithDefault("60s")
    Duration rateLimitDelay();

    /** Retries of a rate-limited image before the model is left for the next run. */
    @WithDefault("3")
    int rateLimitRetries();
  }
}
