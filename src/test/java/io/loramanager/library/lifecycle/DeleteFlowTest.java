package io.loramanager.library.lifecycle;

import static io.loramanager.testsupport.LibraryRequests.listed;
import static io.loramanager.testsupport.LibraryRequests.namesIn;
import static io.loramanager.testsupport.LibraryRequests.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loramanager.library.CatalogStore;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.testsupport.ApiAssertions;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.loramanager.testsupport.WebSocketRecorder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

  private List<String> storedPaths(ModelType type) {
    return store.load(type).stream().map(ModelEntry::filePath).sorted().toList();
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
}
