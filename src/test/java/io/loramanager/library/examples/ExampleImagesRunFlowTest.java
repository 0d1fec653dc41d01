package io.loramanager.library.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.loramanager.library.examples.ExampleImagesFixture.JPEG;
import static io.loramanager.library.examples.ExampleImagesFixture.ROOT;
import static io.loramanager.library.examples.ExampleImagesFixture.WEBM;
import static io.loramanager.library.examples.ExampleImagesFixture.awaitFinished;
import static io.loramanager.library.examples.ExampleImagesFixture.awaitStatus;
import static io.loramanager.library.examples.ExampleImagesFixture.images;
import static io.loramanager.library.examples.ExampleImagesFixture.names;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.events.ProgressEvents;
import io.loramanager.library.ModelCatalog;
import io.loramanager.library.SidecarStore;
import io.loramanager.library.lifecycle.SidecarEditor;
import io.loramanager.settings.SettingsStore;
import io.loramanager.testsupport.CdnStub;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.loramanager.testsupport.WebSocketRecorder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs against the CDN stub through HTTP: files on disk, the status endpoint, the WebSocket frames,
 * pause/resume/stop, and a resume from the progress file after a restart.
 */
@QuarkusTest
class ExampleImagesRunFlowTest {

  @CdnStub WireMockServer cdn;

  @TestHTTPResource("/")
  URI base;

  @Inject SettingsStore settings;
  @Inject ExampleImagesFolder folders;
  @Inject ProgressFile progressFile;
  @Inject ModelMediaDownloader media;
  @Inject MetadataRefresher refresher;
  @Inject ModelCatalog catalog;
  @Inject SidecarStore sidecars;
  @Inject SidecarEditor editor;
  @Inject ProgressEvents events;
  @Inject Clock clock;

  private LibraryFixture library;

  @BeforeEach
  void setUp() {
    cdn.resetAll();
    library = TestLibrary.fresh();
    ExampleImagesFixture.configure(settings, ROOT);
  }

  @AfterEach
  void tearDown() {
    awaitFinished();
    ExampleImagesFixture.configure(settings, null);
  }

  private String cdnUrl(String path) {
    return "http://127.0.0.2:" + cdn.port() + path;
  }

  private String lora(String name, String... imagePaths) {
    Path model =
        library.modelWithSidecar(
            library.loras(),
            name + ".safetensors",
            sidecar ->
                images(
                    sidecar,
                    java.util.Arrays.stream(imagePaths).map(this::cdnUrl).toArray(String[]::new)));
    return LibraryFixture.sha256(LibraryFixture.read(model));
  }

