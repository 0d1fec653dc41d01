package io.loramanager.library.lifecycle;

import io.loramanager.errors.LmException;
import io.loramanager.library.ModelType;
import io.loramanager.outbound.CivitaiImageUrls;
import io.loramanager.outbound.FetchedBody;
import io.loramanager.outbound.OutboundPolicy;
import io.loramanager.outbound.UrlFetcher;
import io.loramanager.settings.LmConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;

/**
 * set-preview-from-url (anchor-library §4.1): downloads an image from an allowed host (Civitai
 * originals at preview size) and makes it the model's preview exactly as replace-preview does.
 */
@ApplicationScoped
public class PreviewFromUrl {

  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final SidecarEditor editor;
  private final OutboundPolicy policy;
  private final UrlFetcher fetcher;
  private final PreviewReplacer replacer;
  private final LmConfig config;

  @Inject
  public PreviewFromUrl(
      SidecarEditor editor,
      OutboundPolicy policy,
      UrlFetcher fetcher,
      PreviewReplacer replacer,
      LmConfig config) {
    this.editor = editor;
    this.policy = policy;
    this.fetcher = fetcher;
    this.replacer = replacer;
    this.config = config;
  }

  /**
   * @param nsfwLevel the new {@code preview_nsfw_level}, or null to keep it
   */
  public PreviewReplacer.Replaced set(
      ModelType type, String modelPath, String imageUrl, Integer nsfwLevel) {
    if (modelPath == null || modelPath.isBlank()) {
      throw LmException.badInput("Model path is required");
    }
    if (imageUrl == null || imageUrl.isBlank()) {
      throw LmException.badInput("Image URL is required");
    }
    URI url = CivitaiImageUrls.previewSized(policy.parse(imageUrl));
    // An unknown model or a path outside the roots is refused before anything is downloaded.
    editor.catalogued(type, modelPath.trim());
    FetchedBody image = download(url);
    return replacer.replace(type, modelPath, image.bytes(), nsfwLevel);
  }

  private FetchedBody download(URI url) {
    try {
      return fetcher.fetch(url, config.lifecycle().maxPreviewBytes().asLongValue(), TIMEOUT);
    } catch (LmException e) {
      if (e.kind() == LmException.Kind.UPSTREAM) {
        throw new LmException(
            LmException.Kind.UPSTREAM, "Failed to download image: " + e.getMessage(), e);
      }
      throw e;
    }
  }
}
