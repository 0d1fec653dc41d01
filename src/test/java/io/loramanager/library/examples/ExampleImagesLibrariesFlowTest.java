package io.loramanager.library.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static io.loramanager.library.examples.ExampleImagesFixture.ROOT;
import static io.loramanager.library.examples.ExampleImagesFixture.awaitFinished;
import static io.loramanager.library.examples.ExampleImagesFixture.images;
import static io.loramanager.library.examples.ExampleImagesFixture.names;
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
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With more than one library the images live in {@code <root>/<library>/}: a single-library folder
 * {@code <root>/<sha256>} and progress file are moved in on first use.
 */
@QuarkusTest
class ExampleImagesLibrariesFlowTest {

  private static final Path LIBRARY_ROOT = ROOT.resolve("Main_Set");

  @CdnStub WireMockServer cdn;
  @Inject SettingsStore settings;

  private LibraryFixture library;

  @BeforeEach
  void setUp() {
    cdn.resetAll();
    library = TestLibrary.fresh();
    ExampleImagesFixture.configure(settings, ROOT);
    settings.update(
        node -> {
          // Names only: the roots stay the top-level ones of the test profile.
          node.putObject("libraries").putObject("Main Set");
          node.with("libraries").putObject("other");
          node.put("active_library", "Main Set");
        });
  }

  @AfterEach
  void tearDown() {
    awaitFinished();
    settings.update(
        node -> {
          node.remove("libraries");
          node.remove("active_library");
        });
    ExampleImagesFixture.configure(settings, null);
  }

  private String lora(String name) {
    Path model =
        library.modelWithSidecar(
            library.loras(),
            name + ".safetensors",
            sidecar -> images(sidecar, "http://127.0.0.2:" + cdn.port() + "/" + name + ".png"));
    return LibraryFixture.sha256(LibraryFixture.read(model));
  }

  @Test
  void aLegacyModelFolderMovesIntoTheLibraryAndCountsAsProcessedWithoutADownload()
      throws Exception {
    String legacy = lora("old");
    String fresh = lora("new");
    TestLibrary.scan("loras");
    Files.createDirectories(ROOT.resolve(legacy));
    Files.write(ROOT.resolve(legacy).resolve("image_0.png"), LibraryFixture.PNG);
    cdn.stubFor(get("/new.png").willReturn(aResponse().withBody(LibraryFixture.PNG)));

    startRun();
    JsonPath done = awaitFinished();

    assertThat(done.getString("status.status")).isEqualTo("completed");
    assertThat(done.getList("status.processed_models", String.class))
        .containsExactlyInAnyOrder(legacy, fresh);
    assertThat(done.getList("status.errors", String.class)).isEmpty();
    assertThat(ROOT.resolve(legacy)).doesNotExist();
    assertThat(names(LIBRARY_ROOT.resolve(legacy))).containsExactly("image_0.png");
    assertThat(names(LIBRARY_ROOT.resolve(fresh))).containsExactly("image_0.png");
    assertThat(names(ROOT)).containsExactly("Main_Set");
    assertThat(names(LIBRARY_ROOT)).containsExactly(".download_progress.json", fresh, legacy);
    cdn.verify(0, anyRequestedFor(anyUrl()).withUrl("/old.png"));

    // Listed and served under the library's folder.
    String url = "/example_images_static/Main_Set/" + legacy + "/image_0.png";
    given()
        .get("/api/lm/example-image-files?model_hash=" + legacy)
        .then()
        .statusCode(200)
        .body(
            equalTo(
                "{\"success\":true,\"files\":[{\"name\":\"image_0.png\",\"path\":\""
                    + url
                    + "\",\"extension\":\".png\",\"is_video\":false}]}"));
    assertThat(given().get(url).then().statusCode(200).extract().asByteArray())
        .isEqualTo(LibraryFixture.PNG);
  }

  @Test
  void aLegacyFolderIsAlsoAdoptedWhenItsFilesAreListed() throws Exception {
    String legacy = lora("listed");
    TestLibrary.scan("loras");
    Files.createDirectories(ROOT.resolve(legacy));
    Files.write(ROOT.resolve(legacy).resolve("image_0.png"), LibraryFixture.PNG);

    given()
        .get("/api/lm/has-example-images?model_hash=" + legacy)
        .then()
        .statusCode(200)
        .body(equalTo("{\"has_images\":true}"));

    assertThat(ROOT.resolve(legacy)).doesNotExist();
    assertThat(names(LIBRARY_ROOT.resolve(legacy))).containsExactly("image_0.png");
  }

  @Test
  void aLegacyProgressFileMovesIntoTheLibraryAndKeepsItsProcessedHashes() throws Exception {
    String done = lora("done");
    String pending = lora("pending");
    TestLibrary.scan("loras");
    Files.createDirectories(LIBRARY_ROOT.resolve(done));
    Files.write(LIBRARY_ROOT.resolve(done).resolve("image_0.png"), LibraryFixture.PNG);
    String legacyProgress =
        "{\"processed_models\":[\""
            + done
            + "\"],\"failed_models\":[],\"naming_version\":2,\"completed\":1,\"total\":1}";
    Files.writeString(ROOT.resolve(".download_progress.json"), legacyProgress);

    given()
        .contentType("application/json")
        .body("{}")
        .post("/api/lm/check-example-images-needed")
        .then()
        .statusCode(200)
        .body(
            equalTo(
                "{\"success\":true,\"is_downloading\":false,\"total_models\":2,"
                    + "\"pending_count\":1,\"processed_count\":1,\"failed_count\":0,"
                    + "\"needs_download\":true}"));

    assertThat(ROOT.resolve(".download_progress.json")).doesNotExist();
    assertThat(Files.readString(LIBRARY_ROOT.resolve(".download_progress.json")))
        .isEqualTo(legacyProgress);

    // A run starts from it: the processed model is skipped, the other one fetched.
    cdn.stubFor(get("/pending.png").willReturn(aResponse().withBody(LibraryFixture.PNG)));
    startRun();
    JsonPath status = awaitFinished();
    assertThat(status.getList("status.processed_models", String.class))
        .containsExactly(done, pending);
    cdn.verify(0, anyRequestedFor(anyUrl()).withUrl("/done.png"));
    var saved = LibraryFixture.readJson(LIBRARY_ROOT.resolve(".download_progress.json"));
    assertThat(saved.get("processed_models").toString())
        .isEqualTo("[\"" + done + "\",\"" + pending + "\"]");
    assertThat(saved.get("naming_version").asInt()).isEqualTo(2);
  }
}
