package io.loramanager.civitai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.loramanager.testsupport.CivitaiFixtures.API;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.loramanager.testsupport.CdnStub;
import io.loramanager.testsupport.CivitaiFixtures;
import io.loramanager.testsupport.CivitaiStub;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.loramanager.testsupport.WebSocketRecorder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** fetch-all-civitai: candidates, frames in order, a 429 honoured, rate-limit abort, cancel. */
@QuarkusTest
class BulkRefreshFlowTest {

  @CivitaiStub WireMockServer civitai;
  @CdnStub WireMockServer cdn;

  @TestHTTPResource("/")
  URI base;

  private LibraryFixture library;

  @BeforeEach
  void reset() {
    civitai.resetAll();
    cdn.resetAll();
    library = TestLibrary.fresh();
  }

  private List<Path> loras(int count) {
    List<Path> models = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      models.add(
          library.modelWithSidecar(
              library.loras(), String.format("m%02d.safetensors", i), s -> s.put("mine", true)));
    }
    TestLibrary.scan("loras");
    return models;
  }

  private void everyHashFound() {
    String anyHash = "00".repeat(32);
    civitai.stubFor(
        get(urlPathMatching(API + "/model-versions/by-hash/.*"))
            .willReturn(okJson(CivitaiFixtures.version(anyHash, cdn))));
    CivitaiFixtures.stubModel(civitai, cdn, anyHash);
    CivitaiFixtures.stubImages(cdn);
  }

  private static String sha(Path model) {
    return LibraryFixture.sha256(LibraryFixture.read(model));
  }

  private JsonPath fetchAllAndWait() {
    return given()
        .post("/api/lm/loras/fetch-all-civitai?wait=true")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static List<JsonNode> refreshFrames(WebSocketRecorder socket) {
    return socket.framesMatching(f -> "metadata_refresh_progress".equals(f.path("type").asText()));
  }

  private static boolean terminal(JsonNode frame) {
    return "metadata_refresh_progress".equals(frame.path("type").asText())
        && !List.of("started", "processing").contains(frame.path("status").asText());
  }

  @Test
  void fiftyModelsWithA429InTheMiddleAreAllRefreshedWithFramesInOrder() {
    List<Path> models = loras(50);
    everyHashFound();
    String middle = sha(models.get(25));
    civitai.stubFor(
        get(urlPathEqualTo(API + "/model-versions/by-hash/" + middle))
            .inScenario("middle")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
            .willSetStateTo("open"));
    civitai.stubFor(
        get(urlPathEqualTo(API + "/model-versions/by-hash/" + middle))
            .inScenario("middle")
            .whenScenarioStateIs("open")
            .willReturn(okJson(CivitaiFixtures.version(middle, cdn))));

    try (WebSocketRecorder socket = WebSocketRecorder.connect(base, "/ws/fetch-progress")) {
      JsonPath result = fetchAllAndWait();

      assertThat(result.getBoolean("success")).isTrue();
      assertThat(result.getString("status")).isEqualTo("completed");
      assertThat(result.getString("message"))
          .isEqualTo("Successfully updated 50 of 50 processed loras (total: 50)");
      assertThat(result.getInt("processed")).isEqualTo(50);
      assertThat(result.getInt("updated")).isEqualTo(50);
      assertThat(result.getInt("total")).isEqualTo(50);
      assertThat(result.getInt("failure_count")).isZero();
      assertThat(result.getList("failures")).isEmpty();
      assertThat(result.getInt("skipped_count")).isZero();

      socket.awaitFrame(BulkRefreshFlowTest::terminal);
      List<JsonNode> frames = refreshFrames(socket);
      List<String> statuses = frames.stream().map(f -> f.get("status").asText()).toList();
      List<String> expectedStatuses = new ArrayList<>();
      expectedStatuses.add("started");
      IntStream.range(0, 50).forEach(i -> expectedStatuses.add("processing"));
      expectedStatuses.add("completed");
      assertThat(statuses).isEqualTo(expectedStatuses);
      List<Integer> processed = frames.stream().map(f -> f.get("processed").asInt()).toList();
      List<Integer> expectedProcessed =
          new ArrayList<>(IntStream.rangeClosed(0, 50).boxed().toList());
      expectedProcessed.add(50);
      assertThat(processed).isEqualTo(expectedProcessed);
      JsonNode last = frames.get(frames.size() - 1);
      assertThat(last.get("success").asInt()).isEqualTo(50);
      assertThat(last.get("total").asInt()).isEqualTo(50);
      assertThat(last.get("handled").asInt()).isEqualTo(50);
      assertThat(last.get("failures")).isEmpty();
      assertThat(frames.get(26).get("current_name").asText()).isEqualTo("m25");
      assertThat(frames.get(0).has("failures")).isFalse();
    }

    List<LoggedRequest> middleRequests =
        civitai.findAll(getRequestedFor(urlPathEqualTo(API + "/model-versions/by-hash/" + middle)));
    assertThat(middleRequests).hasSize(2);
    assertThat(
            middleRequests.get(1).getLoggedDate().getTime()
                - middleRequests.get(0).getLoggedDate().getTime())
        .isGreaterThanOrEqualTo(1000);
    for (Path model : models) {
      JsonNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(model));
      assertThat(sidecar.path("civitai").path("id").asLong()).isEqualTo(CivitaiFixtures.VERSION_ID);
      assertThat(sidecar.path("mine").asBoolean()).isTrue();
    }
  }

  @Test
  void onlyCandidatesAreAskedAndNotFoundIsAFailure() {
    Path plain = library.modelWithSidecar(library.loras(), "plain.safetensors", s -> {});
    Path gone = library.modelWithSidecar(library.loras(), "gone-now.safetensors", s -> {});
    Path optedOut =
        library.modelWithSidecar(
            library.loras(), "opted-out.safetensors", s -> s.put("skip_metadata_refresh", true));
    Path linked =
        library.modelWithSidecar(
            library.loras(),
            "linked.safetensors",
            s -> s.putObject("civitai").put("id", 5).put("modelId", 6));
    Path hf =
        library.modelWithSidecar(
            library.loras(), "hf.safetensors", s -> s.put("hf_url", "https://huggingface.co/x"));
    Path deleted =
        library.modelWithSidecar(
            library.loras(),
            "deleted.safetensors",
            s -> s.put("from_civitai", false).put("civitai_deleted", true));
    TestLibrary.scan("loras");
    civitai.stubFor(
        get(urlPathEqualTo(API + "/model-versions/by-hash/" + sha(plain)))
            .willReturn(okJson(CivitaiFixtures.version(sha(plain), cdn))));
    CivitaiFixtures.stubModel(civitai, cdn, sha(plain));
    CivitaiFixtures.stubImages(cdn);

    JsonPath result = fetchAllAndWait();

    assertThat(result.getInt("total")).isEqualTo(2);
    assertThat(result.getInt("processed")).isEqualTo(2);
    assertThat(result.getInt("updated")).isEqualTo(1);
    assertThat(result.getInt("skipped_count")).isZero();
    assertThat(result.getList("failures"))
        .containsExactly(
            Map.of(
                "name",
                "gone-now",
                "error",
                "Error fetching metadata: Model not found on Civitai (file=gone-now.safetensors,"
                    + " sha256="
                    + sha(gone)
                    + ")"));
    assertThat(result.getString("message"))
        .isEqualTo("Successfully updated 1 of 2 processed loras (total: 2)");
    assertThat(
            LibraryFixture.readJson(LibraryFixture.sidecarOf(gone))
                .get("civitai_deleted")
                .asBoolean())
        .isTrue();
    for (Path untouched : List.of(optedOut, linked, hf, deleted)) {
      assertThat(
              civitai.findAll(
                  getRequestedFor(
                      urlPathEqualTo(API + "/model-versions/by-hash/" + sha(untouched)))))
          .isEmpty();
    }
  }

  @Test
  void threeRateLimitsInARowStopTheRun() {
    loras(10);
    civitai.stubFor(
        get(urlPathMatching(API + "/model-versions/by-hash/.*"))
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "600")));

    try (WebSocketRecorder socket = WebSocketRecorder.connect(base, "/ws/fetch-progress")) {
      JsonPath result = fetchAllAndWait();

      assertThat(result.getBoolean("success")).isFalse();
      assertThat(result.getString("status")).isEqualTo("rate_limited");
      assertThat(result.getString("message")).isEqualTo("Rate limit detected; 7 models skipped");
      assertThat(result.getInt("processed")).isEqualTo(3);
      assertThat(result.getInt("failure_count")).isEqualTo(3);
      JsonNode last = socket.awaitFrame(BulkRefreshFlowTest::terminal);
      assertThat(last.get("status").asText()).isEqualTo("rate_limited");
      assertThat(last.get("message").asText()).isEqualTo("Rate limit detected; 7 models skipped");
      assertThat(last.get("failures")).hasSize(3);
      assertThat(last.get("failures").get(0).get("error").asText())
          .isEqualTo("Rate limited by Civitai; retry after approximately 600 s");
    }
    assertThat(
            civitai.findAll(getRequestedFor(urlPathMatching(API + "/model-versions/by-hash/.*"))))
        .hasSize(3);
  }

  @Test
  void aRunCanBeCancelledAndOnlyOneRunsAtATime() {
    List<Path> models = loras(20);
    everyHashFound();
    civitai.stubFor(
        get(urlPathMatching(API + "/model-versions/by-hash/.*"))
            .willReturn(okJson(CivitaiFixtures.version("00".repeat(32), cdn)).withFixedDelay(150)));

    try (WebSocketRecorder socket = WebSocketRecorder.connect(base, "/ws/fetch-progress")) {
      JsonPath started =
          given()
              .post("/api/lm/loras/fetch-all-civitai")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertThat(started.getMap(""))
          .isEqualTo(
              Map.of(
                  "success",
                  true,
                  "status",
                  "started",
                  "message",
                  "Civitai metadata refresh started for 20 loras",
                  "total",
                  20));
      socket.awaitFrame(
          f -> "processing".equals(f.path("status").asText()) && f.path("processed").asInt() >= 2);

      assertError(
          given().post("/api/lm/loras/fetch-all-civitai"),
          409,
          "A Civitai metadata refresh of LoRAs is already running");
      given().post("/api/lm/loras/cancel-task").then().statusCode(200);

      JsonNode last = socket.awaitFrame(BulkRefreshFlowTest::terminal);
      assertThat(last.get("status").asText()).isEqualTo("cancelled");
      int done = last.get("processed").asInt();
      assertThat(done).isBetween(2, 19);
      assertThat(last.get("message").asText())
          .isEqualTo("Metadata refresh cancelled; " + (20 - done) + " left");
      long refreshed =
          models.stream()
              .filter(
                  m ->
                      LibraryFixture.readJson(LibraryFixture.sidecarOf(m))
                          .path("civitai")
                          .has("id"))
              .count();
      assertThat(refreshed).isEqualTo(done);
    }
    // The type is free again.
    given().post("/api/lm/loras/fetch-all-civitai?wait=true").then().statusCode(200);
  }
}
