package io.loramanager.library.lifecycle;

import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loramanager.library.CatalogStore;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.testsupport.ApiAssertions;
import io.loramanager.testsupport.ImmutableFiles;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.loramanager.testsupport.WebSocketRecorder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code delete} and {@code bulk-delete} through HTTP on a real library. */
@QuarkusTest
class DeleteFlowTest {

  @TestHTTPResource("/")
  URI base;

  @Inject CatalogStore store;
  @Inject Clock clock;
  @Inject io.loramanager.settings.LmConfig config;

  private LibraryFixture library;

  @BeforeEach
  void freshLibrary() {
    library = TestLibrary.fresh();
  }

  private static Response post(String path, Object body) {
    return given().contentType(ContentType.JSON).body(body).post(path);
  }

  private static List<String> listed(String type) {
    return given()
        .get("/api/lm/" + type + "/list")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.file_path");
  }

  private List<String> storedPaths(ModelType type) {
    return store.load(type).stream().map(ModelEntry::filePath).sorted().toList();
  }

  private static List<String> namesIn(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void deleteStagesEveryCompanionFileForUndo() throws Exception {
    Path model = library.modelWithSidecar(library.loras(), "styles/ink.safetensors", s -> {});
    Path keep = library.modelWithSidecar(library.loras(), "styles/ink.v2.safetensors", s -> {});
    library.preview(model, ".webp");
    library.preview(model, ".preview.png");
    library.preview(model, ".example.0.jpeg");
    library.civitaiInfo(model, "{}");
    LibraryFixture.write(
        model.resolveSibling("ink.metadata.json.bak"), "{\"old\": true}".getBytes());
    TestLibrary.scan("loras");
    Instant before = clock.instant();

    Map<String, Object> body;
    try (WebSocketRecorder bus = WebSocketRecorder.connect(base, "/ws/fetch-progress")) {
      body =
          ApiAssertions.bodyOf(
              post("/api/lm/loras/delete", Map.of("file_path", LibraryFixture.slashes(model))),
              200);
      JsonNode frame = bus.awaitFrame(f -> "models_changed".equals(f.path("type").asText()));
      assertThat(frame.toString()).isEqualTo("{\"type\":\"models_changed\"}");
    }

    String batch = (String) body.get("batch_id");
    assertThat(batch).matches("[0-9a-f]{32}");
    assertThat(body)
        .containsOnlyKeys("success", "deleted_files", "batch_id", "undo_expires_at")
        .containsEntry("success", true)
        .containsEntry("deleted_files", List.of());
    Instant expires = Instant.parse((String) body.get("undo_expires_at"));
    assertThat(expires).isBetween(before.plusSeconds(20), clock.instant().plusSeconds(21));
    Path folder = model.getParent();
    Path staging = folder.resolve(".lm-pending-delete").resolve(batch);
    assertThat(namesIn(staging))
        .containsExactly(
            "ink.civitai.info",
            "ink.metadata.json",
            "ink.metadata.json.bak",
            "ink.preview.png",
            "ink.safetensors",
            "ink.webp",
            "manifest.json");
    assertThat(namesIn(folder))
        .containsExactly(
            ".lm-pending-delete",
            "ink.example.0.jpeg",
            "ink.v2.metadata.json",
            "ink.v2.safetensors");
    assertThat(new String(LibraryFixture.read(staging.resolve("ink.safetensors"))))
        .isEqualTo("styles/ink.safetensors");
    JsonNode manifest = LibraryFixture.readJson(staging.resolve("manifest.json"));
    assertThat(manifest.get("batch_id").asText()).isEqualTo(batch);
    assertThat(manifest.get("kind").asText()).isEqualTo("model");
    assertThat(manifest.get("model_type").asText()).isEqualTo("loras");
    assertThat(manifest.get("state").asText()).isEqualTo("staged");
    assertThat(manifest.get("expires_at").asLong()).isEqualTo(expires.getEpochSecond());
    assertThat(manifest.get("created_at").asLong())
        .isBetween(before.getEpochSecond() - 1, clock.instant().getEpochSecond());
    assertThat(manifest.get("entries")).hasSize(6);
    JsonNode first = manifest.get("entries").get(0);
    assertThat(first.get("original").asText()).isEqualTo(model.toString());
    assertThat(first.get("staged").asText())
        .isEqualTo(staging.resolve("ink.safetensors").toString());
    assertThat(first.get("is_model").asBoolean()).isTrue();
    assertThat(listed("loras")).containsExactly(LibraryFixture.slashes(keep));
    assertThat(storedPaths(ModelType.LORA)).containsExactly(LibraryFixture.slashes(keep));
    assertThat(given().get("/api/lm/loras/folders").jsonPath().getList("folders"))
        .containsExactly("styles");
  }

  @Test
  void deletingTheLastModelOfAFolderDropsTheFolderAndItsTags() {
    Path model =
        library.modelWithSidecar(
            library.loras(), "anime/girl.safetensors", s -> s.putArray("tags").add("anime"));
    Path other =
        library.modelWithSidecar(
            library.loras(), "photo/man.safetensors", s -> s.putArray("tags").add("photo"));
    TestLibrary.scan("loras");

    post("/api/lm/loras/delete", Map.of("file_path", LibraryFixture.slashes(model)))
        .then()
        .statusCode(200);

    assertThat(given().get("/api/lm/loras/folders").jsonPath().getList("folders"))
        .containsExactly("photo");
    assertThat(given().get("/api/lm/loras/top-tags").jsonPath().getList("tags.tag"))
        .containsExactly("photo");
    assertThat(listed("loras")).containsExactly(LibraryFixture.slashes(other));
  }

  @Test
  void bulkDeleteMergesEveryModelIntoOneBatch() throws Exception {
    Path a = library.modelWithSidecar(library.loras(), "a.safetensors", s -> {});
    Path b = library.modelWithSidecar(library.loras(), "sub/b.safetensors", s -> {});
    Path c = library.modelWithSidecar(library.loras(), "sub/c.safetensors", s -> {});
    Path keep = library.modelWithSidecar(library.loras(), "keep.safetensors", s -> {});
    library.preview(b, ".png");
    TestLibrary.scan("loras");

    Map<String, Object> body;
    try (WebSocketRecorder bus = WebSocketRecorder.connect(base, "/ws/fetch-progress")) {
      body =
          ApiAssertions.bodyOf(
              post(
                  "/api/lm/loras/bulk-delete",
                  Map.of(
                      "file_paths",
                      List.of(
                          LibraryFixture.slashes(a),
                          LibraryFixture.slashes(b),
                          LibraryFixture.slashes(c)))),
              200);
      bus.awaitFrame(f -> "models_changed".equals(f.path("type").asText()));
    }

    String batch = (String) body.get("batch_id");
    assertThat(batch).matches("[0-9a-f]{32}");
    assertThat(body)
        .isEqualTo(
            ApiAssertions.map(
                "success",
                true,
                "status",
                "success",
                "total_deleted",
                3,
                "total_attempted",
                3,
                "cache_updated",
                true,
                "results",
                List.of(result(a), result(b), result(c)),
                "batch_id",
                batch,
                "undo_expires_at",
                body.get("undo_expires_at")));
    assertThat(namesIn(library.loras().resolve(".lm-pending-delete").resolve(batch)))
        .containsExactly("a.metadata.json", "a.safetensors", "manifest.json");
    assertThat(namesIn(library.loras().resolve("sub/.lm-pending-delete").resolve(batch)))
        .containsExactly(
            "b.metadata.json",
            "b.png",
            "b.safetensors",
            "c.metadata.json",
            "c.safetensors",
            "manifest.json");
    assertThat(listed("loras")).containsExactly(LibraryFixture.slashes(keep));
    assertThat(storedPaths(ModelType.LORA)).containsExactly(LibraryFixture.slashes(keep));
  }

  private static Map<String, Object> result(Path model) {
    return ApiAssertions.map(
        "file_path", LibraryFixture.slashes(model), "success", true, "deleted_files", List.of());
  }

  @Test
  void bulkDeleteWithOneUnknownPathMovesNothing() {
    Path a = library.modelWithSidecar(library.loras(), "a.safetensors", s -> {});
    TestLibrary.scan("loras");
    String unknown = LibraryFixture.slashes(library.loras().resolve("ghost.safetensors"));

    assertError(
        post(
            "/api/lm/loras/bulk-delete",
            Map.of("file_paths", List.of(LibraryFixture.slashes(a), unknown))),
        404,
        "LoRA not found: " + unknown);

    assertThat(Files.exists(a)).isTrue();
    assertThat(Files.exists(LibraryFixture.sidecarOf(a))).isTrue();
    assertThat(Files.exists(library.loras().resolve(".lm-pending-delete"))).isFalse();
    assertThat(listed("loras")).containsExactly(LibraryFixture.slashes(a));
  }

  @Test
  void failureInASecondFolderMovesTheFirstFolderBack() throws Exception {
    Path a = library.modelWithSidecar(library.loras(), "a.safetensors", s -> {});
    library.preview(a, ".webp");
    Path b = library.modelWithSidecar(library.loras(), "blocked/b.safetensors", s -> {});
    // A regular file where the staging folder must go: mkdir fails, even for root.
    Path blocker = library.loras().resolve("blocked/.lm-pending-delete");
    LibraryFixture.write(blocker, "not a folder".getBytes());
    TestLibrary.scan("loras");

    assertError(
        post(
            "/api/lm/loras/bulk-delete",
            Map.of("file_paths", List.of(LibraryFixture.slashes(a), LibraryFixture.slashes(b)))),
        409,
        "Cannot delete "
            + b
            + ": creating the staging folder "
            + blocker
            + " failed (Not a directory); nothing was deleted");

    assertThat(namesIn(library.loras()))
        .containsExactly("a.metadata.json", "a.safetensors", "a.webp", "blocked");
    assertThat(namesIn(b.getParent()))
        .containsExactly(".lm-pending-delete", "b.metadata.json", "b.safetensors");
    assertThat(new String(LibraryFixture.read(blocker))).isEqualTo("not a folder");
    assertThat(listed("loras"))
        .containsExactly(LibraryFixture.slashes(a), LibraryFixture.slashes(b));
    assertThat(storedPaths(ModelType.LORA))
        .containsExactly(LibraryFixture.slashes(a), LibraryFixture.slashes(b));
  }

  @Test
  void singleDeleteThatCannotStageTouchesNothing() throws Exception {
    Path a = library.modelWithSidecar(library.loras(), "a.safetensors", s -> {});
    Path blocker = library.loras().resolve(".lm-pending-delete");
    LibraryFixture.write(blocker, new byte[0]);
    TestLibrary.scan("loras");

    assertError(
        post("/api/lm/loras/delete", Map.of("file_path", LibraryFixture.slashes(a))),
        409,
        "Cannot delete "
            + a
            + ": creating the staging folder "
            + blocker
            + " failed (Not a directory); nothing was deleted");

    assertThat(namesIn(library.loras()))
        .containsExactly(".lm-pending-delete", "a.metadata.json", "a.safetensors");
    assertThat(listed("loras")).containsExactly(LibraryFixture.slashes(a));
  }

  @Test
  void deleteRejectsBadInput() {
    Path a = library.modelWithSidecar(library.loras(), "a.safetensors", s -> {});
    TestLibrary.scan("loras");
    String unknown = LibraryFixture.slashes(library.loras().resolve("none.safetensors"));

    assertError(post("/api/lm/loras/delete", Map.of()), 400, "file_path is required");
    assertError(
        post("/api/lm/loras/delete", Map.of("file_path", 42)), 400, "file_path must be a string");
    assertError(
        post("/api/lm/loras/delete", List.of("x")), 400, "Request body must be a JSON object");
    assertError(
        post("/api/lm/loras/delete", Map.of("file_path", " ")), 400, "file_path is required");
    assertError(
        post("/api/lm/loras/delete", Map.of("file_path", unknown)),
        404,
        "LoRA not found: " + unknown);
    assertError(
        post("/api/lm/checkpoints/delete", Map.of("file_path", LibraryFixture.slashes(a))),
        404,
        "Checkpoint not found: " + LibraryFixture.slashes(a));
    assertError(
        post("/api/lm/things/delete", Map.of("file_path", LibraryFixture.slashes(a))),
        404,
        "Unknown model type 'things'");

    assertThat(Files.exists(a)).isTrue();
    assertThat(Files.exists(library.loras().resolve(".lm-pending-delete"))).isFalse();
    assertThat(listed("loras")).containsExactly(LibraryFixture.slashes(a));
  }

  @Test
  void bulkDeleteRejectsBadInput() {
    Path a = library.modelWithSidecar(library.loras(), "a.safetensors", s -> {});
    TestLibrary.scan("loras");

    assertError(post("/api/lm/loras/bulk-delete", Map.of()), 400, "file_paths is required");
    assertError(
        post("/api/lm/loras/bulk-delete", Map.of("file_paths", List.of())),
        400,
        "No file paths provided for deletion");
    assertError(
        post("/api/lm/loras/bulk-delete", Map.of("file_paths", LibraryFixture.slashes(a))),
        400,
        "file_paths must be a list of strings");
    assertError(
        post("/api/lm/loras/bulk-delete", Map.of("file_paths", List.of(1, 2))),
        400,
        "file_paths must be a list of strings");

    assertThat(Files.exists(a)).isTrue();
    assertThat(listed("loras")).containsExactly(LibraryFixture.slashes(a));
  }

  @Test
  void anExcludedModelCanBeDeleted() {
    Path hidden =
        library.modelWithSidecar(
            library.loras(), "hidden.safetensors", s -> s.put("exclude", true));
    TestLibrary.scan("loras");

    post("/api/lm/loras/delete", Map.of("file_path", LibraryFixture.slashes(hidden)))
        .then()
        .statusCode(200);

    assertThat(Files.exists(hidden)).isFalse();
    assertThat(
            given()
                .get("/api/lm/loras/excluded")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items"))
        .isEmpty();
    assertThat(storedPaths(ModelType.LORA)).isEmpty();
  }

  @Test
  void undoWindowComesFromConfiguration() {
    assertThat(config.lifecycle().undoWindow()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void bulkDeleteRacingARescanLeavesDiskCatalogueAndDatabaseAgreeing() throws Exception {
    List<String> doomed = new java.util.ArrayList<>();
    List<String> kept = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Path model = library.modelWithSidecar(library.loras(), "m" + i + ".safetensors", s -> {});
      (i % 2 == 0 ? doomed : kept).add(LibraryFixture.slashes(model));
    }
    TestLibrary.scan("loras");
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.ExecutorService threads =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      java.util.concurrent.Future<Integer> delete =
          threads.submit(
              () -> {
                start.await();
                return post("/api/lm/loras/bulk-delete", Map.of("file_paths", doomed)).statusCode();
              });
      java.util.concurrent.Future<Integer> scan =
          threads.submit(
              () -> {
                start.await();
                return given().get("/api/lm/loras/scan").statusCode();
              });
      start.countDown();

      assertThat(delete.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(200);
      assertThat(scan.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(200);
    } finally {
      threads.shutdownNow();
    }

    List<String> sortedKept = kept.stream().sorted().toList();
    assertThat(listed("loras").stream().sorted().toList()).isEqualTo(sortedKept);
    assertThat(storedPaths(ModelType.LORA)).isEqualTo(sortedKept);
    assertThat(TestLibrary.scan("loras").getInt("removed")).isZero();
    for (String path : doomed) {
      assertThat(Files.exists(Path.of(path))).isFalse();
    }
  }

  @Test
  void failureOnTheThirdFileMovesTheFirstTwoBack() throws Exception {
    Path a = library.modelWithSidecar(library.loras(), "a.safetensors", s -> {});
    // Moved third (model, sidecar, preview); an immutable file cannot be renamed, even by root.
    Path preview = library.preview(a, ".webp");
    TestLibrary.scan("loras");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        ImmutableFiles.set(preview, true), "chattr +i is not available here");
    try {
      assertError(
          post("/api/lm/loras/delete", Map.of("file_path", LibraryFixture.slashes(a))),
          409,
          "Cannot delete "
              + a
              + ": moving "
              + preview
              + " into "
              + library.loras().resolve(".lm-pending-delete")
              + " failed (Operation not permitted); nothing was deleted");
    } finally {
      ImmutableFiles.set(preview, false);
    }

    assertThat(namesIn(library.loras()))
        .containsExactly("a.metadata.json", "a.safetensors", "a.webp");
    assertThat(new String(LibraryFixture.read(a))).isEqualTo("a.safetensors");
    assertThat(listed("loras")).containsExactly(LibraryFixture.slashes(a));
    assertThat(storedPaths(ModelType.LORA)).containsExactly(LibraryFixture.slashes(a));
  }
}
