package io.loramanager.download;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.settings.SettingsStore;
import io.loramanager.testsupport.CdnStub;
import io.loramanager.testsupport.CivitaiFixtures;
import io.loramanager.testsupport.CivitaiStub;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.LibraryRequests;
import io.loramanager.testsupport.TestLibrary;
import io.loramanager.testsupport.UniqueIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Diffusion models that Civitai calls checkpoints go to the unet root with the default paths, and
 * are catalogued as {@code diffusion_model} (anchor-downloads §3.2 step 8, §3.3 item 10).
 */
@QuarkusTest
class DiffusionRoutingFlowTest {

  @CivitaiStub WireMockServer civitai;
  @CdnStub WireMockServer cdn;

  @Inject SettingsStore settings;

  private LibraryFixture library;
  private VersionDownloads stubs;
  private byte[] content;

  @BeforeEach
  void reset() {
    civitai.resetAll();
    cdn.resetAll();
    library = TestLibrary.fresh();
    stubs = new VersionDownloads(civitai, cdn, UniqueIds.next(1));
    content = new byte[30_000];
    new Random(stubs.versionId()).nextBytes(content);
    CivitaiFixtures.stubImages(cdn);
    stubs.stubFile(content);
  }

  @AfterEach
  void restoreSettings() {
    settings.update(d -> d.remove("default_unet_root"));
  }

  /** A checkpoint version of this base model whose primary file has this Civitai type. */
  private void stubCheckpoint(String baseModel, String fileType) {
    ObjectNode version = stubs.version(content);
    ((ObjectNode) version.get("model")).put("type", "Checkpoint").putArray("tags").add("style");
    version.put("baseModel", baseModel);
    VersionDownloads.primaryFile(version).put("type", fileType).put("name", "flux_ink.safetensors");
    stubs.stubVersion(version);
  }

  private void downloadWithDefaultPaths(String id) {
    stubs.download(id, "use_default_paths", true).then().statusCode(200);
  }

  /** The catalogue's {@code sub_type} of every listed checkpoint. */
  private static java.util.List<String> listedSubTypes() {
    JsonPath list =
        io.restassured.RestAssured.given()
            .get("/api/lm/checkpoints/list")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    return list.getList("items.sub_type");
  }

  /** Adds the library's unet root (folder {@code diffusion_models}); a scan picks it up. */
  private void addUnetRoot() {
    library.diffusionModels();
    TestLibrary.scan("checkpoints");
  }

  @Test
  void aDiffusionModelWithoutAUnetRootIsRefusedWithTheReferenceMessage() {
    stubCheckpoint("Flux.1 D", "Model");

    String reply =
        stubs
            .download("unet-missing", "use_default_paths", true)
            .then()
            .statusCode(500)
            .extract()
            .asString();

    assertThat(reply)
        .isEqualTo(
            "{\"success\":false,\"error\":\"Default unet root path not set in settings\","
                + "\"download_id\":\"unet-missing\"}");
    assertThat(stubs.fileRequests()).isZero();
    assertThat(library.checkpoints()).isEmptyDirectory();
    assertThat(LibraryRequests.listed("checkpoints")).isEmpty();
  }

  @Test
  void aDiffusionBaseModelGoesToTheUnetRootAsADiffusionModel() {
    addUnetRoot();
    stubCheckpoint("Flux.1 D", "Model");

    downloadWithDefaultPaths("unet-base");

    Path file = library.diffusionModels().resolve("Flux.1 D/style/flux_ink.safetensors");
    assertThat(LibraryFixture.read(file)).isEqualTo(content);
    assertThat(LibraryFixture.readJson(LibraryFixture.sidecarOf(file)).get("sub_type").asText())
        .isEqualTo("diffusion_model");
    assertThat(LibraryRequests.listed("checkpoints")).containsExactly(LibraryFixture.slashes(file));
    assertThat(listedSubTypes()).containsExactly("diffusion_model");
    assertThat(library.checkpoints()).isEmptyDirectory();
  }

  @Test
  void aUnetFileGoesToTheConfiguredDefaultUnetRoot() {
    addUnetRoot();
    Path custom = library.diffusionModels().resolve("custom");
    LibraryFixture.write(custom.resolve(".keep"), new byte[0]);
    settings.update(d -> d.put("default_unet_root", custom.toString()));
    stubCheckpoint("SDXL 1.0", "UNet");

    downloadWithDefaultPaths("unet-file");

    Path file = custom.resolve("SDXL 1.0/style/flux_ink.safetensors");
    assertThat(LibraryFixture.read(file)).isEqualTo(content);
    assertThat(LibraryFixture.readJson(LibraryFixture.sidecarOf(file)).get("sub_type").asText())
        .isEqualTo("diffusion_model");
    assertThat(LibraryRequests.listed("checkpoints")).containsExactly(LibraryFixture.slashes(file));
    assertThat(listedSubTypes()).containsExactly("diffusion_model");
  }

  @Test
  void anOrdinaryCheckpointStaysInTheCheckpointRoot() {
    stubCheckpoint("SDXL 1.0", "Model");

    downloadWithDefaultPaths("unet-none");

    Path file = library.checkpoints().resolve("SDXL 1.0/style/flux_ink.safetensors");
    assertThat(LibraryFixture.read(file)).isEqualTo(content);
    assertThat(LibraryFixture.readJson(LibraryFixture.sidecarOf(file)).get("sub_type").asText())
        .isEqualTo("checkpoint");
    assertThat(LibraryRequests.listed("checkpoints")).containsExactly(LibraryFixture.slashes(file));
    assertThat(listedSubTypes()).containsExactly("checkpoint");
  }
}
