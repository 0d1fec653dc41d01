package io.loramanager.library.lifecycle;

import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.loramanager.testsupport.LibraryRequests.listed;
import static io.loramanager.testsupport.LibraryRequests.post;
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
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code undo-delete} through HTTP: restore, expiry, occupied targets, bad ids. */
@QuarkusTest
class UndoDeleteFlowTest {

  @TestHTTPResource("/")
  URI base;

  @Inject CatalogStore store;
  @Inject PendingDeletes pending;
  @Inject Clock clock;

  private LibraryFixture library;

  @BeforeEach
  void freshLibrary() {
    library = TestLibrary.fresh();
  }

  private static String delete(String type, Path... models) {
    List<String> paths = Stream.of(models).map(LibraryFixture::slashes).toList();
    return post("/api/lm/" + type + "/bulk-delete", Map.of("file_paths", paths))
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getString("batch_id");
  }

  private List<String> storedPaths(ModelType type) {
    return store.load(type).stream().map(ModelEntry::filePath).sorted().toList();
  }

  @Test
  void undoRestoresEveryFileAndTheCatalogue() throws Exception {
    Path a =
        library.modelWithSidecar(
            library.loras(), "a.safetensors", s -> s.put("notes", "kept").put("custom", 7));
    Path b = library.modelWithSidecar(library.loras(), "sub/b.safetensors", s -> {});
    Path preview = library.preview(b, ".preview.png");
    TestLibrary.scan("loras");
    byte[] sidecarBefore = LibraryFixture.read(LibraryFixture.sidecarOf(a));
    String batch = delete("loras", a, b);
    assertThat(listed("loras")).isEmpty();

    Map<String, Object> body;
    try (WebSocketRecorder bus = WebSocketRecorder.connect(base, "/ws/fetch-progress")) {
      body = ApiAssertions.bodyOf(post("/api/lm/undo-delete", Map.of("batch_id", batch)), 200);
      JsonNode frame = bus.awaitFrame(f -> "models_changed".equals(f.path("type").asText()));
      assertThat(frame.toString()).isEqualTo("{\"type\":\"models_changed\"}");
    }

    assertThat(body)
        .isEqualTo(
            ApiAssertions.map(
                "success",
                true,
                "restored",
                List.of(
                    LibraryFixture.slashes(a),
                    LibraryFixture.slashes(LibraryFixture.sidecarOf(a)),
                    LibraryFixture.slashes(b),
                    LibraryFixture.slashes(preview),
                    LibraryFixture.slashes(LibraryFixture.sidecarOf(b))),
                "kind",
                "model"));
    assertThat(LibraryFixture.read(LibraryFixture.sidecarOf(a))).isEqualTo(sidecarBefore);
    assertThat(Files.exists(preview)).isTrue();
    assertThat(Files.exists(library.loras().resolve(".lm-pending-delete"))).isFalse();
    assertThat(Files.exists(library.loras().resolve("sub/.lm-pending-delete"))).isFalse();
    assertThat(listed("loras"))
        .containsExactly(LibraryFixture.slashes(a), LibraryFixture.slashes(b));
    assertThat(storedPaths(ModelType.LORA))
        .containsExactly(LibraryFixture.slashes(a), LibraryFixture.slashes(b));
    assertThat(
            store.load(ModelType.LORA).stream()
                .filter(e -> e.filePath().equals(LibraryFixture.slashes(a)))
                .findFirst()
                .orElseThrow()
                .notes())
        .isEqualTo("kept");
    assertThat(
            given()
                .get("/api/lm/loras/list")
                .jsonPath()
                .getString("items.find { it.file_name == 'b' }.preview_url"))
        .isEqualTo("/api/lm/previews?path=" + LibraryFixture.slashes(preview));
  }

  @Test
  void undoTwiceIsUnknownTheSecondTime() {
    Path a = library.modelWithSidecar(library.loras(), "a.safetensors", s -> {});
    TestLibrary.scan("loras");
    String batch = delete("loras", a);
    post("/api/lm/undo-delete", Map.of("batch_id", batch)).then().statusCode(200);

    assertError(
        post("/api/lm/undo-delete", Map.of("batch_id", batch)), 404, "Unknown batch id: " + batch);
  }

  @Test
  void undoAfterThePurgeSaysTheWindowExpired() {
    Path a = library.modelWithSidecar(library.loras(), "a.safetensors", s -> {});
    TestLibrary.scan("loras");
    String batch = delete("loras", a);
    Path staging = library.loras().resolve(".lm-pending-delete").resolve(batch);
    assertThat(Files.isDirectory(staging)).isTrue();

    List<String> purged = pending.purgeExpired(clock.instant().plusSeconds(22));

    assertThat(purged).contains(batch);
    assertThat(Files.exists(staging)).isFalse();
    assertThat(Files.exists(library.loras().resolve(".lm-pending-delete"))).isFalse();
    assertThat(Files.exists(a)).isFalse();
    assertError(
        post("/api/lm/undo-delete", Map.of("batch_id", batch)),
        404,
        "Undo window expired for batch " + batch);
    assertThat(listed("loras")).isEmpty();
  }

  @Test
  void purgeBeforeTheWindowEndsKeepsTheBatch() {
    Path a = library.modelWithSidecar(library.loras(), "a.safetensors", s -> {});
    TestLibrary.scan("loras");
    String batch = delete("loras", a);

    List<String> purged = pending.purgeExpired(clock.instant().plusSeconds(5));

    assertThat(purged).doesNotContain(batch);
    post("/api/lm/undo-delete", Map.of("batch_id", batch)).then().statusCode(200);
    assertThat(Files.exists(a)).isTrue();
  }

