package io.loramanager.library.lifecycle;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.loramanager.testsupport.ApiAssertions.bodyOf;
import static io.loramanager.testsupport.ApiAssertions.map;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.library.CatalogStore;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.testsupport.CdnStub;
import io.loramanager.testsupport.CivitaiStub;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.OutboundStubs;
import io.loramanager.testsupport.TestLibrary;
import io.loramanager.testsupport.WebSocketRecorder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * set-preview-from-url through HTTP against a CDN stub: files on disk, sidecar, list, SQLite,
 * frames; every refusal, including the SSRF targets (loopback, cloud metadata, redirects to them).
 */
@QuarkusTest
class PreviewFromUrlFlowTest {

  @TestHTTPResource("/")
  URI base;

  @CdnStub WireMockServer cdn;
  @CivitaiStub WireMockServer civitai;
  @Inject CatalogStore store;

  private LibraryFixture library;
  private Path model;
  private byte[] sidecarBefore;

  @BeforeEach
  void loraWithOldPreviews() {
    cdn.resetAll();
    civitai.resetAll();
    library = TestLibrary.fresh();
    model =
        library.modelWithSidecar(
            library.loras(),
            "ink.safetensors",
            s -> {
              s.put("preview_url", LibraryFixture.slashes(library.loras().resolve("ink.webp")));
              s.put("preview_nsfw_level", 1);
              s.put("my_own_key", "kept");
            });
    library.preview(model, ".webp");
    library.preview(model, ".preview.png");
    TestLibrary.scan("loras");
    sidecarBefore = LibraryFixture.read(LibraryFixture.sidecarOf(model));
  }

  private String cdnUrl(String path) {
    return "http://" + OutboundStubs.CDN_HOST + ":" + cdn.port() + path;
  }

  private void cdnServes(String path, byte[] body, String contentType) {
    cdn.stubFor(
        get(path).willReturn(aResponse().withHeader("Content-Type", contentType).withBody(body)));
  }

  private static Response setPreview(Map<String, Object> body) {
    return given()
        .contentType("application/json")
        .body(body)
        .post("/api/lm/loras/set-preview-from-url");
  }

  private Response setPreview(String imageUrl) {
    return setPreview(map("model_path", LibraryFixture.slashes(model), "image_url", imageUrl));
  }

  private Path sibling(String name) {
    return model.resolveSibling(name);
  }

  private static String url(Path preview) {
    return "/api/lm/previews?path="
        + URLEncoder.encode(LibraryFixture.slashes(preview), StandardCharsets.UTF_8)
            .replace("%2F", "/");
  }

  private ModelEntry storedEntry() {
    return store.load(ModelType.LORA).get(0);
  }

  /** The refused request left the model as it was: sidecar, previews, catalogue. */
  private void nothingChanged() {
    assertThat(LibraryFixture.read(LibraryFixture.sidecarOf(model))).isEqualTo(sidecarBefore);
    assertThat(sibling("ink.webp")).exists();
    assertThat(sibling("ink.preview.png")).exists();
    assertThat(sibling("ink.png")).doesNotExist();
    assertThat(storedEntry().previewUrl()).isEqualTo(LibraryFixture.slashes(sibling("ink.webp")));
  }

  @Test
  void downloadedImageBecomesThePreview() {
    cdnServes("/images/ink.png", LibraryFixture.PNG, "image/png");
    Path png = sibling("ink.png");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model_path", LibraryFixture.slashes(model));
    body.put("image_url", cdnUrl("/images/ink.png"));
    body.put("nsfw_level", 3);

    try (WebSocketRecorder bus = WebSocketRecorder.connect(base, "/ws/fetch-progress")) {
      Response response = setPreview(body);

      assertThat(bodyOf(response, 200))
          .isEqualTo(map("success", true, "preview_url", url(png), "preview_nsfw_level", 3));
      bus.awaitFrame(f -> "models_changed".equals(f.path("type").asText()));
    }
    assertThat(LibraryFixture.read(png)).isEqualTo(LibraryFixture.PNG);
    assertThat(sibling("ink.webp")).doesNotExist();
    assertThat(sibling("ink.preview.png")).doesNotExist();
    assertThat(sibling("ink.png.tmp")).doesNotExist();
    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(model));
    assertThat(sidecar.get("preview_url").asText()).isEqualTo(LibraryFixture.slashes(png));
    assertThat(sidecar.get("preview_nsfw_level").asInt()).isEqualTo(3);
    assertThat(sidecar.get("my_own_key").asText()).isEqualTo("kept");
    given()
        .get("/api/lm/loras/list")
        .then()
        .body("items.preview_url", contains(url(png)))
        .body("items.preview_nsfw_level", contains(3));
    assertThat(storedEntry().previewUrl()).isEqualTo(LibraryFixture.slashes(png));
    assertThat(storedEntry().previewNsfwLevel()).isEqualTo(3);
    assertThat(cdn.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
  }

  @Test
  void formatComesFromTheContentAndTheLevelIsKeptWhenNotGiven() {
    cdnServes("/looks-like.png", PreviewReplaceFlowTest.JPEG, "image/png");

    Response response = setPreview(cdnUrl("/looks-like.png"));

    assertThat(bodyOf(response, 200))
        .isEqualTo(
            map("success", true, "preview_url", url(sibling("ink.jpeg")), "preview_nsfw_level", 1));
    assertThat(LibraryFixture.read(sibling("ink.jpeg"))).isEqualTo(PreviewReplaceFlowTest.JPEG);
  }

