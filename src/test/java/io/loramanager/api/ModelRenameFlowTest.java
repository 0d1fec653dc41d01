package io.loramanager.api;

import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.loramanager.testsupport.ApiAssertions.bodyOf;
import static io.loramanager.testsupport.ApiAssertions.map;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.library.CatalogStore;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
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
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /api/lm/{type}/rename through real HTTP on a real library. */
@QuarkusTest
class ModelRenameFlowTest {

  @TestHTTPResource("/")
  URI base;

  @Inject CatalogStore store;

  private LibraryFixture library;
  private Path foo;
  private Path fooV2;

  @BeforeEach
  void library() {
    library = TestLibrary.fresh();
    foo =
        library.modelWithSidecar(
            library.loras(),
            "styles/foo.safetensors",
            s -> {
              s.put("model_name", "Foo");
              s.put("custom_key", "kept");
            });
    Path preview = library.preview(foo, ".webp");
    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(foo));
    sidecar.put("preview_url", LibraryFixture.slashes(preview));
    library.writeSidecar(foo, sidecar);
    library.preview(foo, ".preview.png");
    LibraryFixture.write(foo.resolveSibling("foo.metadata.json.bak"), "{\"old\": 1}".getBytes());
    library.civitaiInfo(foo, "{\"id\": 5}");
    fooV2 = library.modelWithSidecar(library.loras(), "styles/foo.v2.safetensors", s -> {});
    library.preview(fooV2, ".webp");
    TestLibrary.scan("loras");
  }

  private static Response rename(String body) {
    return given().contentType(ContentType.JSON).body(body).post("/api/lm/loras/rename");
  }

  private static String body(Path model, String newName) {
    return "{\"file_path\": \""
        + LibraryFixture.slashes(model)
        + "\", \"new_file_name\": \""
        + newName
        + "\"}";
  }

  private Path styles() {
    return foo.getParent();
  }

  private List<String> namesOnDisk() throws Exception {
    try (var files = Files.list(styles())) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void renameMovesEveryOwnFileAndRewritesTheSidecar() throws Exception {
    try (WebSocketRecorder bus = WebSocketRecorder.connect(base, "/ws/fetch-progress")) {
      Response response = rename(body(foo, "bar"));

      String dir = LibraryFixture.slashes(styles());
      assertThat(bodyOf(response, 200))
          .isEqualTo(
              map(
                  "success",
                  true,
                  "new_file_path",
                  dir + "/bar.safetensors",
                  "new_preview_path",
                  ModelItems.previewUrl(dir + "/bar.webp"),
                  "renamed_files",
                  List.of(
                      dir + "/bar.safetensors",
                      dir + "/bar.webp",
                      dir + "/bar.preview.png",
                      dir + "/bar.civitai.info",
                      dir + "/bar.metadata.json.bak",
                      dir + "/bar.metadata.json"),
                  "reload_required",
                  false));
      bus.awaitFrame(f -> "models_changed".equals(f.path("type").asText()));
    }
    assertThat(namesOnDisk())
        .containsExactly(
            "bar.civitai.info",
            "bar.metadata.json",
            "bar.metadata.json.bak",
            "bar.preview.png",
            "bar.safetensors",
            "bar.webp",
            "foo.v2.metadata.json",
            "foo.v2.safetensors",
            "foo.v2.webp");
    Path bar = styles().resolve("bar.safetensors");
    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(bar));
    assertThat(sidecar.get("file_name").asText()).isEqualTo("bar");
    assertThat(sidecar.get("file_path").asText()).isEqualTo(LibraryFixture.slashes(bar));
    assertThat(sidecar.get("preview_url").asText())
        .isEqualTo(LibraryFixture.slashes(styles().resolve("bar.webp")));
    assertThat(sidecar.get("custom_key").asText()).isEqualTo("kept");
    assertThat(sidecar.get("model_name").asText()).isEqualTo("Foo");
    assertThat(new String(LibraryFixture.read(styles().resolve("bar.metadata.json.bak"))))
        .isEqualTo("{\"old\": 1}");
    given()
        .get("/api/lm/loras/list?sort_by=name")
        .then()
        .statusCode(200)
        .body("items.file_name", contains("bar", "foo.v2"))
        .body(
            "items.file_path",
            contains(LibraryFixture.slashes(bar), LibraryFixture.slashes(fooV2)));
    assertThat(store.load(ModelType.LORA))
        .extracting(ModelEntry::filePath)
        .containsExactlyInAnyOrder(LibraryFixture.slashes(bar), LibraryFixture.slashes(fooV2));
  }

  @Test
  void renamingToTheSameNameChangesNothing() throws Exception {
    List<String> before = namesOnDisk();

    Response response = rename(body(foo, "foo"));

    assertThat(bodyOf(response, 200))
        .isEqualTo(
            map(
                "success", true,
                "new_file_path", LibraryFixture.slashes(foo),
                "new_preview_path",
                    ModelItems.previewUrl(LibraryFixture.slashes(styles().resolve("foo.webp"))),
                "renamed_files", List.of(),
                "reload_required", false));
    assertThat(namesOnDisk()).isEqualTo(before);
  }

  @Test
  void aNameTakenByAnotherModelIsAConflict() throws Exception {
    List<String> before = namesOnDisk();

    assertError(
        rename(body(foo, "foo.v2")),
        409,
        "A file with this name already exists: "
            + LibraryFixture.slashes(styles().resolve("foo.v2.webp")));
    assertThat(namesOnDisk()).isEqualTo(before);
  }

  @Test
  void aNameTakenOnlyByACompanionIsAConflict() throws Exception {
    LibraryFixture.write(styles().resolve("orphan.civitai.info"), "{}".getBytes());
    List<String> before = namesOnDisk();

    assertError(
        rename(body(foo, "orphan")),
        409,
        "A file with this name already exists: "
            + LibraryFixture.slashes(styles().resolve("orphan.civitai.info")));
    assertThat(namesOnDisk()).isEqualTo(before);
  }

  @Test
  void invalidNamesAreRefused() throws Exception {
    List<String> before = namesOnDisk();

    assertError(
        rename(body(foo, "a/b")),
        400,
        "Invalid characters in file name: '/' is not allowed (none of / \\ : * ? \" < > |)");
    assertError(
        rename(body(foo, "a|b")),
        400,
        "Invalid characters in file name: '|' is not allowed (none of / \\ : * ? \" < > |)");
    assertError(
        rename(body(foo, "a\\u0001b")),
        400,
        "Invalid characters in file name: control character U+0001 is not allowed");
    assertError(rename(body(foo, "..")), 400, "Invalid file name: '..'");
    assertError(rename(body(foo, "")), 400, "new_file_name must not be empty");
    String tooLong = "x".repeat(240);
    assertError(
        rename(body(foo, tooLong)),
        400,
        "File name is too long: '"
            + tooLong
            + ".metadata.json.bak' would be 258 bytes (at most"
            + " 255)");
    assertThat(namesOnDisk()).isEqualTo(before);
  }

  @Test
  void missingOrWrongTypedFieldsAreRefused() {
    assertError(rename("{\"new_file_name\": \"x\"}"), 400, "file_path is required");
    assertError(
        rename("{\"file_path\": \"" + LibraryFixture.slashes(foo) + "\"}"),
        400,
        "new_file_name is required");
    assertError(
        rename("{\"file_path\": 5, \"new_file_name\": \"x\"}"), 400, "file_path must be a string");
    assertError(
        rename("{\"file_path\": \"" + LibraryFixture.slashes(foo) + "\", \"new_file_name\": []}"),
        400,
        "new_file_name must be a string");
    assertError(rename("[]"), 400, "Request body must be a JSON object");
    assertThat(foo).exists();
  }

  @Test
  void unknownAndOutsidePathsAreRefused() {
    Path unknown = library.loras().resolve("nope.safetensors");
    assertError(
        rename(body(unknown, "x")), 404, "LoRA not found: " + LibraryFixture.slashes(unknown));
    assertError(
        rename("{\"file_path\": \"/etc/passwd\", \"new_file_name\": \"x\"}"),
        400,
        "Path '/etc/passwd' is outside the configured lora folders");
    assertThat(foo).exists();
  }

  @Test
  void renamesRacingRescansLeaveOneConsistentEntry() throws Exception {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    Path current = foo;
    try {
      for (int round = 1; round <= 5; round++) {
        String name = "race" + round;
        Path from = current;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        var renamed =
            pool.submit(
                () -> {
                  start.await();
                  return rename(body(from, name)).statusCode();
                });
        var scanned =
            pool.submit(
                () -> {
                  start.await();
                  return given().get("/api/lm/loras/scan").statusCode();
                });
        start.countDown();

        assertThat(renamed.get()).isEqualTo(200);
        assertThat(scanned.get()).isEqualTo(200);
        current = styles().resolve(name + ".safetensors");
      }
    } finally {
      pool.shutdownNow();
    }
    String path = LibraryFixture.slashes(current);
    given()
        .get("/api/lm/loras/list?sort_by=name")
        .then()
        .body("items.file_path", contains(path, LibraryFixture.slashes(fooV2)));
    assertThat(store.load(ModelType.LORA))
        .extracting(ModelEntry::filePath)
        .containsExactlyInAnyOrder(path, LibraryFixture.slashes(fooV2));
    assertThat(LibraryFixture.readJson(LibraryFixture.sidecarOf(current)).get("file_path").asText())
        .isEqualTo(path);
    assertThat(namesOnDisk()).hasSize(9).contains("race5.safetensors", "race5.webp");
  }
}
