package io.loramanager.civitai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.loramanager.testsupport.CivitaiFixtures.API;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.testsupport.CdnStub;
import io.loramanager.testsupport.CivitaiFixtures;
import io.loramanager.testsupport.CivitaiStub;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.LibraryRequests;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The preview a fetch saves: kept when there is one, never from a refused host or non-image. */
@QuarkusTest
class CivitaiPreviewFlowTest {

  @CivitaiStub WireMockServer civitai;
  @CdnStub WireMockServer cdn;

  private LibraryFixture library;
  private Path model;
  private String sha256;

  @BeforeEach
  void inkLora() {
    civitai.resetAll();
    cdn.resetAll();
    library = TestLibrary.fresh();
    model = library.modelWithSidecar(library.loras(), "ink.safetensors", s -> {});
    sha256 = LibraryFixture.sha256(LibraryFixture.read(model));
  }

  private Response fetch() {
    return LibraryRequests.post(
        "/api/lm/loras/fetch-civitai", Map.of("file_path", LibraryFixture.slashes(model)));
  }

  private void versionWithImagesAt(String cdnBase) {
    String version =
        CivitaiFixtures.version(sha256, cdn).replace(CivitaiFixtures.cdnBase(cdn), cdnBase);
    civitai.stubFor(
        get(urlPathEqualTo(API + "/model-versions/by-hash/" + sha256)).willReturn(okJson(version)));
    CivitaiFixtures.stubModel(civitai, cdn, sha256);
  }

  @Test
  void anExistingPreviewIsKept() {
    Path preview = library.preview(model, ".jpeg");
    library.writeSidecar(
        model,
        LibraryFixture.defaultSidecar(model)
            .put("preview_url", LibraryFixture.slashes(preview))
            .put("preview_nsfw_level", 4));
    TestLibrary.scan("loras");
    CivitaiFixtures.stubFound(civitai, cdn, sha256);

    fetch().then().statusCode(200);

    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(model));
    assertThat(sidecar.get("preview_url").asText()).isEqualTo(LibraryFixture.slashes(preview));
    assertThat(sidecar.get("preview_nsfw_level").asInt()).isEqualTo(4);
    assertThat(cdn.getAllServeEvents()).isEmpty();
    assertThat(model.resolveSibling("ink.png")).doesNotExist();
  }

  @Test
  void aPreviewOnARefusedHostIsNotFetched() {
    TestLibrary.scan("loras");
    versionWithImagesAt("http://169.254.169.254");

    Response response = fetch();

    response.then().statusCode(200);
    assertThat(response.jsonPath().getString("metadata.preview_url")).isEmpty();
    assertThat(response.jsonPath().getString("metadata.model_name")).isEqualTo("Ink Drawing");
  }

  @Test
  void somethingThatIsNotAnImageIsNotSaved() {
    TestLibrary.scan("loras");
    CivitaiFixtures.stubFound(civitai, cdn, sha256);
    cdn.stubFor(
        get("/img/safe.png")
            .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody("<html>")));

    Response response = fetch();

    response.then().statusCode(200);
    assertThat(response.jsonPath().getString("metadata.preview_url")).isEmpty();
    assertThat(model.resolveSibling("ink.png")).doesNotExist();
  }
}
