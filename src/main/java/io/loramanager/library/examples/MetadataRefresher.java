package io.loramanager.library.examples;

import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;

/**
 * Re-fetches a model's Civitai metadata by hash and rewrites its sidecar, used once per model when
 * the CDN answers 404 (the image list is probably stale). The Civitai client provides the real
 * implementation; until then {@link NoMetadataRefresher} declines.
 */
public interface MetadataRefresher {

  /** True when the sidecar was refreshed and its {@code civitai.images} may have changed. */
  boolean refresh(ModelType type, ModelEntry model);
}
