package io.loramanager.civitai;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which of a version's example images becomes the model's preview, and from which URL to fetch it
 * (anchor-library §5.6). Pure and HTTP-free so that the download manager makes the same choice.
 */
public final class PreviewChoice {

  /** The chosen image: the URLs to try in order, whether it is a video, its NSFW level. */
  public record Choice(java.util.List<URI> urls, boolean video, int nsfwLevel) {}

  private PreviewChoice() {}

  /** The NSFW level from {@code mature_blur_level}: PG13 2, R 4 (default), X 8, XXX 16. */
  public static int threshold(String matureBlurLevel) {
    String level = matureBlurLevel == null ? "" : matureBlurLevel.trim().toUpperCase(Locale.ROOT);
    return switch (level) {
      case "PG13" -> 2;
      case "X" -> 8;
      case "XXX" -> 16;
      default -> 4;
    };
  }

  /**
   * With blurring on, the first image below the threshold, else the one with the lowest level; with
   * it off, the first image. Images without a usable URL are passed over.
   */
  public static Optional<Choice> choose(JsonNode images, boolean blurMature, int threshold) {
    JsonNode chosen = null;
    JsonNode lowest = null;
    for (JsonNode image : images) {
      if (url(image) == null) {
        continue;
      }
      int level = image.path("nsfwLevel").asInt(0);
      if (!blurMature || level < threshold) {
        chosen = image;
        break;
      }
      if (lowest == null || level < lowest.path("nsfwLevel").asInt(0)) {
        lowest = image;
      }
    }
    JsonNode image = chosen != null ? chosen : lowest;
    if (image == null) {
      return Optional.empty();
    }
    URI original = url(image);
    boolean video = "video".equalsIgnoreCase(image.path("type").asText(""));
    java.util.List<URI> urls = new java.util.ArrayList<>();
    rewritten(original, video).ifPresent(urls::add);
    urls.add(original);
    return Optional.of(
        new Choice(java.util.List.copyOf(urls), video, image.path("nsfwLevel").asInt(0)));
  }

  /**
   * Civitai's image CDN serves a small rendition when asked: {@code /original=true} becomes {@code
   * /width=450,optimized=true} for images and {@code /transcode=true,width=450,optimized=true} for
   * videos. Only for {@code *.civitai.com} hosts.
   */
  static Optional<URI> rewritten(URI url, boolean video) {
    String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    if (!host.endsWith(".civitai.com") || !path.contains("/original=true")) {
      return Optional.empty();
    }
    String replacement =
        video ? "/transcode=true,width=450,optimized=true" : "/width=450,optimized=true";
    return Optional.of(URI.create(url.toString().replace("/original=true", replacement)));
  }

  private static URI url(JsonNode image) {
    String text = image.path("url").asText("");
    if (text.isBlank()) {
      return null;
    }
    try {
      URI uri = new URI(text.trim());
      return uri.getScheme() == null || uri.getHost() == null ? null : uri;
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
