package io.loramanager.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.civitai.CivitaiConnectivity;
import io.loramanager.testsupport.CdnStub;
import io.loramanager.testsupport.CivitaiFixtures;
import io.loramanager.testsupport.CivitaiStub;
import io.loramanager.testsupport.ForgeAnalysis;
import io.loramanager.testsupport.ImageFixtures;
import io.loramanager.testsupport.JsonSnapshots;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /api/lm/recipes/analyze-image with a JSON {url}: downloads and Civitai image pages. */
@QuarkusTest
class RecipeUrlImportFlowTest {

  static final String SHA256 = "ef".repeat(32);
  private static final ObjectMapper JSON = new ObjectMapper();

  @CivitaiStub WireMockServer civitai;
  @CdnStub WireMockServer cdn;
  @Inject CivitaiConnectivity connectivity;

  private LibraryFixture library;

  @BeforeEach
  void reset() {
    civitai.resetAll();
    cdn.resetAll();
    await().atMost(Duration.ofSeconds(10)).until(() -> !connectivity.offline());
    library = TestLibrary.fresh();
    ForgeAnalysis.painterly(library);
    TestLibrary.scan("loras");
  }

  static Response analyzeUrl(String url) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("url", url))
        .post("/api/lm/recipes/analyze-image");
  }

  private String cdnUrl(String path) {
    return CivitaiFixtures.cdnBase(cdn) + path;
  }

  /** The answer without its base64 (checked against the bytes) and with the CDN port scrubbed. */
  private String snapshotText(Response response, byte[] served) throws Exception {
    ObjectNode answer = (ObjectNode) JSON.readTree(response.asString());
    assertThat(answer.path("image_base64").asText())
        .isEqualTo(Base64.getEncoder().encodeToString(served));
    answer.put("image_base64", "<BASE64 OF THE SERVED BYTES>");
    return JSON.writeValueAsString(answer).replace(":" + cdn.port() + "/", ":<CDN_PORT>/");
  }

  @Test
  void pngWithA1111ParametersFromTheCdn() throws Exception {
    byte[] png = ImageFixtures.png().text("parameters", RecipeAnalyzeFlowTest.FORGE).build();
    cdn.stubFor(
        get("/gallery/forge.png")
            .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(png)));

    Response response = analyzeUrl(cdnUrl("/gallery/forge.png"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonSnapshots.verify(snapshotText(response, png), library);
  }

  @Test
  void civitaiImagePageUsesTheApiMetaAndTheImageUrl() throws Exception {
    String image =
        "{\"items\":[{\"id\":777,\"url\":\""
            + cdnUrl("/img/x-rated.jpeg")
            + "\",\"nsfwLevel\":\"X\",\"modelVersionIds\":["
            + CivitaiFixtures.VERSION_ID
            + "],\"meta\":{\"prompt\":\"ink drawing of a lighthouse\",\"negativePrompt\":\"blurry\","
            + "\"steps\":30,\"sampler\":\"DPM++ 2M\",\"cfgScale\":5,\"seed\":99,"
            + "\"civitaiResources\":[{\"type\":\"lora\",\"weight\":0.7,\"modelVersionId\":"
            + CivitaiFixtures.VERSION_ID
            + "}]}}]}";
    civitai.stubFor(
        get(urlPathEqualTo(CivitaiFixtures.API + "/images"))
            .withQueryParam("imageId", equalTo("777"))
            .withQueryParam("nsfw", equalTo("X"))
            .withQueryParam("withMeta", equalTo("true"))
            .willReturn(okJson(image)));
    civitai.stubFor(
        get(urlPathEqualTo(CivitaiFixtures.API + "/model-versions/" + CivitaiFixtures.VERSION_ID))
            .willReturn(okJson(CivitaiFixtures.version(SHA256, cdn))));
    CivitaiFixtures.stubImages(cdn);

    Response response = analyzeUrl("https://civitai.com/images/777");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonSnapshots.verify(snapshotText(response, CivitaiFixtures.JPEG), library);
    cdn.verify(1, getRequestedFor(urlPathEqualTo("/img/x-rated.jpeg")));
  }

  @Test
  void civitaiImagePageUnknownToCivitaiIsA502() {
    civitai.stubFor(
        get(urlPathEqualTo(CivitaiFixtures.API + "/images")).willReturn(okJson("{\"items\":[]}")));

    Response response = analyzeUrl("https://civitai.com/images/778");

    assertError(
        response,
        502,
        "Civitai could not provide image 778: Image not found on Civitai: image 778");
  }

  @Test
  void imageWithoutMetadataAnswersNoMetadataFoundWithItsBase64() {
    byte[] png = ImageFixtures.png().text("Software", "GIMP").build();
    cdn.stubFor(get("/plain.png").willReturn(aResponse().withBody(png)));

    Response response = analyzeUrl(cdnUrl("/plain.png"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.asString())
        .isEqualTo(
            "{\"error\":\"No metadata found in this image\",\"loras\":[],\"image_base64\":\""
                + Base64.getEncoder().encodeToString(png)
                + "\"}");
  }

  @Test
  void redirectToLoopbackIsRefused() {
    cdn.stubFor(
        get("/hop")
            .willReturn(
                aResponse().withStatus(302).withHeader("Location", "http://127.0.0.1:9/x.png")));

    Response response = analyzeUrl(cdnUrl("/hop"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.jsonPath().getString("error"))
        .startsWith("Host '127.0.0.1' is not an allowed download host");
  }

  @Test
  void redirectToTheMetadataAddressIsRefused() {
    cdn.stubFor(
        get("/hop")
            .willReturn(
                aResponse()
                    .withStatus(301)
                    .withHeader("Location", "http://169.254.169.254/latest/meta-data/")));

    Response response = analyzeUrl(cdnUrl("/hop"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.jsonPath().getString("error"))
        .startsWith("Host '169.254.169.254' is not an allowed download host");
  }

  @Test
  void hostNotAllowedIsA400AndNothingIsFetched() {
    Response response = analyzeUrl("https://example.com/a.png");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.jsonPath().getString("error"))
        .startsWith("Host 'example.com' is not an allowed download host");
  }

  @Test
  void badUrlIsA400() {
    assertError(
        analyzeUrl("ftp://127.0.0.2/a.png"), 400, "Not an http(s) URL: ftp://127.0.0.2/a.png");
    assertError(analyzeUrl("not a url"), 400, "Not a valid URL: not a url");
  }

  @Test
  void oversizeDownloadIsA413() {
    cdn.stubFor(get("/huge.png").willReturn(aResponse().withBody(new byte[1024 * 1024 + 1])));

    Response response = analyzeUrl(cdnUrl("/huge.png"));

    assertError(
        response,
        413,
        cdnUrl("/huge.png") + " is larger than the limit of " + (1024 * 1024) + " bytes");
  }

  @Test
  void upstream404IsA502() {
    cdn.stubFor(get("/gone.png").willReturn(aResponse().withStatus(404)));

    Response response = analyzeUrl(cdnUrl("/gone.png"));

    assertError(response, 502, "Fetching " + cdnUrl("/gone.png") + " failed with HTTP 404");
  }
}
