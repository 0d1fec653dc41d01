package io.loramanager.outbound;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Civitai's image CDN serves renditions named in the path: {@code .../original=true/x.jpeg} is the
 * full upload, {@code .../width=450,optimized=true/x.jpeg} the small optimised copy a preview
 * needs. The reference rewrites the former to the latter on Civitai's sub-domains only.
 */
public final class CivitaiImageUrls {

  static final String ORIGINAL = "/original=true";
  static final String PREVIEW = "/width=450,optimized=true";

  private CivitaiImageUrls() {}

  /** The preview-sized rendition of a Civitai image URL; any other URL unchanged. */
  public static URI previewSized(URI url) {
    String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
    String path = url.getRawPath();
    if (!host.endsWith(".civitai.com") || path == null || !path.contains(ORIGINAL)) {
      return url;
    }
    try {
      return new URI(
          url.getScheme()
              + "://"
              + url.getRawAuthority()
              + path.replace(ORIGINAL, PREVIEW)
              + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
    } catch (URISyntaxException e) {
      return url;
    }
  }
}
