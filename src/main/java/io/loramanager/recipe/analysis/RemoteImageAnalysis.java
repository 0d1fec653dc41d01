package io.loramanager.recipe.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.civitai.CivitaiClient;
import io.loramanager.civitai.CivitaiFailure;
import io.loramanager.errors.LmException;
import io.loramanager.outbound.FetchedBody;
import io.loramanager.outbound.OutboundPolicy;
import io.loramanager.outbound.UrlFetcher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * URL import (anchor-recipes §2.9, {@code analyze_remote_image}): a Civitai image page is read
 * through the Civitai API (its {@code meta} is the metadata, its {@code url} the media); any other
 * URL is downloaded as is. Downloads go through the outbound policy on every redirect hop and stop
 * at {@code lm.recipes.max-upload-bytes}. At most two imports run at once, as in the reference.
 */
@ApplicationScoped
public class RemoteImageAnalysis {

  static final int CONCURRENT_IMPORTS = 2;
  private static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern CIVITAI_IMAGE_PAGE = Pattern.compile("^/images/(\\d+)/?$");
  private static final List<String> RECIPE_FIELDS =
      List.of("prompt", "negativePrompt", "resources", "civitaiResources", "hashes", "seed");

  private final RecipeAnalysisService analysis;
  private final OutboundPolicy policy;
  private final UrlFetcher fetcher;
  private final CivitaiClient civitai;
  private final ObjectMapper mapper;
  private final RecipeEnricher enricher;
  private final Semaphore imports = new Semaphore(CONCURRENT_IMPORTS, true);

  @Inject
  public RemoteImageAnalysis(
      RecipeAnalysisService analysis,
      OutboundPolicy policy,
      UrlFetcher fetcher,
      CivitaiClient civitai,
      ObjectMapper mapper,
      RecipeEnricher enricher) {
    this.enricher = enricher;
    this.analysis = analysis;
    this.policy = policy;
    this.fetcher = fetcher;
    this.civitai = civitai;
    this.mapper = mapper;
  }

  /** The analysis payload of the image at {@code rawUrl}, with {@code image_base64}. */
  public ObjectNode analyzeUrl(String rawUrl) {
    URI url = policy.parse(rawUrl);
    try {
      imports.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw LmException.unavailable("Interrupted while waiting for another URL import to finish");
    }
    try {
      Long imageId = civitaiImageId(url);
      if (imageId == null) {
        return analyzeDownload(url, null);
      }
      ObjectNode image = civitaiImage(imageId);
      String media = image.path("url").asText("");
      if (media.isEmpty()) {
        throw LmException.upstream("Civitai image " + imageId + " has no image URL");
      }
      ObjectNode result = analyzeDownload(policy.parse(media), metaOf(image));
      Integer nsfw = nsfwLevel(image);
      if (nsfw != null && !result.has("error")) {
        result.put("preview_nsfw_level", nsfw);
      }
      return result;
    } finally {
      imports.release();
    }
  }

  /**
   * Analyses the downloaded file. With Civitai API {@code meta}, both the file's own text and the
   * meta are parsed: the meta's result wins (the file's is used when the meta cannot be parsed,
   * where the reference failed), its generation parameters overlay the file's, and the enricher
   * runs.
   */
  private ObjectNode analyzeDownload(URI media, ObjectNode meta) {
    FetchedBody body = fetcher.fetch(media, analysis.maxBytes(), DOWNLOAD_TIMEOUT);
    Path temp = null;
    try {
      temp = Files.createTempFile("lm-url-import-", ".bin");
      Files.write(temp, body.bytes());
      ObjectNode result = analysis.analyze(temp, null);
      if (meta != null) {
        ObjectNode fromApi = analysis.analyze(temp, text(meta));
        if (!fromApi.has("error")) {
          if (!result.has("error")) {
            fromApi.set(
                "gen_params",
                RecipeEnricher.mergedGenParams(
                    result.path("gen_params"), fromApi.path("gen_params")));
          }
          result = fromApi;
        }
        if (!result.has("error")) {
          enricher.enrich(result, meta);
        }
      }
      result.put("image_base64", Base64.getEncoder().encodeToString(body.bytes()));
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not keep the downloaded image for analysis", e);
    } finally {
      deleteQuietly(temp);
    }
  }

  private ObjectNode civitaiImage(long imageId) {
    try {
      return civitai.image(imageId);
    } catch (CivitaiFailure e) {
      throw LmException.upstream(
          "Civitai could not provide image " + imageId + ": " + e.getMessage());
    }
  }

  /**
   * The API meta: unwrapped ({@code meta.meta}), with the root {@code modelVersionIds}; null (read
   * the file only) when it carries no recipe field.
   */
  private static ObjectNode metaOf(ObjectNode image) {
    JsonNode meta = image.path("meta");
    if (meta.path("meta").isObject()) {
      meta = meta.path("meta");
    }
    if (!meta.isObject() || RECIPE_FIELDS.stream().noneMatch(meta::has)) {
      return null;
    }
    ObjectNode copy = ((ObjectNode) meta).deepCopy();
    if (image.path("modelVersionIds").isArray() && !copy.has("modelVersionIds")) {
      copy.set("modelVersionIds", image.get("modelVersionIds"));
    }
    return copy;
  }

  private String text(ObjectNode meta) {
    try {
      return mapper.writeValueAsString(meta);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The image's {@code browsingLevel}, else its {@code nsfwLevel} (a number, or PG=1, PG13=2, R=4,
   * X=8, XXX=16, Blocked=32); null when neither is known.
   */
  static Integer nsfwLevel(JsonNode image) {
    JsonNode browsing = image.get("browsingLevel");
    if (browsing != null && browsing.isIntegralNumber()) {
      return browsing.asInt();
    }
    JsonNode level = image.get("nsfwLevel");
    if (level == null) {
      return null;
    }
    if (level.isIntegralNumber()) {
      return level.asInt();
    }
    return switch (level.asText("").toUpperCase(Locale.ROOT)) {
      case "PG" -> 1;
      case "PG13" -> 2;
      case "R" -> 4;
      case "X" -> 8;
      case "XXX" -> 16;
      case "BLOCKED" -> 32;
      default -> null;
    };
  }

  /** The id of a {@code https://civitai.com/images/<id>} page; null for any other URL. */
  static Long civitaiImageId(URI url) {
    String host = url.getHost().toLowerCase(Locale.ROOT);
    if (!host.equals("civitai.com") && !host.equals("www.civitai.com")) {
      return null;
    }
    Matcher m = CIVITAI_IMAGE_PAGE.matcher(url.getPath() == null ? "" : url.getPath());
    if (!m.matches()) {
      return null;
    }
    try {
      return Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw LmException.badInput("Not a Civitai image id: " + m.group(1));
    }
  }

  private static void deleteQuietly(Path temp) {
    if (temp == null) {
      return;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // A leftover temp file is harmless; the analysis answer matters more.
    }
  }
}
