package io.loramanager.civitai;

import io.loramanager.errors.LmException;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.library.examples.MetadataRefresher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Refreshes a model's sidecar from Civitai by hash when its example images answered 404: the image
 * list is probably stale. Any failure (offline, not found) just declines; the run goes on.
 */
@ApplicationScoped
public class CivitaiMetadataRefresher implements MetadataRefresher {

  private static final Logger LOG = Logger.getLogger(CivitaiMetadataRefresher.class);

  private final MetadataFetcher fetcher;

  @Inject
  public CivitaiMetadataRefresher(MetadataFetcher fetcher) {
    this.fetcher = fetcher;
  }

  @Override
  public boolean refresh(ModelType type, ModelEntry model) {
    try {
      fetcher.fetch(type, model);
      return true;
    } catch (LmException e) {
      LOG.infof("Metadata refresh of %s failed: %s", model.filePath(), e.getMessage());
      return false;
    }
  }
}
