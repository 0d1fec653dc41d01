package io.loramanager.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Realistic Civitai answers (test resources {@code civitai/version.json} and {@code model.json}): a
 * LoRA version with a weights file and a training-data file, hashes, and three example images (an
 * X-rated JPEG, a safe PNG, a video); its model with licence fields, creator and two versions.
 * Stubs them on the {@link CivitaiStub} and serves the images from the {@link CdnStub}.
 */
public final class CivitaiFixtures {

  public static final long MODEL_ID = 110012;
  public static final long VERSION_ID = 130072;
  public static final long OLD_VERSION_ID = 120001;
  public static final String API = "/api/v1";

  /** An MP4's start: size, {@code ftyp}, brand. */
  public static final byte[] MP4 =
      HexFormat.of().parseHex("000000186674797069736f6d0000020069736f6d");

  public static final byte[] JPEG =
      HexFormat.of().parseHex("ffd8ffe000104a46494600010100000100010000ffd9");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CivitaiFixtures() {}

  /** The AutoV3 value the version lists for a file with this SHA-256 (upper case, 12 chars). */
  public static String autov3(String sha256) {
    return sha256.substring(0, 12).toUpperCase(Locale.ROOT);
  }

  public static String cdnBase(WireMockServer cdn) {
    return "http://" + OutboundStubs.CDN_HOST + ":" + cdn.port();
  }

  /** The version JSON for a file with this hash, its images on the CDN. */
  public static String version(String sha256, WireMockServer cdn) {
    return fill("civitai/version.json", sha256, cdn);
  }

  public static String model(String sha256, WireMockServer cdn) {
    return fill("civitai/model.json", sha256, cdn);
  }

  public static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** By-hash, the model, the version by id, and the three images. */
  public static void stubFound(WireMockServer civitai, WireMockServer cdn, String sha256) {
    civitai.stubFor(
        get(urlPathEqualTo(API + "/model-versions/by-hash/" + sha256))
            .willReturn(okJson(version(sha256, cdn))));
    stubModel(civitai, cdn, sha256);
    civitai.stubFor(
        get(urlPathEqualTo(API + "/model-versions/" + VERSION_ID))
            .willReturn(okJson(version(sha256, cdn))));
    stubImages(cdn);
  }

  public static void stubModel(WireMockServer civitai, WireMockServer cdn, String sha256) {
    civitai.stubFor(
        get(urlPathEqualTo(API + "/models/" + MODEL_ID)).willReturn(okJson(model(sha256, cdn))));
  }

  public static void stubImages(WireMockServer cdn) {
    cdn.stubFor(
        get("/img/safe.png")
            .willReturn(
                aResponse().withHeader("Content-Type", "image/png").withBody(LibraryFixture.PNG)));
    cdn.stubFor(
        get("/img/x-rated.jpeg")
            .willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(JPEG)));
    cdn.stubFor(
        get("/img/clip.mp4")
            .willReturn(aResponse().withHeader("Content-Type", "video/mp4").withBody(MP4)));
  }

  private static String fill(String resource, String sha256, WireMockServer cdn) {
    try (InputStream in = CivitaiFixtures.class.getClassLoader().getResourceAsStream(resource)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.replace("${SHA256_UPPER}", sha256.toUpperCase(Locale.ROOT))
          .replace("${AUTOV3}", autov3(sha256))
          .replace("${CDN}", cdnBase(cdn));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
