package io.loramanager.download;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.library.DownloadedVersions;
import io.loramanager.testsupport.CdnStub;
import io.loramanager.testsupport.CivitaiFixtures;
import io.loramanager.testsupport.CivitaiStub;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.LibraryRequests;
import io.loramanager.testsupport.TestLibrary;
import io.loramanager.testsupport.UniqueIds;
import io.loramanager.testsupport.WebSocketRecorder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A version whose file is a zip (anchor-downloads §3.3 item 7): the model files inside are
 * extracted next to it, each with its own sidecar, preview and catalogue entry, and the zip goes.
 */
@QuarkusTest
class ZipDownloadFlowTest {

  @CivitaiStub WireMockServer civitai;
  @CdnStub WireMockServer cdn;

  @TestHTTPResource("/")
  URI base;

  @Inject DownloadedVersions downloaded;

  private LibraryFixture library;
  private VersionDownloads stubs;

  @BeforeEach
  void reset() {
    civitai.resetAll();
    cdn.resetAll();
    library = TestLibrary.fresh();
    given().get("/api/lm/downloads/history/clear").then().statusCode(200);
    stubs = new VersionDownloads(civitai, cdn, UniqueIds.next(1));
    CivitaiFixtures.stubImages(cdn);
  }

  private byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(stubs.versionId() * 31 + size).nextBytes(bytes);
    return bytes;
  }

  /** Serves {@code zip} as the version's primary file {@code pack.zip} of a model of this type. */
  private void stubZipVersion(byte[] zip, String civitaiType) {
    ObjectNode version = stubs.version(zip);
    ((ObjectNode) version.get("model")).put("type", civitaiType);
    VersionDownloads.primaryFile(version).put("name", "pack.zip");
    stubs.stubVersion(version);
    stubs.stubFile(zip);
  }

  @Test
  void aZipWithOneModelLeavesTheModelWithItsOwnHashAndNoAutoV3() {
    byte[] model = random(20_000);
    stubZipVersion(
        VersionDownloads.zip(
            List.of(Map.entry("ink/ink.safetensors", model), Map.entry("notes.txt", random(9)))),
        "LORA");
    Path folder = library.loras().resolve("ink");

    try (WebSocketRecorder socket = VersionDownloads.socket(base, "zip-one")) {
      stubs
          .download("zip-one", "model_root", library.loras().toString(), "relative_path", "ink")
          .then()
          .statusCode(200)
          .body("success", org.hamcrest.Matchers.equalTo(true));
      JsonNode completed = socket.awaitFrame(f -> "completed".equals(f.path("status").asText()));
      assertThat(completed.get("file_path").asText())
          .isEqualTo(LibraryFixture.slashes(folder.resolve("ink.safetensors")));
      List<JsonNode> frames = socket.frames();
      assertThat(frames.get(frames.size() - 2).toString())
          .isEqualTo("{\"status\":\"progress\",\"progress\":100,\"download_id\":\"zip-one\"}");
    }

    Path file = folder.resolve("ink.safetensors");
    assertThat(LibraryRequests.namesIn(folder))
        .containsExactly("ink.metadata.json", "ink.png", "ink.safetensors");
    assertThat(LibraryFixture.read(file)).isEqualTo(model);
    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(file));
    assertThat(sidecar.get("file_name").asText()).isEqualTo("ink");
    assertThat(sidecar.get("file_path").asText()).isEqualTo(LibraryFixture.slashes(file));
    assertThat(sidecar.get("size").asLong()).isEqualTo(model.length);
    assertThat(sidecar.get("sha256").asText()).isEqualTo(LibraryFixture.sha256(model));
    assertThat(sidecar.get("autov3").asText()).isEmpty();
    assertThat(sidecar.get("preview_url").asText())
        .isEqualTo(LibraryFixture.slashes(folder.resolve("ink.png")));
    assertThat(sidecar.get("civitai").get("id").asLong()).isEqualTo(stubs.versionId());
    assertThat(LibraryFixture.read(folder.resolve("ink.png"))).isEqualTo(LibraryFixture.PNG);
    assertThat(LibraryRequests.listed("loras")).containsExactly(LibraryFixture.slashes(file));
    JsonPath history = VersionDownloads.history();
    assertThat(history.getString("items[0].status")).isEqualTo("completed");
    assertThat(history.getString("items[0].file_path")).isEqualTo(LibraryFixture.slashes(file));
    assertThat(downloaded.hasBeenDownloaded("lora", stubs.versionId())).isTrue();
  }

  @Test
  void aZipWithTwoModelsGivesEachASidecarAPreviewAndAnEntry() {
    byte[] first = random(10_000);
    byte[] second = random(12_000);
    stubZipVersion(
        VersionDownloads.zip(
            List.of(Map.entry("a.safetensors", first), Map.entry("more/b.safetensors", second))),
        "LORA");
    Path folder = library.loras().resolve("pair");

    stubs
        .download("zip-two", "model_root", library.loras().toString(), "relative_path", "pair")
        .then()
        .statusCode(200);

    assertThat(LibraryRequests.namesIn(folder))
        .containsExactly(
            "a.metadata.json",
            "a.png",
            "a.safetensors",
            "b.metadata.json",
            "b.png",
            "b.safetensors");
    for (Map.Entry<String, byte[]> model : Map.of("a", first, "b", second).entrySet()) {
      Path file = folder.resolve(model.getKey() + ".safetensors");
      assertThat(LibraryFixture.read(file)).isEqualTo(model.getValue());
      ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(file));
      assertThat(sidecar.get("sha256").asText()).isEqualTo(LibraryFixture.sha256(model.getValue()));
      assertThat(sidecar.get("size").asLong()).isEqualTo(model.getValue().length);
      assertThat(sidecar.get("autov3").asText()).isEmpty();
      assertThat(sidecar.get("preview_url").asText())
          .isEqualTo(LibraryFixture.slashes(folder.resolve(model.getKey() + ".png")));
      assertThat(LibraryFixture.read(folder.resolve(model.getKey() + ".png")))
          .isEqualTo(LibraryFixture.PNG);
    }
    assertThat(LibraryRequests.listed("loras"))
        .containsExactlyInAnyOrder(
            LibraryFixture.slashes(folder.resolve("a.safetensors")),
            LibraryFixture.slashes(folder.resolve("b.safetensors")));
  }

  @Test
  void aZipWithAPtEmbeddingIsExtractedForEmbeddings() {
    byte[] embedding = random(3_000);
    stubZipVersion(
        VersionDownloads.zip(List.of(Map.entry("neg_hands.pt", embedding))), "TextualInversion");

    stubs.download("zip-pt", "model_root", library.embeddings().toString()).then().statusCode(200);

    Path file = library.embeddings().resolve("neg_hands.pt");
    assertThat(LibraryFixture.read(file)).isEqualTo(embedding);
    assertThat(library.embeddings().resolve("pack.zip")).doesNotExist();
    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(file));
    assertThat(sidecar.get("sub_type").asText()).isEqualTo("embedding");
    assertThat(sidecar.get("sha256").asText()).isEqualTo(LibraryFixture.sha256(embedding));
    assertThat(LibraryRequests.listed("embeddings")).containsExactly(LibraryFixture.slashes(file));
  }

  @Test
  void aZipWithoutASupportedFileFailsAndLeavesNothing() {
    stubZipVersion(
        VersionDownloads.zip(
            List.of(Map.entry("readme.txt", random(10)), Map.entry("model.ckpt", random(10)))),
        "LORA");
    Path folder = library.loras().resolve("none");

    try (WebSocketRecorder socket = VersionDownloads.socket(base, "zip-none")) {
      String reply =
          stubs
              .download(
                  "zip-none", "model_root", library.loras().toString(), "relative_path", "none")
              .then()
              .statusCode(500)
              .extract()
              .asString();
      assertThat(reply)
          .isEqualTo(
              "{\"success\":false,\"error\":\"Zip archive does not contain any supported model"
                  + " files (.safetensors)\",\"download_id\":\"zip-none\"}");
      JsonNode failed = socket.awaitFrame(f -> "failed".equals(f.path("status").asText()));
      assertThat(failed.get("error").asText())
          .isEqualTo("Zip archive does not contain any supported model files (.safetensors)");
    }
    assertThat(folder).isEmptyDirectory();
    assertThat(LibraryRequests.listed("loras")).isEmpty();
    assertThat(VersionDownloads.history().getString("items[0].status")).isEqualTo("failed");
    assertThat(downloaded.hasBeenDownloaded("lora", stubs.versionId())).isFalse();
  }

  @Test
  void aZipSlipEntryNeverWritesOutsideTheTargetFolder() {
    byte[] model = random(5_000);
    stubZipVersion(
        VersionDownloads.zip(List.of(Map.entry("../../../escaped.safetensors", model))), "LORA");
    Path folder = library.loras().resolve("slip/deeper");

    stubs
        .download(
            "zip-slip", "model_root", library.loras().toString(), "relative_path", "slip/deeper")
        .then()
        .statusCode(200);

    assertThat(LibraryFixture.read(folder.resolve("escaped.safetensors"))).isEqualTo(model);
    assertThat(library.loras().resolve("escaped.safetensors")).doesNotExist();
    assertThat(library.loras().resolve("slip/escaped.safetensors")).doesNotExist();
    assertThat(library.dir().resolve("escaped.safetensors")).doesNotExist();
    assertThat(library.dir().getParent().resolve("escaped.safetensors")).doesNotExist();
    assertThat(LibraryRequests.listed("loras"))
        .containsExactly(LibraryFixture.slashes(folder.resolve("escaped.safetensors")));
  }

  @Test
  void aZipOfAVersionWithoutImagesLeavesModelsWithoutPreviews() {
    byte[] first = random(4_000);
    byte[] second = random(4_500);
    byte[] zip =
        VersionDownloads.zip(
            List.of(Map.entry("c.safetensors", first), Map.entry("d.safetensors", second)));
    ObjectNode version = stubs.version(zip);
    version.putArray("images");
    VersionDownloads.primaryFile(version).put("name", "plain.zip");
    stubs.stubVersion(version);
    stubs.stubFile(zip);
    Path folder = library.loras().resolve("plain");

    stubs
        .download("zip-plain", "model_root", library.loras().toString(), "relative_path", "plain")
        .then()
        .statusCode(200);

    assertThat(LibraryRequests.namesIn(folder))
        .containsExactly("c.metadata.json", "c.safetensors", "d.metadata.json", "d.safetensors");
    for (String stem : List.of("c", "d")) {
      ObjectNode sidecar =
          LibraryFixture.readJson(LibraryFixture.sidecarOf(folder.resolve(stem + ".safetensors")));
      assertThat(sidecar.get("preview_url").asText()).isEmpty();
      assertThat(sidecar.get("preview_nsfw_level").asInt()).isZero();
    }
    assertThat(cdn.getAllServeEvents())
        .allMatch(e -> e.getRequest().getUrl().startsWith("/files/"));
  }
}
