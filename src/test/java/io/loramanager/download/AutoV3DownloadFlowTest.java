package io.loramanager.download;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.testsupport.CdnStub;
import io.loramanager.testsupport.CivitaiFixtures;
import io.loramanager.testsupport.CivitaiStub;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.SafetensorsFiles;
import io.loramanager.testsupport.TestLibrary;
import io.loramanager.testsupport.UniqueIds;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The AutoV3 hash a downloaded model's sidecar records (anchor-downloads §3.3 item 8, the tests of
 * {@code test_download_manager_autov3.py}): Civitai's value, else the safetensors header's, else ""
 * (checked, none).
 */
@QuarkusTest
class AutoV3DownloadFlowTest {

  @CivitaiStub WireMockServer civitai;
  @CdnStub WireMockServer cdn;

  private LibraryFixture library;
  private VersionDownloads stubs;

  @BeforeEach
  void reset() {
    civitai.resetAll();
    cdn.resetAll();
    library = TestLibrary.fresh();
    stubs = new VersionDownloads(civitai, cdn, UniqueIds.next(1));
    CivitaiFixtures.stubImages(cdn);
  }

  /** A safetensors file whose header carries this {@code sshs_model_hash}. */
  private static byte[] safetensors(String hash) {
    return SafetensorsFiles.bytes(
        SafetensorsFiles.headerWithMetadata("sshs_model_hash", hash), new byte[] {1, 2, 3, 4});
  }

  /** Downloads {@code content} as the version's primary file, AutoV3 as given (null: none). */
  private ObjectNode downloadedSidecar(byte[] content, String name, String autov3) {
    ObjectNode version = stubs.version(content);
    ObjectNode hashes = (ObjectNode) VersionDownloads.primaryFile(version).get("hashes");
    if (autov3 == null) {
      hashes.remove("AutoV3");
    } else {
      hashes.put("AutoV3", autov3);
    }
    VersionDownloads.primaryFile(version).put("name", name);
    stubs.stubVersion(version);
    stubs.stubFile(content);
    stubs
        .download("v3-" + stubs.versionId(), "model_root", library.loras().toString())
        .then()
        .statusCode(200);
    Path file = library.loras().resolve(name);
    assertThat(LibraryFixture.read(file)).isEqualTo(content);
    return LibraryFixture.readJson(LibraryFixture.sidecarOf(file));
  }

  @Test
  void civitaisAutoV3IsKeptOverTheHeaders() {
    ObjectNode sidecar =
        downloadedSidecar(safetensors("1111111111112222"), "kept.safetensors", "ABCDEF012345");

    assertThat(sidecar.get("autov3").asText()).isEqualTo("abcdef012345");
  }

  @Test
  void aMissingAutoV3IsReadFromTheSafetensorsHeaderInLowerCase() {
    ObjectNode sidecar =
        downloadedSidecar(safetensors("0xABCDEF0123456789ABCDEF"), "from_header.safetensors", null);

    assertThat(sidecar.get("autov3").asText()).isEqualTo("abcdef012345");
  }

  @Test
  void aSafetensorsFileWithoutAHashInItsHeaderGetsAnEmptyAutoV3() {
    byte[] content =
        SafetensorsFiles.bytes(
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
            new byte[] {1, 2, 3, 4});

    ObjectNode sidecar = downloadedSidecar(content, "no_hash.safetensors", null);

    assertThat(sidecar.get("autov3").isTextual()).isTrue();
    assertThat(sidecar.get("autov3").asText()).isEmpty();
  }

  @Test
  void aFileThatIsNotSafetensorsGetsAnEmptyAutoV3() {
    // An embedding in the .pt format: no safetensors header to read.
    ObjectNode version = stubs.version(new byte[] {9, 8, 7});
    ((ObjectNode) version.get("model")).put("type", "TextualInversion");
    ObjectNode file = VersionDownloads.primaryFile(version);
    ((ObjectNode) file.get("hashes")).remove("AutoV3");
    file.put("name", "emb.pt");
    stubs.stubVersion(version);
    stubs.stubFile(new byte[] {9, 8, 7});

    stubs.download("v3-pt", "model_root", library.embeddings().toString()).then().statusCode(200);

    Path pt = library.embeddings().resolve("emb.pt");
    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(pt));
    assertThat(sidecar.get("autov3").isTextual()).isTrue();
    assertThat(sidecar.get("autov3").asText()).isEmpty();
    assertThat(sidecar.get("sub_type").asText()).isEqualTo("embedding");
  }
}
