package io.loramanager.download;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.loramanager.testsupport.CivitaiFixtures.API;
import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.testsupport.CivitaiFixtures;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.LibraryRequests;
import io.loramanager.testsupport.TestLibrary;
import io.loramanager.testsupport.WebSocketRecorder;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * One Civitai version and its file played by the WireMock stubs, for the download flow tests: the
 * fixture version under a test's own id, served by Civitai, its file behind a redirect to the CDN.
 */
final class VersionDownloads {

  private final WireMockServer civitai;
  private final WireMockServer cdn;
  private final long versionId;
  private LibraryFixture library;

  VersionDownloads(WireMockServer civitai, WireMockServer cdn, long versionId) {
    this.civitai = civitai;
    this.cdn = cdn;
    this.versionId = versionId;
  }

  /**
   * A clean start for a download flow test: both stubs reset, the test library emptied (see {@link
   * TestLibrary#fresh}), the download queue and history cleared; then the stubs of {@code
   * versionId}.
   */
  static VersionDownloads freshStart(WireMockServer civitai, WireMockServer cdn, long versionId) {
    civitai.resetAll();
    cdn.resetAll();
    LibraryFixture library = TestLibrary.fresh();
    given().get("/api/lm/downloads/history/clear").then().statusCode(200);
    given().get("/api/lm/downloads/queue/clear").then().statusCode(200);
    VersionDownloads downloads = new VersionDownloads(civitai, cdn, versionId);
    downloads.library = library;
    return downloads;
  }

  /** The library {@link #freshStart} emptied. */
  LibraryFixture library() {
    return library;
  }

  /** {@code size} random bytes seeded by the version id, standing in for its model file. */
  byte[] content(int size) {
    byte[] content = new byte[size];
    new Random(versionId).nextBytes(content);
    return content;
  }

  long versionId() {
    return versionId;
  }

  /** The fixture version (a LoRA, SDXL 1.0, file {@code ink_v2.safetensors}) for this content. */
  ObjectNode version(byte[] content) {
    String text =
        CivitaiFixtures.version(LibraryFixture.sha256(content), cdn)
            .replace("130072", Long.toString(versionId))
            .replace(
                "https://civitai.com/api/download",
                "http://localhost:" + civitai.port() + "/api/download");
    return (ObjectNode) CivitaiFixtures.json(text);
  }

  /** The version's primary file, to change its name, type or hashes. */
  static ObjectNode primaryFile(ObjectNode version) {
    return (ObjectNode) version.get("files").get(0);
  }

  void stubVersion(JsonNode version) {
    civitai.stubFor(
        get(urlPathEqualTo(API + "/model-versions/" + versionId))
            .willReturn(okJson(version.toString())));
  }

  /** Civitai's download link redirects to the CDN, which serves {@code content}. */
  void stubFile(byte[] content) {
    String path = "/files/" + versionId + ".bin";
    civitai.stubFor(
        get(urlPathEqualTo("/api/download/models/" + versionId))
            .willReturn(
                aResponse()
                    .withStatus(302)
                    .withHeader("Location", CivitaiFixtures.cdnBase(cdn) + path)));
    cdn.stubFor(get(path).willReturn(aResponse().withBody(content)));
  }

  /** As {@link #stubFile}, but the CDN trickles the body over 3 s, so a test can act meanwhile. */
  void stubSlowFile(byte[] content) {
    stubFile(content);
    cdn.stubFor(
        get("/files/" + versionId + ".bin")
            .willReturn(aResponse().withBody(content).withChunkedDribbleDelay(60, 3000)));
  }

  /** Requests made to the CDN for the model file (previews are not counted). */
  int fileRequests() {
    return (int)
        cdn.getAllServeEvents().stream()
            .filter(e -> e.getRequest().getUrl().startsWith("/files/"))
            .count();
  }

  /** {@code download-model} for this version, answered when the download ends. */
  Response download(String id, Object... extra) {
    return LibraryRequests.post("/api/lm/download-model", body(id, extra));
  }

  /** {@code download-model?wait=false}: answered at once, the download runs on. */
  Response downloadLater(String id, Object... extra) {
    return LibraryRequests.post("/api/lm/download-model?wait=false", body(id, extra));
  }

  private Map<String, Object> body(String id, Object... extra) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model_version_id", versionId);
    body.put("download_id", id);
    for (int i = 0; i < extra.length; i += 2) {
      body.put((String) extra[i], extra[i + 1]);
    }
    return body;
  }

  static WebSocketRecorder socket(URI base, String id) {
    WebSocketRecorder socket = WebSocketRecorder.connect(base, "/ws/download-progress?id=" + id);
    socket.awaitFrame(f -> "download_id".equals(f.path("type").asText()));
    return socket;
  }

  static JsonPath history() {
    return given().get("/api/lm/downloads/history").then().statusCode(200).extract().jsonPath();
  }

  /** A zip of the given entries (name, bytes), in order. */
  static byte[] zip(List<Map.Entry<String, byte[]>> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> entry : entries) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
