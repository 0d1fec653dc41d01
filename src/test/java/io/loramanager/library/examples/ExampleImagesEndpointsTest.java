package io.loramanager.library.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static io.loramanager.library.examples.ExampleImagesFixture.JPEG;
import static io.loramanager.library.examples.ExampleImagesFixture.ROOT;
import static io.loramanager.library.examples.ExampleImagesFixture.WEBM;
import static io.loramanager.library.examples.ExampleImagesFixture.awaitFinished;
import static io.loramanager.library.examples.ExampleImagesFixture.awaitStatus;
import static io.loramanager.library.examples.ExampleImagesFixture.images;
import static io.loramanager.library.examples.ExampleImagesFixture.startRun;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.settings.SettingsStore;
import io.loramanager.testsupport.CdnStub;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The example-image endpoints' answers and error paths, and serving the stored files. */
@QuarkusTest
class ExampleImagesEndpointsTest {

  private static final String HASH = "ab".repeat(32);

  @CdnStub WireMockServer cdn;
  @Inject SettingsStore settings;

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

  private static void post(String path, int status, String body) {
    given().post("/api/lm/" + path).then().statusCode(status).body(equalTo(body));
  }

  @Test
  void steeringWithNothingRunningIsRefused() {
    assertThat(ExampleImagesFixture.status().getString("status.status")).isIn("idle", "completed");
    post("pause-example-images", 400, "{\"success\":false,\"error\":\"No download in progress\"}");
    post("resume-example-images", 400, "{\"success\":false,\"error\":\"No download in progress\"}");
    post("stop-example-images", 400, "{\"success\":false,\"error\":\"No download in progress\"}");
  }

  @Test
  void startingWithoutAFolderIsRefusedUnlessAutomatic() {
    ExampleImagesFixture.configure(settings, null);

    given()
        .contentType("application/json")
        .body("{}")
        .post("/api/lm/download-example-images")
        .then()
        .statusCode(400)
        .body(
            equalTo(
                "{\"success\":false,\"error\":\"Example images path not configured in settings\"}"));
    given()
        .contentType("application/json")
        .body("{\"auto_mode\": true}")
        .post("/api/lm/download-example-images")
        .then()
        .statusCode(200)
        .body(
            equalTo(
                "{\"success\":true,\"message\":"
                    + "\"Example images path not configured, skipping auto download\"}"));
    assertThat(ExampleImagesFixture.status().getBoolean("is_downloading")).isFalse();
  }

  @Test
  void badStartOptionsAre400() {
    given()
        .contentType("application/json")
        .body("{\"model_types\": [\"sketch\"]}")
        .post("/api/lm/download-example-images")
        .then()
        .statusCode(400)
        .body(equalTo("{\"success\":false,\"error\":\"Unknown model type: sketch\"}"));
    given()
        .contentType("application/json")
        .body("{\"delay\": -1}")
        .post("/api/lm/download-example-images")
        .then()
        .statusCode(400)
        .body(
            equalTo(
                "{\"success\":false,\"error\":\"delay must be a number of seconds, 0 or more\"}"));
  }

  @Test
  void aSecondStartWhileRunningIsRefusedWithTheSnapshotAndResumeOfARunningRunToo() {
    library.modelWithSidecar(
        library.loras(),
        "slow.safetensors",
        sidecar -> images(sidecar, "http://127.0.0.2:" + cdn.port() + "/slow.png"));
    TestLibrary.scan("loras");
    cdn.stubFor(
        get("/slow.png")
            .willReturn(aResponse().withBody(LibraryFixture.PNG).withFixedDelay(2_000)));
    startRun();
    awaitStatus(s -> s.getString("status.current_model").startsWith("slow"));

    var refused =
        given()
            .contentType("application/json")
            .body("{}")
            .post("/api/lm/download-example-images")
            .then()
            .statusCode(400)
            .extract()
            .jsonPath();
    assertThat(refused.getBoolean("success")).isFalse();
    assertThat(refused.getString("error")).isEqualTo("Download already in progress");
    assertThat(refused.getString("status.status")).isEqualTo("running");
    assertThat(refused.getString("status.current_model")).startsWith("slow (");
    post(
        "resume-example-images",
        400,
        "{\"success\":false,\"error\":\"Download is in 'running' state, cannot resume\"}");
    var needed =
        given()
            .contentType("application/json")
            .body("{}")
            .post("/api/lm/check-example-images-needed")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(needed)
        .isEqualTo(
            "{\"success\":true,\"is_downloading\":true,\"total_models\":0,\"pending_count\":0,"
                + "\"processed_count\":0,\"failed_count\":0,\"needs_download\":false,"
                + "\"message\":\"Download already in progress\"}");
  }