  @Test
  void redirectWithinTheAllowedHostsIsFollowed() {
    cdn.stubFor(
        get("/moved")
            .willReturn(aResponse().withStatus(302).withHeader("Location", "/images/ink.png")));
    cdnServes("/images/ink.png", LibraryFixture.PNG, "image/png");

    bodyOf(setPreview(cdnUrl("/moved")), 200);

    assertThat(LibraryFixture.read(sibling("ink.png"))).isEqualTo(LibraryFixture.PNG);
  }

  @Test
  void missingFieldsAreBadRequests() {
    assertError(
        setPreview(map("image_url", cdnUrl("/images/ink.png"))), 400, "Model path is required");
    assertError(
        setPreview(map("model_path", " ", "image_url", cdnUrl("/images/ink.png"))),
        400,
        "Model path is required");
    assertError(
        setPreview(map("model_path", LibraryFixture.slashes(model))), 400, "Image URL is required");
    assertError(
        setPreview(
            map(
                "model_path",
                LibraryFixture.slashes(model),
                "image_url",
                cdnUrl("/x.png"),
                "nsfw_level",
                "high")),
        400,
        "nsfw_level must be a whole number, got 'high'");
    assertError(
        setPreview(map("model_path", 7, "image_url", cdnUrl("/x.png"))),
        400,
        "model_path must be a string");
    nothingChanged();
    assertThat(cdn.findAll(anyRequestedFor(anyUrl()))).isEmpty();
  }

  @Test
  void unknownModelIsRefusedBeforeAnythingIsDownloaded() {
    String unknown = LibraryFixture.slashes(library.loras().resolve("nope.safetensors"));

    assertError(
        setPreview(map("model_path", unknown, "image_url", cdnUrl("/images/ink.png"))),
        404,
        "LoRA not found: " + unknown);
    assertError(
        setPreview(map("model_path", "/etc/passwd", "image_url", cdnUrl("/images/ink.png"))),
        400,
        "Path '/etc/passwd' is outside the configured LoRA folders");

    assertThat(cdn.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    nothingChanged();
  }

  @Test
  void notAnHttpUrlIsRefused() {
    assertError(setPreview("file:///etc/passwd"), 400, "Not an http(s) URL: file:///etc/passwd");
    assertError(setPreview("not a url"), 400, "Not a valid URL: not a url");
    nothingChanged();
  }

  @Test
  void hostOffTheAllowedListIsRefused() {
    assertError(
        setPreview("http://example.com/image.png"),
        400,
        "Host 'example.com' is not an allowed download host (allowed: localhost, 127.0.0.2; see"
            + " LM_DOWNLOAD_HOSTS)");
    nothingChanged();
  }

  @Test
  void loopbackTargetIsRefusedWithoutAConnection() {
    // The Civitai stub listens on 127.0.0.1: asking for it by address must not reach it.
    assertError(
        setPreview("http://127.0.0.1:" + civitai.port() + "/secret.png"),
        400,
        "Host '127.0.0.1' is not an allowed download host (allowed: localhost, 127.0.0.2; see"
            + " LM_DOWNLOAD_HOSTS)");

    assertThat(civitai.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    nothingChanged();
  }

  @Test
  void cloudMetadataAddressIsRefused() {
    assertError(
        setPreview("http://169.254.169.254/latest/meta-data/"),
        400,
        "Host '169.254.169.254' is not an allowed download host (allowed: localhost, 127.0.0.2;"
            + " see LM_DOWNLOAD_HOSTS)");
    nothingChanged();
  }

  @Test
  void redirectToLoopbackIsRefusedAndNotFollowed() {
    cdn.stubFor(
        get("/to-loopback")
            .willReturn(
                aResponse()
                    .withStatus(302)
                    .withHeader("Location", "http://127.0.0.1:" + civitai.port() + "/secret.png")));

    assertError(
        setPreview(cdnUrl("/to-loopback")),
        400,
        "Host '127.0.0.1' is not an allowed download host (allowed: localhost, 127.0.0.2; see"
            + " LM_DOWNLOAD_HOSTS)");

    assertThat(civitai.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    nothingChanged();
  }

  @Test
  void redirectToCloudMetadataIsRefused() {
    cdn.stubFor(
        get("/to-metadata")
            .willReturn(
                aResponse()
                    .withStatus(301)
                    .withHeader("Location", "http://169.254.169.254/latest/meta-data/")));

    assertError(
        setPreview(cdnUrl("/to-metadata")),
        400,
        "Host '169.254.169.254' is not an allowed download host (allowed: localhost, 127.0.0.2;"
            + " see LM_DOWNLOAD_HOSTS)");
    nothingChanged();
  }

  @Test
  void failedDownloadIs502() {
    cdn.stubFor(get("/missing.png").willReturn(aResponse().withStatus(404)));

    assertError(
        setPreview(cdnUrl("/missing.png")),
        502,
        "Failed to download image: Fetching " + cdnUrl("/missing.png") + " failed with HTTP 404");
    nothingChanged();
  }

  @Test
  void imageOverThePreviewLimitIs413() {
    byte[] big = new byte[1024 * 1024 + 1];
    System.arraycopy(LibraryFixture.PNG, 0, big, 0, LibraryFixture.PNG.length);
    cdnServes("/big.png", big, "image/png");

    assertError(
        setPreview(cdnUrl("/big.png")),
        413,
        cdnUrl("/big.png") + " is larger than the limit of 1048576 bytes");
    nothingChanged();
  }

  @Test
  void contentThatIsNoImageIsRefused() throws Exception {
    cdnServes(
        "/page.png", "<html>not an image</html>".getBytes(StandardCharsets.UTF_8), "image/png");

    assertError(
        setPreview(cdnUrl("/page.png")),
        400,
        "The downloaded file is not a PNG, JPEG, WebP or GIF image or an MP4 or WebM video");
    nothingChanged();
    try (var files = Files.list(model.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")))
          .isEmpty();
    }
  }
}