  @Test
  void undoWithAnOccupiedTargetRestoresNothing() throws Exception {
    Path a = library.modelWithSidecar(library.loras(), "a.safetensors", s -> {});
    library.preview(a, ".webp");
    TestLibrary.scan("loras");
    String batch = delete("loras", a);
    Path staging = library.loras().resolve(".lm-pending-delete").resolve(batch);
    LibraryFixture.write(a.resolveSibling("a.webp"), "new preview".getBytes());

    assertError(
        post("/api/lm/undo-delete", Map.of("batch_id", batch)),
        409,
        "Cannot undo batch "
            + batch
            + ": "
            + a.resolveSibling("a.webp")
            + " already exists; nothing was restored");

    assertThat(Files.exists(a)).isFalse();
    assertThat(Files.exists(LibraryFixture.sidecarOf(a))).isFalse();
    assertThat(new String(LibraryFixture.read(a.resolveSibling("a.webp"))))
        .isEqualTo("new preview");
    try (Stream<Path> files = Files.list(staging)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted())
          .containsExactly("a.metadata.json", "a.safetensors", "a.webp", "manifest.json");
    }
    assertThat(listed("loras")).isEmpty();
  }

  @Test
  void undoRejectsBadInput() {
    assertError(post("/api/lm/undo-delete", Map.of()), 400, "batch_id is required");
    assertError(
        post("/api/lm/undo-delete", Map.of("batch_id", 12)), 400, "batch_id must be a string");
    assertError(
        post("/api/lm/undo-delete", Map.of("batch_id", "../../etc")),
        400,
        "Invalid batch_id: expected 32 lower-case hex characters");
    assertError(
        post("/api/lm/undo-delete", Map.of("batch_id", "ABCDEF0123456789ABCDEF0123456789")),
        400,
        "Invalid batch_id: expected 32 lower-case hex characters");
    assertError(
        post("/api/lm/undo-delete", Map.of("batch_id", "00000000000000000000000000000001")),
        404,
        "Unknown batch id: 00000000000000000000000000000001");
    assertError(
        given().contentType(ContentType.JSON).body("{").post("/api/lm/undo-delete"),
        400,
        "Invalid JSON body: Unexpected end-of-input: expected close marker for Object (start"
            + " marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION`"
            + " disabled); line: 1, column: 1])");
  }

  @Test
  void undoThatFailsMidwayPutsTheRestoredFilesBackIntoStaging() throws Exception {
    Path a = library.modelWithSidecar(library.loras(), "a.safetensors", s -> {});
    Path preview = library.preview(a, ".webp");
    TestLibrary.scan("loras");
    String batch = delete("loras", a);
    Path staging = library.loras().resolve(".lm-pending-delete").resolve(batch);
    Path stuck = staging.resolve("a.webp");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        ImmutableFiles.set(stuck, true), "chattr +i is not available here");
    try {
      assertError(
          post("/api/lm/undo-delete", Map.of("batch_id", batch)),
          409,
          "Cannot undo batch "
              + batch
              + ": restoring "
              + preview
              + " failed (Operation not permitted); nothing was restored");
      try (Stream<Path> files = Files.list(staging)) {
        assertThat(files.map(p -> p.getFileName().toString()).sorted())
            .containsExactly("a.metadata.json", "a.safetensors", "a.webp", "manifest.json");
      }
      assertThat(Files.exists(a)).isFalse();
      assertThat(listed("loras")).isEmpty();
    } finally {
      ImmutableFiles.set(stuck, false);
    }

    post("/api/lm/undo-delete", Map.of("batch_id", batch)).then().statusCode(200);
    assertThat(Files.exists(preview)).isTrue();
    assertThat(listed("loras")).containsExactly(LibraryFixture.slashes(a));
  }

  @Test
  void undoRestoresFilesEvenWhenARestoredSidecarIsCorrupt() throws Exception {
    Path a = library.modelWithSidecar(library.loras(), "a.safetensors", s -> {});
    TestLibrary.scan("loras");
    String batch = delete("loras", a);
    Path staging = library.loras().resolve(".lm-pending-delete").resolve(batch);
    LibraryFixture.write(staging.resolve("a.metadata.json"), "{\"broken\"".getBytes());

    post("/api/lm/undo-delete", Map.of("batch_id", batch)).then().statusCode(200);

    assertThat(Files.exists(a)).isTrue();
    assertThat(new String(LibraryFixture.read(LibraryFixture.sidecarOf(a))))
        .isEqualTo("{\"broken\"");
    assertThat(listed("loras")).isEmpty();
    assertThat(TestLibrary.scan("loras").getList("problems.file_path"))
        .containsExactly(LibraryFixture.slashes(a));
  }

  @Test
  void undoOfABatchWhoseManifestWasDamagedIs404AndMovesNothing() throws Exception {
    Path a = library.modelWithSidecar(library.loras(), "a.safetensors", s -> {});
    TestLibrary.scan("loras");
    String batch = delete("loras", a);
    Path staging = library.loras().resolve(".lm-pending-delete").resolve(batch);
    LibraryFixture.write(staging.resolve("manifest.json"), "[]".getBytes());

    assertError(
        post("/api/lm/undo-delete", Map.of("batch_id", batch)),
        404,
        "Batch "
            + batch
            + " can no longer be restored: "
            + staging
            + ": manifest is not a JSON object");

    assertThat(Files.exists(a)).isFalse();
    assertThat(Files.exists(staging.resolve("a.safetensors"))).isTrue();
  }
}
