package io.loramanager.download;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.settings.SettingsStore;
import io.loramanager.testsupport.CdnStub;
import io.loramanager.testsupport.CivitaiFixtures;
import io.loramanager.testsupport.CivitaiStub;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.loramanager.testsupport.UniqueIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The automatic example-image download after a model download (anchor-downloads §7.9): with {@code
 * auto_download_example_images} on, the downloaded model's images are fetched in the background;
 * off (the default), nothing is.
 */
@QuarkusTest
class AutoExampleImagesFlowTest {

  private static final Path EXAMPLES = Path.of("target/test-examples-auto").toAbsolutePath();

  @CivitaiStub WireMockServer civitai;
  @CdnStub WireMockServer cdn;
  @Inject SettingsStore settings;

  private LibraryFixture library;
  private VersionDownloads stubs;
  private byte[] content;

  @BeforeEach
  void reset() throws IOException {
    civitai.resetAll();
    cdn.resetAll();
    library = TestLibrary.fresh();
    stubs = new VersionDownloads(civitai, cdn, UniqueIds.next(1));
    CivitaiFixtures.stubImages(cdn);
    LibraryFixture.deleteTree(EXAMPLES);
    Files.createDirectories(EXAMPLES);
    content = new byte[4096];
    new Random(stubs.versionId()).nextBytes(content);
    stubs.stubVersion(stubs.version(content));
    stubs.stubFile(content);
  }

  @AfterEach
  void settingsBack() {
    settings.update(
        node -> {
          node.remove("example_images_path");
          node.remove("auto_download_example_images");
        });
  }

  private void configure(boolean auto) {
    settings.update(
        node -> {
          node.put("example_images_path", EXAMPLES.toString());
          node.put("auto_download_example_images", auto);
        });
  }

  private void download() {
    stubs
        .download("auto-" + stubs.versionId(), "model_root", library.loras().toString())
        .then()
        .statusCode(200);
  }

  private static JsonPath status() {
    return given().get("/api/lm/example-images-status").then().statusCode(200).extract().jsonPath();
  }

  @Test
  void withTheSettingOnTheDownloadedModelGetsItsExampleImages() {
    configure(true);

    download();

    String sha256 = LibraryFixture.sha256(content);
    Path folder = EXAMPLES.resolve(sha256);
    JsonPath done =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                AutoExampleImagesFlowTest::status,
                s ->
                    !s.getBoolean("is_downloading")
                        && s.getList("status.processed_models").contains(sha256));
    assertThat(done.getString("status.status")).isEqualTo("completed");
    assertThat(names(folder)).containsExactly("image_0.jpg", "image_1.png", "image_2.mp4");
    assertThat(read(folder.resolve("image_1.png"))).isEqualTo(LibraryFixture.PNG);
  }

  @Test
  void withTheSettingOffNothingIsFetched() {
    configure(false);

    download();

    // The trigger would have started the run before the download answered.
    assertThat(status().getBoolean("is_downloading")).isFalse();
    assertThat(EXAMPLES.resolve(LibraryFixture.sha256(content))).doesNotExist();
    assertThat(
            cdn.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals("/img/x-rated.jpeg")))
        .isEmpty();
  }

  private static List<String> names(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static byte[] read(Path file) {
    return LibraryFixture.read(file);
  }
}