  @Test
  void checkNeededCountsModelsFromTheProgressFileAndFolders() throws Exception {
    Path done = library.modelWithSidecar(library.loras(), "done.safetensors", s -> {});
    Path failed = library.modelWithSidecar(library.loras(), "failed.safetensors", s -> {});
    library.modelWithSidecar(library.loras(), "pending.safetensors", s -> {});
    Path present = library.modelWithSidecar(library.embeddings(), "present.pt", s -> {});
    TestLibrary.scanAll();
    Files.writeString(
        ROOT.resolve(".download_progress.json"),
        "{\"processed_models\":[\""
            + LibraryFixture.sha256(LibraryFixture.read(done))
            + "\"],\"failed_models\":[\""
            + LibraryFixture.sha256(LibraryFixture.read(failed))
            + "\"]}");
    Path folder = ROOT.resolve(LibraryFixture.sha256(LibraryFixture.read(present)));
    Files.createDirectories(folder);
    Files.write(folder.resolve("image_0.png"), LibraryFixture.PNG);

    given()
        .contentType("application/json")
        .body("{}")
        .post("/api/lm/check-example-images-needed")
        .then()
        .statusCode(200)
        .body(
            equalTo(
                "{\"success\":true,\"is_downloading\":false,\"total_models\":4,"
                    + "\"pending_count\":1,\"processed_count\":1,\"failed_count\":1,"
                    + "\"needs_download\":true}"));
    given()
        .contentType("application/json")
        .body("{\"model_types\": [\"embedding\"]}")
        .post("/api/lm/check-example-images-needed")
        .then()
        .statusCode(200)
        .body(
            equalTo(
                "{\"success\":true,\"is_downloading\":false,\"total_models\":1,"
                    + "\"pending_count\":0,\"processed_count\":0,\"failed_count\":0,"
                    + "\"needs_download\":false}"));
  }

  @Test
  void listsAndServesStoredFilesWithTheirContentTypes() throws Exception {
    Path folder = Files.createDirectories(ROOT.resolve(HASH));
    Files.write(folder.resolve("image_10.jpg"), JPEG);
    Files.write(folder.resolve("image_2.png"), LibraryFixture.PNG);
    Files.write(folder.resolve("custom_abcd1234.webm"), WEBM);
    Files.writeString(folder.resolve("notes.txt"), "not media");
    Files.writeString(folder.resolve(".image_3.part"), "partial");

    given()
        .get("/api/lm/example-image-files?model_hash=" + HASH.toUpperCase())
        .then()
        .statusCode(200)
        .body(
            equalTo(
                "{\"success\":true,\"files\":["
                    + file("image_2.png", ".png", false)
                    + ","
                    + file("image_10.jpg", ".jpg", false)
                    + ","
                    + file("custom_abcd1234.webm", ".webm", true)
                    + "]}"));
    given()
        .get("/api/lm/has-example-images?model_hash=" + HASH)
        .then()
        .statusCode(200)
        .body(equalTo("{\"has_images\":true}"));

    byte[] served =
        given()
            .get("/example_images_static/" + HASH + "/image_2.png")
            .then()
            .statusCode(200)
            .contentType("image/png")
            .extract()
            .asByteArray();
    assertThat(served).isEqualTo(LibraryFixture.PNG);
    given()
        .get("/example_images_static/" + HASH + "/custom_abcd1234.webm")
        .then()
        .statusCode(200)
        .contentType("video/webm");
  }