  private static JsonPath start(String body) {
    return given()
        .contentType("application/json")
        .body(body)
        .post("/api/lm/download-example-images")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void aRunStoresEveryImageNamedByItsContentAndCompletes() {
    String a = lora("alpha", "/a0.png", "/a1");
    String b = lora("beta", "/b0.jpeg");
    TestLibrary.scan("loras");
    cdn.stubFor(get("/a0.png").willReturn(aResponse().withBody(JPEG)));
    cdn.stubFor(
        get("/a1").willReturn(aResponse().withHeader("Content-Type", "video/webm").withBody(WEBM)));
    cdn.stubFor(
        get("/b0.jpeg")
            .willReturn(
                aResponse().withHeader("Content-Type", "image/jpeg").withBody(LibraryFixture.PNG)));

    try (WebSocketRecorder socket = WebSocketRecorder.connect(base, "/ws/fetch-progress")) {
      JsonPath started = start("{\"delay\": 0}");
      assertThat(started.getString("message")).isEqualTo("Download started");
      assertThat(started.getString("status.status")).isEqualTo("running");

      JsonPath done = awaitFinished();
      assertThat(done.getString("status.status")).isEqualTo("completed");
      assertThat(done.getInt("status.total")).isEqualTo(2);
      assertThat(done.getInt("status.completed")).isEqualTo(2);
      assertThat(done.getList("status.processed_models")).containsExactlyInAnyOrder(a, b);
      assertThat(done.getList("status.failed_models")).isEmpty();
      assertThat(done.getList("status.errors")).isEmpty();

      JsonNode last =
          socket.awaitFrame(
              f ->
                  f.path("type").asText().equals("example_images_progress")
                      && f.path("status").asText().equals("completed"));
      assertThat(last.toString())
          .isEqualTo(
              "{\"type\":\"example_images_progress\",\"processed\":2,\"total\":2,"
                  + "\"status\":\"completed\",\"current_model\":\"\"}");
      assertThat(
              socket
                  .framesMatching(f -> f.path("type").asText().equals("example_images_progress"))
                  .stream()
                  .map(f -> f.path("current_model").asText())
                  .distinct())
          .contains("alpha (" + a.substring(0, 8) + ")", "beta (" + b.substring(0, 8) + ")");
    }

    assertThat(names(ROOT.resolve(a))).containsExactly("image_0.jpg", "image_1.webm");
    assertThat(LibraryFixture.read(ROOT.resolve(a).resolve("image_0.jpg"))).isEqualTo(JPEG);
    assertThat(LibraryFixture.read(ROOT.resolve(a).resolve("image_1.webm"))).isEqualTo(WEBM);
    assertThat(names(ROOT.resolve(b))).containsExactly("image_0.png");
    JsonNode progress = LibraryFixture.readJson(ROOT.resolve(".download_progress.json"));
    assertThat(progress.get("processed_models")).hasSize(2);
    assertThat(progress.get("completed").asInt()).isEqualTo(2);
    assertThat(progress.get("total").asInt()).isEqualTo(2);
    assertThat(progress.get("failed_models")).isEmpty();
    assertThat(progress.get("rate_limited_models")).isEmpty();
  }

  @Test
  void pauseHoldsTheNextModelUntilResumed() {
    String a = lora("alpha", "/slow.png");
    String b = lora("beta", "/b.png");
    TestLibrary.scan("loras");
    cdn.stubFor(
        get("/slow.png")
            .willReturn(aResponse().withBody(LibraryFixture.PNG).withFixedDelay(1_500)));
    cdn.stubFor(get("/b.png").willReturn(aResponse().withBody(LibraryFixture.PNG)));

    try (WebSocketRecorder socket = WebSocketRecorder.connect(base, "/ws/fetch-progress")) {
      start("{\"delay\": 0}");
      awaitStatus(s -> s.getString("status.current_model").startsWith("alpha"));
      given()
          .post("/api/lm/pause-example-images")
          .then()
          .statusCode(200)
          .body(equalTo("{\"success\":true,\"message\":\"Download paused\"}"));

      JsonPath paused = awaitStatus(s -> s.getInt("status.completed") == 1);
      assertThat(paused.getString("status.status")).isEqualTo("paused");
      assertThat(paused.getBoolean("is_downloading")).isTrue();
      assertThat(names(ROOT.resolve(a))).containsExactly("image_0.png");
      cdn.verify(0, getRequestedFor(urlEqualTo("/b.png")));
      assertThat(ExampleImagesFixture.status().getString("status.status")).isEqualTo("paused");

      given()
          .post("/api/lm/resume-example-images")
          .then()
          .statusCode(200)
          .body(equalTo("{\"success\":true,\"message\":\"Download resumed\"}"));
      assertThat(awaitFinished().getString("status.status")).isEqualTo("completed");
      assertThat(names(ROOT.resolve(b))).containsExactly("image_0.png");

      socket.awaitFrame(f -> f.path("status").asText().equals("completed"));
      List<String> statuses =
          socket
              .framesMatching(f -> f.path("type").asText().equals("example_images_progress"))
              .stream()
              .map(f -> f.path("status").asText())
              .distinct()
              .toList();
      assertThat(statuses).containsExactly("running", "paused", "completed");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void stopFinishesTheCurrentModelAndARestartResumesFromTheProgressFile() throws Exception {
    String a = lora("alpha", "/slow.png");
    String b = lora("beta", "/b.png");
    String c = lora("gamma", "/c.png");
    TestLibrary.scan("loras");
    cdn.stubFor(
        get("/slow.png")
            .willReturn(aResponse().withBody(LibraryFixture.PNG).withFixedDelay(1_500)));
    cdn.stubFor(get("/b.png").willReturn(aResponse().withBody(LibraryFixture.PNG)));
    cdn.stubFor(get("/c.png").willReturn(aResponse().withBody(JPEG)));

    try (WebSocketRecorder socket = WebSocketRecorder.connect(base, "/ws/fetch-progress")) {
      start("{\"delay\": 0}");
      awaitStatus(s -> s.getString("status.current_model").startsWith("alpha"));
      given()
          .post("/api/lm/stop-example-images")
          .then()
          .statusCode(200)
          .body(equalTo("{\"success\":true,\"message\":\"Download stopping\"}"));
      assertThat(ExampleImagesFixture.status().getString("status.status")).isEqualTo("stopping");

      JsonPath stopped = awaitFinished();
      assertThat(stopped.getString("status.status")).isEqualTo("stopped");
      assertThat(stopped.getInt("status.completed")).isEqualTo(1);
      assertThat(stopped.getList("status.processed_models")).containsExactly(a);
      socket.awaitFrame(f -> f.path("status").asText().equals("stopped"));
      assertThat(
              socket
                  .framesMatching(f -> f.path("type").asText().equals("example_images_progress"))
                  .stream()
                  .map(f -> f.path("status").asText())
                  .distinct())
          .containsExactly("running", "stopping", "stopped");
    }
    cdn.verify(0, getRequestedFor(urlEqualTo("/b.png")));
    Path progress = ROOT.resolve(".download_progress.json");
    JsonNode saved = LibraryFixture.readJson(progress);
    assertThat(saved.get("processed_models").toString()).isEqualTo("[\"" + a + "\"]");
    // A key another version wrote must survive the next save.
    Files.writeString(progress, saved.toString().replaceFirst("\\{", "{\"naming_version\":2,"));
    // alpha's files vanish while the server is down: processed + empty folder = fetch again.
    Files.delete(ROOT.resolve(a).resolve("image_0.png"));

    ExampleImagesRunner restarted =
        new ExampleImagesRunner(
            folders,
            progressFile,
            media,
            refresher,
            catalog,
            sidecars,
            editor,
            settings,
            events,
            clock);
    try {
      restarted.start(new ExampleImagesRunner.Options(false, true, null, 0, false, List.of()));
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(30))
          .until(() -> !restarted.isRunning());
      var status = restarted.status();
      assertThat(status.get("status")).isEqualTo("completed");
      assertThat(status.get("reprocessed_models")).isEqualTo(List.of(a));
      assertThat((List<Object>) status.get("processed_models")).containsExactlyInAnyOrder(a, b, c);
    } finally {
      restarted.shutdown();
    }
    cdn.verify(2, getRequestedFor(urlEqualTo("/slow.png")));
    cdn.verify(1, getRequestedFor(urlEqualTo("/b.png")));
    assertThat(names(ROOT.resolve(b))).containsExactly("image_0.png");
    assertThat(names(ROOT.resolve(c))).containsExactly("image_0.jpg");
    JsonNode after = LibraryFixture.readJson(progress);
    assertThat(after.get("naming_version").asInt()).isEqualTo(2);
    assertThat(after.get("processed_models")).hasSize(3);
  }
}
