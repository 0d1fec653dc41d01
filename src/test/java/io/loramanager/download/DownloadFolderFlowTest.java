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
import io.loramanager.testsupport.SettingsChanges;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The folder {@code download-model} saves into (anchor-downloads §3.2 step 10): {@code model_root},
 * {@code relative_path}, {@code use_default_paths} and {@code use_save_dir_as_root}.
 */
@QuarkusTest
class DownloadFolderFlowTest {

  private static final AtomicLong VERSIONS = new AtomicLong(870_000);

  @CivitaiStub WireMockServer civitai;
  @CdnStub WireMockServer cdn;
  @Inject SettingsStore settings;

  private LibraryFixture library;
  private VersionDownloads downloads;
  private byte[] content;
  private ObjectNode version;

  @BeforeEach
  void reset() {
    downloads = VersionDownloads.freshStart(civitai, cdn, VERSIONS.incrementAndGet());
    library = downloads.library();
    content = downloads.content(50_000);
    version = downloads.version(content);
    version.putArray("images");
    downloads.stubFile(content);
  }

  @AfterEach
  void restoreSettings() {
    SettingsChanges.remove(settings);
  }

  @Test
  void defaultPathsPutTheFileInThePathTemplateFolderOfTheDefaultRoot() {
    ((ObjectNode) version.get("model")).putArray("tags").add("style").add("ink");
    downloads.stubVersion(version);

    downloads.download("dir-default", "use_default_paths", true).then().statusCode(200);

    Path file = library.loras().resolve("SDXL 1.0/style/ink_v2.safetensors");
    assertThat(LibraryFixture.read(file)).isEqualTo(content);
    assertThat(LibraryRequests.listed("loras")).containsExactly(LibraryFixture.slashes(file));
  }

  @Test
  void theAuthorTokenIsTheCreatorCivitaiGivesTheVersionThroughItsModel() {
    // As Civitai answers: the version's "model" has no creator and no tags; GET /models/{id}
    // has both, and the flow copies them onto the version (creator at its top level).
    downloads.stubVersion(version);
    CivitaiFixtures.stubModel(civitai, cdn, LibraryFixture.sha256(content));
    settings.update(
        d -> d.putObject("download_path_templates").put("lora", "{author}/{first_tag}"));

    downloads.download("dir-author", "use_default_paths", true).then().statusCode(200);

    Path file = library.loras().resolve("inkmaster/style/ink_v2.safetensors");
    assertThat(LibraryFixture.read(file)).isEqualTo(content);
    assertThat(LibraryRequests.listed("loras")).containsExactly(LibraryFixture.slashes(file));
  }

  @Test
  void useSaveDirAsRootPutsThePathTemplateFolderUnderTheGivenRoot() {
    downloads.stubVersion(version);
    Path mine = library.loras().resolve("mine");

    downloads
        .download(
            "dir-own-root",
            "model_root",
            mine.toString(),
            "use_default_paths",
            true,
            "use_save_dir_as_root",
            true)
        .then()
        .statusCode(200);

    Path file = mine.resolve("SDXL 1.0/no tags/ink_v2.safetensors");
    assertThat(LibraryFixture.read(file)).isEqualTo(content);
    assertThat(LibraryRequests.listed("loras")).containsExactly(LibraryFixture.slashes(file));
  }

  @Test
  void defaultPathsWithoutUseSaveDirAsRootIgnoreTheGivenRoot() {
    downloads.stubVersion(version);

    downloads
        .download(
            "dir-ignored-root",
            "model_root",
            library.loras().resolve("mine").toString(),
            "use_default_paths",
            true)
        .then()
        .statusCode(200);

    Path file = library.loras().resolve("SDXL 1.0/no tags/ink_v2.safetensors");
    assertThat(LibraryFixture.read(file)).isEqualTo(content);
    assertThat(library.loras().resolve("mine")).doesNotExist();
  }

  @Test
  void neitherARootNorDefaultPathsIsRefusedAsNoSaveDirectory() {
    downloads.stubVersion(version);

    downloads
        .download("dir-none", "relative_path", "ink")
        .then()
        .statusCode(500)
        .body("success", org.hamcrest.Matchers.equalTo(false))
        .body("error", org.hamcrest.Matchers.equalTo("No save directory specified"));
    assertThat(downloads.fileRequests()).isZero();
    assertThat(DownloadScenario.historyStatus("dir-none")).isEqualTo("failed");
  }
}
