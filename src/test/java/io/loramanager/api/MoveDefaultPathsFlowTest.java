package io.loramanager.api;

import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.loramanager.testsupport.ApiAssertions.bodyOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.library.CatalogStore;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.settings.SettingsStore;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.LibraryRequests;
import io.loramanager.testsupport.SettingsChanges;
import io.loramanager.testsupport.TestLibrary;
import io.loramanager.testsupport.WebSocketRecorder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** move_model and move_models_bulk with {@code use_default_paths}: target/<template folder>. */
@QuarkusTest
class MoveDefaultPathsFlowTest {

  @Inject SettingsStore settingsStore;

  @TestHTTPResource("/")
  URI base;

  @Inject CatalogStore store;

  private LibraryFixture library;
  private Path ink;
  private Path oil;

  @BeforeEach
  void library() {
    SettingsChanges.remove(settingsStore);
    library = TestLibrary.fresh();
    ink = ModelMoveFlowTest.ownedModel(library, "inbox/ink.safetensors");
    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(ink));
    sidecar.putArray("tags").add("style");
    library.writeSidecar(ink, sidecar);
    oil = AutoOrganizeFlowTest.lora(library, "inbox/oil.safetensors", "SDXL", "character");
    TestLibrary.scan("loras");
  }

  @AfterEach
  void settings() {
    SettingsChanges.remove(settingsStore);
  }

  private static String s(Path path) {
    return LibraryFixture.slashes(path);
  }

  @Test
  void aMoveWithDefaultPathsGoesIntoTheTemplateFolderBelowTheTarget() {
    Path target = library.loras().resolve("sorted");
    JsonPath json;
    try (WebSocketRecorder bus = WebSocketRecorder.connect(base, "/ws/fetch-progress")) {
      json =
          LibraryRequests.post(
                  "/api/lm/loras/move_model",
                  "{\"file_path\": \""
                      + s(ink)
                      + "\", \"target_path\": \""
                      + s(target)
                      + "\", \"use_default_paths\": true}")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      bus.awaitFrame(f -> "models_changed".equals(f.path("type").asText()));
    }

    Path folder = target.resolve("SD 1.5/style");
    Path moved = folder.resolve("ink.safetensors");
    assertThat(json.getString("new_file_path")).isEqualTo(s(moved));
    assertThat(json.getString("cache_entry.folder")).isEqualTo("sorted/SD 1.5/style");
    assertThat(LibraryRequests.namesIn(folder))
        .isEqualTo(ModelMoveFlowTest.FOO_FILES.stream().map(n -> n.replace("foo", "ink")).toList());
    ObjectNode sidecar = LibraryFixture.readJson(folder.resolve("ink.metadata.json"));
    assertThat(sidecar.get("file_path").asText()).isEqualTo(s(moved));
    assertThat(sidecar.get("preview_url").asText()).isEqualTo(s(folder.resolve("ink.webp")));
    assertThat(LibraryRequests.listed("loras")).containsExactlyInAnyOrder(s(moved), s(oil));
    assertThat(store.load(ModelType.LORA))
        .extracting(ModelEntry::filePath)
        .containsExactlyInAnyOrder(s(moved), s(oil));
  }

  @Test
  void aBulkMoveWithDefaultPathsSendsEachModelToItsOwnFolder() {
    ObjectNode settings = SettingsChanges.empty();
    settings.putObject("download_path_templates").put("lora", "{first_tag}");
    SettingsChanges.write(settingsStore, settings);

    Map<String, Object> body =
        bodyOf(
            LibraryRequests.post(
                "/api/lm/loras/move_models_bulk",
                "{\"file_paths\": [\""
                    + s(ink)
                    + "\", \""
                    + s(oil)
                    + "\"], \"target_path\": \""
                    + s(library.loras())
                    + "\", \"use_default_paths\": true}"),
            200);

    assertThat(body.get("message")).isEqualTo("Moved 2 of 2 models");
    assertThat(library.loras().resolve("style/ink.safetensors")).exists();
    assertThat(library.loras().resolve("character/oil.safetensors")).exists();
    assertThat(LibraryRequests.listed("loras"))
        .containsExactlyInAnyOrder(
            s(library.loras().resolve("style/ink.safetensors")),
            s(library.loras().resolve("character/oil.safetensors")));
  }

  @Test
  void aTakenNameInTheTemplateFolderGetsTheShaPrefix() {
    Path taken =
        library.modelWithSidecar(
            library.loras(), "SDXL/character/oil.safetensors", "other".getBytes(), s -> {});
    TestLibrary.scan("loras");
    String sha4 = LibraryFixture.sha256(LibraryFixture.read(oil)).substring(0, 4);

    String newPath =
        LibraryRequests.post(
                "/api/lm/loras/move_model",
                "{\"file_path\": \""
                    + s(oil)
                    + "\", \"target_path\": \""
                    + s(library.loras())
                    + "\", \"use_default_paths\": true}")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getString("new_file_path");

    assertThat(newPath).isEqualTo(s(taken.resolveSibling("oil-" + sha4 + ".safetensors")));
    assertThat(LibraryFixture.read(taken)).isEqualTo("other".getBytes());
  }

  @Test
  void aTargetOutsideTheRootsIsRefusedWithDefaultPathsToo() {
    assertError(
        LibraryRequests.post(
            "/api/lm/loras/move_model",
            "{\"file_path\": \""
                + s(ink)
                + "\", \"target_path\": \"/tmp\", \"use_default_paths\": true}"),
        400,
        "Target path '/tmp' is outside the configured lora folders");
    assertThat(ink).exists();
    assertThat(given().get("/api/lm/loras/list").jsonPath().getList("items.file_path"))
        .isEqualTo(List.of(s(ink), s(oil)));
  }
}
