package io.loramanager.api;

import static io.loramanager.testsupport.LibraryRequests.listed;
import static io.loramanager.testsupport.LibraryRequests.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loramanager.library.CatalogStore;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.SettingsBackup;
import io.loramanager.testsupport.TestLibrary;
import io.loramanager.testsupport.WebSocketRecorder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A change of the roots in the settings takes effect at once: scanned, listed, announced. */
@QuarkusTest
class SettingsRootsFlowTest {

  @TestHTTPResource("/")
  URI base;

  @Inject CatalogStore store;

  private LibraryFixture library;
  private SettingsBackup backup;
  private Path defaultLora;
  private Path extraRoot;
  private Path extraLora;

  @BeforeEach
  void library() {
    library = TestLibrary.fresh();
    backup = SettingsBackup.take();
    defaultLora = library.modelWithSidecar(library.loras(), "default.safetensors", s -> {});
    extraRoot = library.root("extra-loras");
    extraLora = library.modelWithSidecar(extraRoot, "styles/extra.safetensors", s -> {});
    TestLibrary.scan("loras");
  }

  @AfterEach
  void restore() {
    backup.restore();
  }

  private static boolean modelsChanged(JsonNode frame) {
    return "models_changed".equals(frame.path("type").asText());
  }

  private List<String> storedLoras() {
    return store.load(ModelType.LORA).stream().map(ModelEntry::filePath).sorted().toList();
  }

  private String extraRootSetting() {
    return "{\"extra_folder_paths\": {\"loras\": [\"" + extraRoot + "\"]}}";
  }

  @Test
  void newExtraRootIsScannedBeforeTheAnswerAndAnnounced() {
    try (WebSocketRecorder bus = WebSocketRecorder.connect(base, "/ws/fetch-progress")) {
      post("/api/lm/settings", extraRootSetting()).then().statusCode(200);

      assertThat(listed("loras"))
          .containsExactly(LibraryFixture.slashes(defaultLora), LibraryFixture.slashes(extraLora));
      assertThat(storedLoras())
          .containsExactly(LibraryFixture.slashes(extraLora), LibraryFixture.slashes(defaultLora));
      assertThat(bus.awaitFrame(SettingsRootsFlowTest::modelsChanged).toString())
          .isEqualTo("{\"type\":\"models_changed\"}");
    }
    assertThat(
            given()
                .get("/api/lm/loras/roots")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("roots"))
        .containsExactly(
            LibraryFixture.slashes(extraRoot), LibraryFixture.slashes(library.loras()));
  }

  @Test
  void removedRootLeavesTheCatalogueAndTheDatabase() {
    post("/api/lm/settings", extraRootSetting()).then().statusCode(200);

    try (WebSocketRecorder bus = WebSocketRecorder.connect(base, "/ws/fetch-progress")) {
      post("/api/lm/settings", "{\"extra_folder_paths\": \"__DELETE__\"}").then().statusCode(200);

      assertThat(listed("loras")).containsExactly(LibraryFixture.slashes(defaultLora));
      assertThat(storedLoras()).containsExactly(LibraryFixture.slashes(defaultLora));
      bus.awaitFrame(SettingsRootsFlowTest::modelsChanged);
    }
  }

  @Test
  void folderPathsReplaceTheDefaultRootsOfEveryType() {
    library.modelWithSidecar(library.checkpoints(), "base.safetensors", s -> {});
    TestLibrary.scan("checkpoints");
    assertThat(listed("checkpoints")).hasSize(1);

    post("/api/lm/settings", "{\"folder_paths\": {\"loras\": [\"" + extraRoot + "\"]}}")
        .then()
        .statusCode(200);

    // As in the reference: folder_paths name every root, so no checkpoint folder is left.
    assertThat(listed("loras")).containsExactly(LibraryFixture.slashes(extraLora));
    assertThat(listed("checkpoints")).isEmpty();
  }

  @Test
  void aRootChangeThatMovesNoModelStillAnnouncesTheNewFolders() {
    Path empty = library.root("empty-loras");
    try (WebSocketRecorder bus = WebSocketRecorder.connect(base, "/ws/fetch-progress")) {
      post("/api/lm/settings", "{\"extra_folder_paths\": {\"loras\": [\"" + empty + "\"]}}")
          .then()
          .statusCode(200);

      bus.awaitFrame(SettingsRootsFlowTest::modelsChanged);
      assertThat(bus.framesMatching(SettingsRootsFlowTest::modelsChanged)).hasSize(1);
    }
    assertThat(listed("loras")).containsExactly(LibraryFixture.slashes(defaultLora));
  }

  @Test
  void otherSettingsLeaveTheCatalogueAlone() {
    try (WebSocketRecorder bus = WebSocketRecorder.connect(base, "/ws/fetch-progress")) {
      post("/api/lm/settings", "{\"language\": \"de\"}").then().statusCode(200);
      // A later root change proves the socket was live; only its frame may have arrived.
      post("/api/lm/settings", extraRootSetting()).then().statusCode(200);
      bus.awaitFrame(SettingsRootsFlowTest::modelsChanged);

      assertThat(bus.frames()).hasSize(1);
    }
  }

  @Test
  void displaySettingIsLiveForTheNextList() {
    library.modelWithSidecar(library.loras(), "zzz.safetensors", s -> s.put("model_name", "Aaa"));
    library.modelWithSidecar(library.loras(), "aaa.safetensors", s -> s.put("model_name", "Zzz"));
    TestLibrary.scan("loras");
    List<String> byModelName =
        given().get("/api/lm/loras/list?sort_by=name").jsonPath().getList("items.file_name");

    post("/api/lm/settings", "{\"model_name_display\": \"file_name\"}").then().statusCode(200);

    List<String> byFileName =
        given().get("/api/lm/loras/list?sort_by=name").jsonPath().getList("items.file_name");
    assertThat(byModelName).containsExactly("zzz", "default", "aaa");
    assertThat(byFileName).containsExactly("aaa", "default", "zzz");
  }
}