  private static String file(String name, String extension, boolean video) {
    return "{\"name\":\""
        + name
        + "\",\"path\":\"/example_images_static/"
        + HASH
        + "/"
        + name
        + "\",\"extension\":\""
        + extension
        + "\",\"is_video\":"
        + video
        + "}";
  }

  @Test
  void aModelWithoutAFolderHasNoImages() {
    given()
        .get("/api/lm/example-image-files?model_hash=" + HASH)
        .then()
        .statusCode(404)
        .body(
            equalTo(
                "{\"success\":false,\"error\":\"No example images found for this model\","
                    + "\"files\":[]}"));
    given()
        .get("/api/lm/has-example-images?model_hash=" + HASH)
        .then()
        .statusCode(200)
        .body(equalTo("{\"has_images\":false}"));
  }

  @Test
  void aMissingOrMalformedHashIs400() {
    given()
        .get("/api/lm/has-example-images")
        .then()
        .statusCode(400)
        .body(equalTo("{\"success\":false,\"error\":\"Missing model_hash parameter\"}"));
    given()
        .get("/api/lm/example-image-files?model_hash=../etc")
        .then()
        .statusCode(400)
        .body(
            equalTo(
                "{\"success\":false,\"error\":\"model_hash must be a SHA-256 (64 hex characters)\"}"));
  }

  @Test
  void servingStaysInsideTheFolder() throws Exception {
    Path folder = Files.createDirectories(ROOT.resolve(HASH));
    Path outside = Files.createDirectories(ROOT.resolveSibling("test-examples-outside"));
    Files.write(outside.resolve("secret.png"), LibraryFixture.PNG);
    LibraryFixture.symlink(folder.resolve("link.png"), outside.resolve("secret.png"));
    Files.writeString(folder.resolve("notes.txt"), "not media");

    for (String path :
        new String[] {
          HASH + "/link.png",
          HASH + "/notes.txt",
          HASH + "/missing.png",
          HASH + "/..%2F..%2Ftest-examples-outside%2Fsecret.png",
          "..%2Ftest-examples-outside%2Fsecret.png",
          HASH
        }) {
      given()
          .urlEncodingEnabled(false)
          .get("/example_images_static/" + path)
          .then()
          .statusCode(404)
          .contentType("application/json");
    }
  }

  @Test
  void localExampleFilesBesideAModelAreListedByNumber() throws Exception {
    Path model = library.model(library.loras(), "sub/ink.safetensors");
    Files.write(model.resolveSibling("ink.example.10.png"), LibraryFixture.PNG);
    Files.write(model.resolveSibling("ink.example.2.mp4"), WEBM);
    Files.writeString(model.resolveSibling("ink.example.3.txt"), "not media");
    Files.write(model.resolveSibling("other.example.1.png"), LibraryFixture.PNG);
    String dir = model.getParent().toString();

    given()
        .get("/api/lm/model-example-files?model_path=" + model)
        .then()
        .statusCode(200)
        .body(
            equalTo(
                "{\"success\":true,\"files\":["
                    + "{\"name\":\"ink.example.2.mp4\",\"path\":\"/api/lm/previews?path="
                    + dir
                    + "/ink.example.2.mp4\",\"extension\":\".mp4\",\"is_video\":true},"
                    + "{\"name\":\"ink.example.10.png\",\"path\":\"/api/lm/previews?path="
                    + dir
                    + "/ink.example.10.png\",\"extension\":\".png\",\"is_video\":false}]}"));
    given()
        .get("/api/lm/model-example-files")
        .then()
        .statusCode(400)
        .body(equalTo("{\"success\":false,\"error\":\"Missing model_path parameter\"}"));
    given()
        .get("/api/lm/model-example-files?model_path=/etc/passwd")
        .then()
        .statusCode(400)
        .body(
            equalTo(
                "{\"success\":false,\"error\":"
                    + "\"Path '/etc/passwd' is outside the configured model folders\"}"));
    given()
        .get("/api/lm/model-example-files?model_path=" + dir + "/gone.safetensors")
        .then()
        .statusCode(404)
        .body(
            equalTo(
                "{\"success\":false,\"error\":\"Model file not found: "
                    + dir
                    + "/gone.safetensors\"}"));
  }
}
