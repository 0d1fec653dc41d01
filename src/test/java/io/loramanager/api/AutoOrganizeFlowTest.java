package io.loramanager.api;

import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.loramanager.testsupport.ApiAssertions.bodyOf;
import static io.loramanager.testsupport.ApiAssertions.map;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET/POST /api/lm/{type}/auto-organize through real HTTP on a real library. */
@QuarkusTest
class AutoOrganizeFlowTest {

  @Inject SettingsStore settingsStore;

  @TestHTTPResource("/")
  URI base;

  @Inject CatalogStore store;

  private LibraryFixture library;

  @BeforeEach
  void library() {
    SettingsChanges.remove(settingsStore);
    library = TestLibrary.fresh();
  }

  @AfterEach
  void settings() {
    SettingsChanges.remove(settingsStore);
  }

  /** A LoRA with a sidecar naming its base model and tags. */
  static Path lora(LibraryFixture library, String relative, String baseModel, String... tags) {
    return library.modelWithSidecar(
        library.loras(),
        relative,
        s -> {
          s.put("base_model", baseModel);
          var array = s.putArray("tags");
          for (String tag : tags) {
            array.add(tag);
          }
        });
  }

  /**
   * A recorder on /ws/fetch-progress that the server is known to reach: it rescans the LoRAs (the
   * library was just built) and waits for that scan's {@code models_changed}.
   */
  static WebSocketRecorder listening(URI base) {
    WebSocketRecorder bus = WebSocketRecorder.connect(base, "/ws/fetch-progress");
    TestLibrary.scan("loras");
    bus.awaitFrame(AutoOrganizeFlowTest::modelsChanged);
    return bus;
  }

