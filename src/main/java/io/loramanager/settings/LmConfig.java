package io.loramanager.settings;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
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
   * unset, {@code settings.json} in the data directory is used if it exists.
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

    /** Largest image or video a recipe save accepts (413 beyond). */
    @WithDefault("50M")
    MemorySize maxUploadBytes();

    /** How long a shared recipe image can be downloaded. */
    @WithDefault("300s")
    Duration shareTtl();
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
}
