package io.loramanager.library.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.loramanager.library.examples.ExampleImagesFixture.ROOT;
import static io.loramanager.library.examples.ExampleImagesFixture.awaitFinished;
import static io.loramanager.library.examples.ExampleImagesFixture.images;
import static io.loramanager.library.examples.ExampleImagesFixture.names;
import static io.loramanager.library.examples.ExampleImagesFixture.startRun;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.settings.SettingsStore;
import io.loramanager.testsupport.CdnStub;
import io.loramanager.testsupport.CivitaiFixtures;
import io.loramanager.testsupport.CivitaiStub;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A 404 from the CDN refreshes the model's metadata from Civitai once, then retries the list. */
@QuarkusTest
class ExampleImagesRefreshTest {

  @CdnStub WireMockServer cdn;
  @CivitaiStub WireMockServer civitai;
  @Inject SettingsStore settings;
  @Inject ExampleImagesRunner runner;

  private LibraryFixture library;

  @BeforeEach
  void setUp() {
    cdn.resetAll();
    civitai.resetAll();
    library = TestLibrary.fresh();
    ExampleImagesFixture.configure(settings, ROOT);
  }

  @AfterEach
  void tearDown() {
    awaitFinished();
    settings.update(node -> node.remove("auto_download_example_images"));
    ExampleImagesFixture.configure(settings, null);
  }

  @Test
  void aStaleImageListIsRefreshedOnceAndTheNewImagesStored() {
    Path model =
        library.modelWithSidecar(
            library.loras(),
            "stale.safetensors",
            sidecar -> images(sidecar, CivitaiFixtures.cdnBase(cdn) + "/img/old.png"));
    String hash = LibraryFixture.sha256(LibraryFixture.read(model));
    TestLibrary.scan("loras");
    cdn.stubFor(get("/img/old.png").willReturn(aResponse().withStatus(404)));
    CivitaiFixtures.stubFound(civitai, cdn, hash);

    startRun();
    JsonPath done = awaitFinished();

    assertThat(done.getString("status.status")).isEqualTo("completed");
    assertThat(done.getList("status.refreshed_models", String.class)).containsExactly(hash);
    assertThat(done.getList("status.processed_models", String.class)).containsExactly(hash);
    assertThat(done.getList("status.failed_models", String.class)).isEmpty();
    civitai.verify(
        1,
        getRequestedFor(urlPathEqualTo(CivitaiFixtures.API + "/model-versions/by-hash/" + hash)));
    cdn.verify(1, getRequestedFor(urlEqualTo("/img/old.png")));
    assertThat(names(ROOT.resolve(hash)))
        .containsExactly("image_0.jpg", "image_1.png", "image_2.mp4");
    assertThat(LibraryFixture.read(ROOT.resolve(hash).resolve("image_2.mp4")))
        .isEqualTo(CivitaiFixtures.MP4);
  }

  @Test
  void aModelDownloadFetchesItsImagesOnlyWhenAutomaticDownloadIsOn() {
    Path model =
        library.modelWithSidecar(
            library.loras(),
            "fresh.safetensors",
            sidecar -> images(sidecar, CivitaiFixtures.cdnBase(cdn) + "/img/safe.png"));
    library.modelWithSidecar(
        library.loras(),
        "other.safetensors",
        sidecar -> images(sidecar, CivitaiFixtures.cdnBase(cdn) + "/img/x-rated.jpeg"));
    String hash = LibraryFixture.sha256(LibraryFixture.read(model));
    TestLibrary.scan("loras");
    CivitaiFixtures.stubImages(cdn);

    runner.afterModelDownloaded(io.loramanager.library.ModelType.LORA, hash);
    assertThat(runner.isRunning()).isFalse();
    assertThat(names(ROOT.resolve(hash))).isEmpty();

    settings.update(node -> node.put("auto_download_example_images", true));
    runner.afterModelDownloaded(io.loramanager.library.ModelType.LORA, hash.toUpperCase());
    JsonPath done = awaitFinished();

    assertThat(done.getString("status.status")).isEqualTo("completed");
    assertThat(done.getInt("status.total")).isEqualTo(1);
    assertThat(names(ROOT.resolve(hash))).containsExactly("image_0.png");
    cdn.verify(0, getRequestedFor(urlEqualTo("/img/x-rated.jpeg")));
  }
}