  /** The frames after the scan's {@code models_changed}, up to the next {@code models_changed}. */
  static List<JsonNode> framesUntilModelsChanged(WebSocketRecorder bus) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> bus.framesMatching(AutoOrganizeFlowTest::modelsChanged).size() >= 2);
    List<JsonNode> frames = bus.frames();
    int first = 0;
    while (!modelsChanged(frames.get(first))) {
      first++;
    }
    return frames.subList(first + 1, frames.size());
  }

  static boolean modelsChanged(JsonNode frame) {
    return "models_changed".equals(frame.path("type").asText());
  }

  static String s(Path path) {
    return LibraryFixture.slashes(path);
  }

  static Response organize(String body) {
    return LibraryRequests.post("/api/lm/loras/auto-organize", body);
  }

  private List<String> statuses(List<JsonNode> frames) {
    return frames.stream()
        .filter(
            f ->
                "auto_organize_progress".equals(f.path("type").asText())
                    || "models_changed".equals(f.path("type").asText()))
        .map(f -> f.has("status") ? f.get("status").asText() : f.get("type").asText())
        .toList();
  }

  @Test
  void organizeAllMovesEachModelIntoItsTemplateFolderAndCleansUp() throws Exception {
    Path ink = ModelMoveFlowTest.ownedModel(library, "misc/ink.safetensors");
    ObjectNode inkSidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(ink));
    inkSidecar.putArray("tags").add("style").add("Anime");
    library.writeSidecar(ink, inkSidecar);
    Path placed = lora(library, "SDXL/no tags/placed.safetensors", "SDXL");
    Path oil = lora(library, "old/deep/oil.safetensors", "Flux.1 D", "character");
    Files.createDirectories(library.loras().resolve("keep/.lm-pending-delete"));

    Response response;
    List<JsonNode> frames;
    try (WebSocketRecorder bus = listening(base)) {
      response = given().get("/api/lm/loras/auto-organize");
      frames = framesUntilModelsChanged(bus);
    }

    Path anime = library.loras().resolve("SD 1.5/anime");
    Path character = library.loras().resolve("Flux.1 D/character");
    assertThat(bodyOf(response, 200))
        .isEqualTo(
            map(
                "success",
                true,
                "status",
                "success",
                "message",
                "Auto-organize all completed: 2 moved, 1 skipped, 0 failed out of 3 total",
                "summary",
                map(
                    "total", 3,
                    "success", 2,
                    "skipped", 1,
                    "failures", 0,
                    "organization_type", "structured",
                    "cleaned_dirs", map(s(library.loras()), 3),
                    "operation_type", "all"),
                "results",
                List.of()));
    assertThat(LibraryRequests.namesIn(anime))
        .isEqualTo(ModelMoveFlowTest.FOO_FILES.stream().map(n -> n.replace("foo", "ink")).toList());
    assertThat(LibraryRequests.namesIn(character))
        .containsExactly("oil.metadata.json", "oil.safetensors");
    assertThat(placed).exists();
    assertThat(library.loras().resolve("misc")).doesNotExist();
    assertThat(library.loras().resolve("old")).doesNotExist();
    assertThat(library.loras().resolve("keep/.lm-pending-delete")).isDirectory();
    assertThat(library.loras()).isDirectory();
    ObjectNode sidecar = LibraryFixture.readJson(anime.resolve("ink.metadata.json"));
    assertThat(sidecar.get("file_path").asText()).isEqualTo(s(anime.resolve("ink.safetensors")));
    assertThat(sidecar.get("preview_url").asText()).isEqualTo(s(anime.resolve("ink.webp")));
    assertThat(sidecar.get("custom_key").asText()).isEqualTo("kept");
    List<String> expected =
        List.of(
            s(character.resolve("oil.safetensors")),
            s(placed),
            s(anime.resolve("ink.safetensors")));
    assertThat(LibraryRequests.listed("loras")).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(store.load(ModelType.LORA))
        .extracting(ModelEntry::filePath)
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(statuses(frames))
        .containsExactly("started", "processing", "cleaning", "completed", "models_changed");
    JsonNode completed =
        frames.stream()
            .filter(f -> "completed".equals(f.path("status").asText()))
            .findFirst()
            .orElseThrow();
    assertThat(completed.toString())
        .isEqualTo(
            "{\"type\":\"auto_organize_progress\",\"status\":\"completed\",\"total\":3,"
                + "\"processed\":3,\"success\":2,\"failures\":0,\"skipped\":1,"
                + "\"operation_type\":\"all\",\"cleanup\":{\""
                + s(library.loras())
                + "\":3}}");
    assertThat(
            given()
                .get("/api/lm/loras/auto-organize-progress")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("progress"))
        .containsEntry("status", "completed")
        .containsEntry("processed", 3);
  }

  @Test
  void bulkOrganizeMovesOnlyTheListedModelsAndCleansTheirFolders() {
    Path ink = lora(library, "a/b/ink.safetensors", "SD 1.5", "toon");
    Path oil = lora(library, "a/oil.safetensors", "SD 1.5", "toon");
    TestLibrary.scan("loras");

    Response response = organize("{\"file_paths\": [\"" + s(ink) + "\"]}");

    Path moved = library.loras().resolve("SD 1.5/toon/ink.safetensors");
    assertThat(bodyOf(response, 200))
        .isEqualTo(
            map(
                "success",
                true,
                "status",
                "success",
                "message",
                "Auto-organize bulk completed: 1 moved, 0 skipped, 0 failed out of 1 total",
                "summary",
                map(
                    "total", 1,
                    "success", 1,
                    "skipped", 0,
                    "failures", 0,
                    "organization_type", "structured",
                    "cleaned_dirs", map(s(ink.getParent()), 1),
                    "operation_type", "bulk"),
                "results",
                List.of()));
    assertThat(moved).exists();
    assertThat(ink.getParent()).doesNotExist();
    assertThat(oil).exists();
    assertThat(LibraryRequests.listed("loras")).containsExactlyInAnyOrder(s(moved), s(oil));
  }

  @Test
  void exclusionPatternsMatchTheNameTheRootRelativePathOrTheFullPath() {
    Path byName = lora(library, "x/keep_me.safetensors", "SD 1.5");
    Path byRelative = lora(library, "wip/draft.safetensors", "SD 1.5");
    Path byFull = lora(library, "y/full.safetensors", "SD 1.5");
    Path moves = lora(library, "z/go.safetensors", "SD 1.5");
    TestLibrary.scan("loras");

    Response response =
        organize(
            "{\"exclusion_patterns\": [\"keep_*\", \"wip/*\", \"" + s(byFull) + "\", \"  \"]}");

    assertThat(bodyOf(response, 200).get("summary"))
        .isEqualTo(
            map(
                "total", 1,
                "success", 1,
                "skipped", 0,
                "failures", 0,
                "organization_type", "structured",
                "cleaned_dirs", map(s(library.loras()), 1),
                "operation_type", "all"));
    assertThat(byName).exists();
    assertThat(byRelative).exists();
    assertThat(byFull).exists();
    assertThat(moves).doesNotExist();
    assertThat(library.loras().resolve("SD 1.5/no tags/go.safetensors")).exists();
  }

  @Test
  void settingsExclusionsAndTemplatesApplyWhenTheRequestHasNone() {
    ObjectNode settings = SettingsChanges.empty();
    settings.putArray("auto_organize_exclusions").add("*skip*");
    settings.putObject("download_path_templates").put("lora", "{author}/{base_model}/{model_name}");
    settings.putObject("base_model_path_mappings").put("SD 1.5", "sd15");
    SettingsChanges.write(settingsStore, settings);
    Path skipped = lora(library, "skip_this.safetensors", "SD 1.5");
    Path linked =
        library.modelWithSidecar(
            library.loras(),
            "linked.safetensors",
            s -> {
              s.put("model_name", "Ink: Wash?");
              ObjectNode civitai = s.putObject("civitai");
              civitai.put("id", 11);
              civitai.put("name", "v1");
              civitai.putObject("creator").put("username", "alice");
            });
    TestLibrary.scan("loras");

    Response response = given().get("/api/lm/loras/auto-organize");

    assertThat(bodyOf(response, 200).get("message"))
        .isEqualTo("Auto-organize all completed: 1 moved, 0 skipped, 0 failed out of 1 total");
    assertThat(skipped).exists();
    assertThat(linked).doesNotExist();
    assertThat(library.loras().resolve("alice/sd15/Ink_ Wash/linked.safetensors")).exists();
  }

  @Test
  void aFlatTemplateMovesModelsToTheirRootAndLeavesRootModelsSilently() {
    ObjectNode settings = SettingsChanges.empty();
    settings.putObject("download_path_templates").put("lora", "");
    SettingsChanges.write(settingsStore, settings);
    Path nested = lora(library, "deep/er/nested.safetensors", "SD 1.5");
    Path top = lora(library, "top.safetensors", "SD 1.5");
    TestLibrary.scan("loras");

    Map<String, Object> body = bodyOf(given().get("/api/lm/loras/auto-organize"), 200);

    assertThat(body.get("message"))
        .isEqualTo("Auto-organize all completed: 1 moved, 1 skipped, 0 failed out of 2 total");
    assertThat(body.get("summary")).asString().contains("organization_type=flat");
    assertThat(body.get("results")).isEqualTo(List.of());
    assertThat(top).exists();
    assertThat(library.loras().resolve("nested.safetensors")).exists();
    assertThat(library.loras().resolve("deep")).doesNotExist();
  }

  @Test
  void embeddingFoldersHaveNoSpaces() {
    Path embedding =
        library.modelWithSidecar(
            library.embeddings(),
            "bad hands.pt",
            s -> {
              s.put("base_model", "SD 1.5");
              s.putArray("tags").add("bad hands");
            });
    TestLibrary.scan("embeddings");

    given().get("/api/lm/embeddings/auto-organize").then().statusCode(200);

    assertThat(embedding).doesNotExist();
    assertThat(library.embeddings().resolve("SD_1.5/bad_hands/bad hands.pt")).exists();
  }

  @Test
  void anOccupiedTargetOrMissingMetadataIsReportedAndNothingMoves() {
    ObjectNode settings = SettingsChanges.empty();
    settings.putObject("download_path_templates").put("lora", "{base_model}");
    SettingsChanges.write(settingsStore, settings);
    Path taken = lora(library, "SD 1.5/ink.safetensors", "SD 1.5");
    Path other = lora(library, "misc/ink.safetensors", "SD 1.5");
    Path noBase = lora(library, "misc/nobase.safetensors", "");
    TestLibrary.scan("loras");
    byte[] takenContent = LibraryFixture.read(taken);

    Map<String, Object> body =
        bodyOf(organize("{\"file_paths\": [\"" + s(other) + "\", \"" + s(noBase) + "\"]}"), 200);

    assertThat(body.get("results"))
        .isEqualTo(
            List.of(
                map(
                    "model",
                    "ink",
                    "success",
                    false,
                    "message",
                    "Target file already exists: "
                        + library.loras().resolve("SD 1.5/ink.safetensors")),
                map(
                    "model",
                    "nobase",
                    "success",
                    false,
                    "message",
                    "Skipped - insufficient metadata for organization")));
    assertThat(body.get("message"))
        .isEqualTo("Auto-organize bulk completed: 0 moved, 1 skipped, 1 failed out of 2 total");
    assertThat(LibraryFixture.read(taken)).isEqualTo(takenContent);
    assertThat(LibraryRequests.namesIn(other.getParent()))
        .containsExactly(
            "ink.metadata.json", "ink.safetensors", "nobase.metadata.json", "nobase.safetensors");
  }

  @Test
  void aPostWithoutBodyOrganizesEveryModelAndAnEmptyListNone() {
    Path ink = lora(library, "misc/ink.safetensors", "SD 1.5");
    TestLibrary.scan("loras");

    Map<String, Object> none = bodyOf(organize("{\"file_paths\": []}"), 200);
    assertThat(none.get("message"))
        .isEqualTo("Auto-organize bulk completed: 0 moved, 0 skipped, 0 failed out of 0 total");
    assertThat(ink).exists();

    Map<String, Object> all = bodyOf(given().post("/api/lm/loras/auto-organize"), 200);
    assertThat(all.get("message"))
        .isEqualTo("Auto-organize all completed: 1 moved, 0 skipped, 0 failed out of 1 total");
    assertThat(library.loras().resolve("SD 1.5/no tags/ink.safetensors")).exists();
  }

  @Test
  void aTemplateFolderThatLinksOutOfTheRootsIsAFailureAndNothingMoves() throws Exception {
    Path outside = Files.createDirectories(library.dir().resolve("outside"));
    LibraryFixture.symlink(library.loras().resolve("SD 1.5"), outside);
    Path ink = lora(library, "misc/ink.safetensors", "SD 1.5", "style");
    TestLibrary.scan("loras");

    Map<String, Object> body = bodyOf(given().get("/api/lm/loras/auto-organize"), 200);

    assertThat(body.get("results"))
        .isEqualTo(
            List.of(
                map(
                    "model",
                    "ink",
                    "success",
                    false,
                    "message",
                    "Failed to move model: Target path '"
                        + s(library.loras().resolve("SD 1.5/style"))
                        + "' is outside the configured lora folders")));
    assertThat(ink).exists();
    assertThat(LibraryRequests.namesIn(outside)).isEmpty();
  }

  @Test
  void badRequestsAre400AndTouchNothing() {
    Path ink = lora(library, "misc/ink.safetensors", "SD 1.5");
    TestLibrary.scan("loras");

    assertError(organize("[1]"), 400, "Request body must be a JSON object");
    assertError(organize("{\"file_paths\": "), 400, "Invalid JSON body");
    assertError(organize("{\"file_paths\": \"x\"}"), 400, "file_paths must be a list of strings");
    assertError(
        organize("{\"exclusion_patterns\": [1]}"),
        400,
        "exclusion_patterns must be a list of strings");
    assertError(
        organize("{\"file_paths\": [\"" + s(ink) + "\", \"/etc/passwd\"]}"),
        400,
        "Path '/etc/passwd' is outside the configured lora folders");
    assertError(
        organize("{\"file_paths\": [\"" + s(library.loras().resolve("none.safetensors")) + "\"]}"),
        404,
        "LoRA not found: " + s(library.loras().resolve("none.safetensors")));
    assertError(given().get("/api/lm/widgets/auto-organize"), 404, "Unknown model type 'widgets'");

    assertThat(ink).exists();
    assertThat(LibraryRequests.listed("loras")).containsExactly(s(ink));
  }
}
