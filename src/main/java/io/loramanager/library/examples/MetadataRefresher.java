package io.loramanager.library.examples;

import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;

/**
 * Re-fetches a model's Civitai metadata by hash and rewrites its sidecar, used once per model when
 * the CDN answers 404 (the image list is probably stale). An interface so that {@code library} need
 * not depend on {@code civitai}, which implements it ({@code CivitaiMetadataRefresher}).
 */
public interface MetadataRefresher {

  /** True when the sidecar was refreshed and its {@code civitai.images} may have changed. */
  boolean refresh(ModelType type, ModelEntry model);
}
