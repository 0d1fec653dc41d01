package io.loramanager.civitai;

import io.loramanager.errors.LmException;
import io.loramanager.library.lifecycle.PreviewFormat;
import io.loramanager.outbound.FetchedBody;
import io.loramanager.outbound.UrlFetcher;
import io.loramanager.settings.LmConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Fetches the chosen preview (anchor-library §5.6) into memory through {@link UrlFetcher}, so only
 * allowed hosts are reached and every redirect is checked. The content decides the format; a URL
 * that fails or is not an image or video we keep is passed over for the next one. Best effort: a
 * model without a preview is still a successful fetch.
 */
@ApplicationScoped
public class PreviewDownloader {

  private static final Logger LOG = Logger.getLogger(PreviewDownloader.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final UrlFetcher fetcher;
  private final long maxBytes;

  @Inject
  public PreviewDownloader(UrlFetcher fetcher, LmConfig config) {
    this.fetcher = fetcher;
    this.maxBytes = config.lifecycle().maxPreviewBytes().asLongValue();
  }

  /** Preview bytes ready to be saved as {@code NAME + format.suffix()}. */
  public record Downloaded(byte[] bytes, PreviewFormat format, int nsfwLevel) {}

  /** The first URL of the choice that gives a usable preview, if any. */
  public Optional<Downloaded> download(PreviewChoice.Choice choice) {
    for (URI url : choice.urls()) {
      try {
        FetchedBody body = fetcher.fetch(url, maxBytes, TIMEOUT);
        byte[] bytes = body.bytes();
        Optional<PreviewFormat> format =
            PreviewFormat.sniff(
                Arrays.copyOf(bytes, Math.min(bytes.length, PreviewFormat.HEAD_BYTES)));
        if (format.isPresent()) {
          return Optional.of(new Downloaded(bytes, format.get(), choice.nsfwLevel()));
        }
        LOG.warnf("Preview %s is not an image or video we keep; skipped", url);
      } catch (LmException e) {
        LOG.warnf("Preview %s not fetched: %s", url, e.getMessage());
      }
    }
    return Optional.empty();
  }
}
