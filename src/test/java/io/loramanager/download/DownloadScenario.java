package io.loramanager.download;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the manager-level download tests share: Civitai versions without previews whose one file
 * (named after the version) downloads from a given URL, and the queue, history and progress
 * answers. Frames and end states are checked with {@code testsupport.DownloadAssertions}.
 */
final class DownloadScenario {

  private DownloadScenario() {}

  /**
   * Stubs version {@code versionId}: a LoRA file {@code m<versionId>.safetensors} at {@code url}.
   */
  static void stubVersion(WireMockServer civitai, long versionId, byte[] content, URI url) {
    stub(civitai, versionId, version(civitai, versionId, content, url));
  }

  static void stub(WireMockServer civitai, long versionId, JsonNode version) {
    civitai.stubFor(
        get(urlPathEqualTo(API + "/model-versions/" + versionId))
            .willReturn(okJson(version.toString())));
  }

  /** The version {@link #stubVersion} stubs, to change before stubbing it. */
  static ObjectNode version(WireMockServer civitai, long versionId, byte[] content, URI url) {
    ObjectNode version =
        (ObjectNode)
            CivitaiFixtures.json(
                CivitaiFixtures.version(LibraryFixture.sha256(content), civitai)
                    .replace("130072", Long.toString(versionId)));
    version.putArray("images");
    version.put("downloadUrl", url.toString());
    ObjectNode file = (ObjectNode) version.get("files").get(0);
    file.put("name", fileName(versionId));
    file.put("downloadUrl", url.toString());
    version.putArray("files").add(file);
    return version;
  }

  /** {@code path} on the CDN answers a {@code Range} request from {@code offset} with a 206. */
  static void stubRangeFrom(WireMockServer cdn, String path, byte[] content, int offset) {
    cdn.stubFor(
        get(path)
            .withHeader("Range", equalTo("bytes=" + offset + "-"))
            .willReturn(
                aResponse()
                    .withStatus(206)
                    .withHeader(
                        "Content-Range",
                        "bytes " + offset + "-" + (content.length - 1) + "/" + content.length)
                    .withBody(Arrays.copyOfRange(content, offset, content.length))));
  }

  static String fileName(long versionId) {
    return "m" + versionId + ".safetensors";
  }

  /** Adds a queue row for the version, as a client's {@code downloads/queue/add}. */
  static void queue(String id, long versionId) {
    given()
        .queryParam("download_id", id)
        .queryParam("model_id", CivitaiFixtures.MODEL_ID)
        .queryParam("model_version_id", versionId)
        .get("/api/lm/downloads/queue/add")
        .then()
        .statusCode(200);
  }

  /** The status of each queue row, by download id. */
  static Map<String, String> queueStatuses() {
    List<Map<String, Object>> rows =
        given().get("/api/lm/downloads/queue").then().statusCode(200).extract().path("queue");
    return rows.stream()
        .collect(
            Collectors.toMap(
                r -> String.valueOf(r.get("download_id")), r -> String.valueOf(r.get("status"))));
  }

  static Map<String, Object> stats() {
    return given().get("/api/lm/downloads/stats").then().statusCode(200).extract().path("stats");
  }

  static JsonPath history() {
    return io.loramanager.testsupport.DownloadAssertions.history();
  }

  /** The history status of a download, or null when it has none yet. */
  static String historyStatus(String id) {
    return history().getString("items.find { it.download_id == '" + id + "' }.status");
  }

  /** {@code download-progress/{id}}: its {@code status}, "progress" when it has none. */
  static String progressStatus(String id) {
    JsonPath body =
        given().get("/api/lm/download-progress/" + id).then().statusCode(200).extract().jsonPath();
    String status = body.getString("status");
    return status == null ? "progress" : status;
  }
}
