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
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /api/lm/{type}/move_model through real HTTP on a real library. */
@QuarkusTest
class ModelMoveFlowTest {

  static final List<String> FOO_FILES =
      List.of(
          "foo.civitai.info",
          "foo.metadata.json",
          "foo.metadata.json.bak",
          "foo.preview.png",
          "foo.safetensors",
          "foo.webp");
  static final List<String> FOO_V2_FILES =
      List.of("foo.v2.civitai.info", "foo.v2.metadata.json", "foo.v2.safetensors", "foo.v2.webp");

  @TestHTTPResource("/")
  URI base;

  @Inject CatalogStore store;

  private LibraryFixture library;
  private Path styles;
  private Path foo;
  private Path fooV2;

  @BeforeEach
  void library() {
    library = TestLibrary.fresh();
    foo = ownedModel(library, "styles/foo.safetensors");
    fooV2 = library.modelWithSidecar(library.loras(), "styles/foo.v2.safetensors", s -> {});
    library.preview(fooV2, ".webp");
    library.civitaiInfo(fooV2, "{\"id\": 2}");
    styles = foo.getParent();
    TestLibrary.scan("loras");
  }

  /** A model with every kind of companion and an unknown sidecar key. */
  static Path ownedModel(LibraryFixture library, String relativePath) {
    Path model =
        library.modelWithSidecar(library.loras(), relativePath, s -> s.put("custom_key", "kept"));
    Path preview = library.preview(model, ".webp");
    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(model));
    sidecar.put("preview_url", LibraryFixture.slashes(preview));
    library.writeSidecar(model, sidecar);
    library.preview(model, ".preview.png");
    String base = model.getFileName().toString().replace(".safetensors", "");
    LibraryFixture.write(
        model.resolveSibling(base + ".metadata.json.bak"), "{\"old\": 1}".getBytes());
    library.civitaiInfo(model, "{\"id\": 1}");
    return model;
  }

  static Response move(String body) {
    return given().contentType(ContentType.JSON).body(body).post("/api/lm/loras/move_model");
  }

  static String body(Path model, String target) {
    return "{\"file_path\": \""
        + LibraryFixture.slashes(model)
        + "\", \"target_path\": \""
        + target
        + "\"}";
  }

  static List<String> names(Path dir) throws Exception {
    try (var files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static String sha4(Path model) {
    return LibraryFixture.sha256(LibraryFixture.read(model)).substring(0, 4);
  }

  @Test
  void moveTakesOnlyTheModelsOwnFilesIntoANewFolder() throws Exception {
    Path target = library.loras().resolve("archive/2024");
    String targetPath = LibraryFixture.slashes(target);
    JsonPath json;
    try (WebSocketRecorder bus = WebSocketRecorder.connect(base, "/ws/fetch-progress")) {
      json = move(body(foo, targetPath)).then().statusCode(200).extract().jsonPath();
      bus.awaitFrame(f -> "models_changed".equals(f.path("type").asText()));
    }

    Path moved = target.resolve("foo.safetensors");
    assertThat(json.getMap(""))
        .containsOnlyKeys("success", "original_file_path", "new_file_path", "cache_entry");
    assertThat(json.getBoolean("success")).isTrue();
    assertThat(json.getString("original_file_path")).isEqualTo(LibraryFixture.slashes(foo));
    assertThat(json.getString("new_file_path")).isEqualTo(LibraryFixture.slashes(moved));
    assertThat(json.getString("cache_entry.file_path")).isEqualTo(LibraryFixture.slashes(moved));
    assertThat(json.getString("cache_entry.folder")).isEqualTo("archive/2024");
    assertThat(json.getString("cache_entry.preview_url"))
        .isEqualTo(ModelItems.previewUrl(targetPath + "/foo.webp"));
    assertThat(names(target)).isEqualTo(FOO_FILES);
    assertThat(names(styles)).isEqualTo(FOO_V2_FILES);
    ObjectNode sidecar = LibraryFixture.readJson(target.resolve("foo.metadata.json"));
    assertThat(sidecar.get("file_name").asText()).isEqualTo("foo");
    assertThat(sidecar.get("file_path").asText()).isEqualTo(LibraryFixture.slashes(moved));
    assertThat(sidecar.get("preview_url").asText()).isEqualTo(targetPath + "/foo.webp");
    assertThat(sidecar.get("custom_key").asText()).isEqualTo("kept");
    ObjectNode v2 = LibraryFixture.readJson(styles.resolve("foo.v2.metadata.json"));
    assertThat(v2.get("file_path").asText()).isEqualTo(LibraryFixture.slashes(fooV2));
    given()
        .get("/api/lm/loras/list?sort_by=name")
        .then()
        .statusCode(200)
        .body(
            "items.file_path",
            contains(LibraryFixture.slashes(moved), LibraryFixture.slashes(fooV2)))
        .body("items.folder", contains("archive/2024", "styles"));
    assertThat(store.load(ModelType.LORA))
        .extracting(ModelEntry::filePath, ModelEntry::folder)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(LibraryFixture.slashes(moved), "archive/2024"),
            org.assertj.core.groups.Tuple.tuple(LibraryFixture.slashes(fooV2), "styles"));
  }

  @Test
  void movingToItsOwnFolderIsANoOp() throws Exception {
    Response response = move(body(foo, LibraryFixture.slashes(styles)));

    assertThat(bodyOf(response, 200))
        .isEqualTo(
            map(
                "success",
                true,
                "message",
                "Source and target directories are the same",
                "original_file_path",
                LibraryFixture.slashes(foo),
                "new_file_path",
                LibraryFixture.slashes(foo)));
    assertThat(names(styles)).containsAll(FOO_FILES).containsAll(FOO_V2_FILES).hasSize(10);
  }

  @Test
  void aTakenNameGetsTheShaPrefixAndNothingIsOverwritten() throws Exception {
    Path target = library.loras().resolve("target");
    Path other = library.modelWithSidecar(target, "foo.safetensors", "other".getBytes(), s -> {});
    byte[] otherSidecar = LibraryFixture.read(LibraryFixture.sidecarOf(other));
    TestLibrary.scan("loras");
    String sha4 = sha4(foo);

    Response response = move(body(foo, LibraryFixture.slashes(target)));

    Path moved = target.resolve("foo-" + sha4 + ".safetensors");
    assertThat(response.then().statusCode(200).extract().jsonPath().getString("new_file_path"))
        .isEqualTo(LibraryFixture.slashes(moved));
    String renamed = "foo-" + sha4;
    assertThat(names(target))
        .containsExactlyInAnyOrder(
            "foo.metadata.json",
            "foo.safetensors",
            renamed + ".civitai.info",
            renamed + ".metadata.json",
            renamed + ".metadata.json.bak",
            renamed + ".preview.png",
            renamed + ".safetensors",
            renamed + ".webp");
    assertThat(LibraryFixture.read(other)).isEqualTo("other".getBytes());
    assertThat(LibraryFixture.read(LibraryFixture.sidecarOf(other))).isEqualTo(otherSidecar);
    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(moved));
    assertThat(sidecar.get("file_name").asText()).isEqualTo(renamed);
    assertThat(sidecar.get("file_path").asText()).isEqualTo(LibraryFixture.slashes(moved));
    assertThat(sidecar.get("preview_url").asText())
        .isEqualTo(LibraryFixture.slashes(target.resolve(renamed + ".webp")));
    assertThat(store.load(ModelType.LORA))
        .extracting(ModelEntry::filePath)
        .containsExactlyInAnyOrder(
            LibraryFixture.slashes(moved),
            LibraryFixture.slashes(other),
            LibraryFixture.slashes(fooV2));
  }

  @Test
  void whenTheShaNameIsTakenTooACounterIsAdded() throws Exception {
    Path target = library.loras().resolve("target");
    String sha4 = sha4(foo);
    library.model(target, "foo.safetensors", "a".getBytes());
    library.model(target, "foo-" + sha4 + ".safetensors", "b".getBytes());
    library.model(target, "foo-" + sha4 + "-1.safetensors", "c".getBytes());
    TestLibrary.scan("loras");

    Response response = move(body(foo, LibraryFixture.slashes(target)));

    Path moved = target.resolve("foo-" + sha4 + "-2.safetensors");
    assertThat(response.then().statusCode(200).extract().jsonPath().getString("new_file_path"))
        .isEqualTo(LibraryFixture.slashes(moved));
    assertThat(moved).exists();
    assertThat(LibraryFixture.read(target.resolve("foo.safetensors"))).isEqualTo("a".getBytes());
    assertThat(LibraryFixture.read(target.resolve("foo-" + sha4 + ".safetensors")))
        .isEqualTo("b".getBytes());
    assertThat(LibraryFixture.read(target.resolve("foo-" + sha4 + "-1.safetensors")))
        .isEqualTo("c".getBytes());
    assertThat(target.resolve("foo-" + sha4 + "-2.webp")).exists();
  }

  @Test
  void aCompanionThatCannotMoveRollsTheWholeModelBack() throws Exception {
    Path target = library.loras().resolve("target");
    // A folder where the second companion must go makes exactly that one move fail, even as root.
    Files.createDirectories(target.resolve("foo.preview.png"));
    List<ModelEntry> rowsBefore = store.load(ModelType.LORA);

    Response response = move(body(foo, LibraryFixture.slashes(target)));

    assertError(
        response,
        409,
        "Cannot move "
            + styles.resolve("foo.preview.png")
            + " to "
            + target.resolve("foo.preview.png")
            + ": the target already exists; nothing was moved");
    assertThat(names(styles)).containsAll(FOO_FILES).containsAll(FOO_V2_FILES).hasSize(10);
    assertThat(names(target)).containsExactly("foo.preview.png");
    assertThat(target.resolve("foo.preview.png")).isEmptyDirectory();
    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(foo));
    assertThat(sidecar.get("file_path").asText()).isEqualTo(LibraryFixture.slashes(foo));
    assertThat(store.load(ModelType.LORA)).isEqualTo(rowsBefore);
    given()
        .get("/api/lm/loras/list?sort_by=name")
        .then()
        .body(
            "items.file_path",
            contains(LibraryFixture.slashes(foo), LibraryFixture.slashes(fooV2)));
  }

  @Test
  void aSidecarThatCannotBeRewrittenRollsTheWholeModelBack() throws Exception {
    Path target = library.loras().resolve("target");
    // The atomic write's temp file cannot be created where a folder holds its name (even as
    // root), so every file has moved and only the sidecar rewrite fails.
    Files.createDirectories(target.resolve("foo.metadata.json.tmp"));
    byte[] sidecarBefore = LibraryFixture.read(LibraryFixture.sidecarOf(foo));
    List<ModelEntry> rowsBefore = store.load(ModelType.LORA);

    Response response = move(body(foo, LibraryFixture.slashes(target)));

    assertError(
        response,
        503,
        "Cannot rewrite "
            + target.resolve("foo.metadata.json")
            + ": Is a directory; nothing was moved");
    assertThat(names(styles)).containsAll(FOO_FILES).containsAll(FOO_V2_FILES).hasSize(10);
    assertThat(LibraryFixture.read(LibraryFixture.sidecarOf(foo))).isEqualTo(sidecarBefore);
    assertThat(names(target)).doesNotContain("foo.safetensors", "foo.metadata.json", "foo.webp");
    assertThat(store.load(ModelType.LORA)).isEqualTo(rowsBefore);
  }

  @Test
  void aCorruptSidecarIsRefusedAndTheFoldersCreatedForTheMoveAreRemoved() throws Exception {
    byte[] corrupt = "{\"file_name\": ".getBytes();
    LibraryFixture.write(LibraryFixture.sidecarOf(foo), corrupt);
    Path target = library.loras().resolve("fresh/deeper");

    Response response = move(body(foo, LibraryFixture.slashes(target)));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.jsonPath().getString("error"))
        .startsWith("Sidecar of " + LibraryFixture.slashes(foo) + " is corrupt (invalid JSON");
    assertThat(library.loras().resolve("fresh")).doesNotExist();
    assertThat(names(styles)).hasSize(10);
    assertThat(LibraryFixture.read(LibraryFixture.sidecarOf(foo))).isEqualTo(corrupt);
  }

  /** A true EACCES; root may write anywhere, so this runs only as another user. */
  @Test
  void aReadOnlyTargetFolderFailsWithPermissionDeniedAndNothingMoves() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        "root".equals(System.getProperty("user.name")), "root ignores folder permissions");
    Path target = Files.createDirectories(library.loras().resolve("readonly"));
    Files.setPosixFilePermissions(
        target, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assertError(
          move(body(foo, LibraryFixture.slashes(target))),
          503,
          "Cannot move "
              + foo
              + " to "
              + target.resolve("foo.safetensors")
              + ": permission denied; nothing was moved");
      assertThat(names(styles)).hasSize(10);
      assertThat(names(target)).isEmpty();
    } finally {
      Files.setPosixFilePermissions(
          target, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void targetsOutsideTheRootsAreRefusedAndNothingIsTouched() throws Exception {
    String escape = LibraryFixture.slashes(library.loras()) + "/../checkpoints";
    assertError(
        move(body(foo, escape)),
        400,
        "Target path '" + escape + "' is outside the configured lora folders");
    String checkpoints = LibraryFixture.slashes(library.checkpoints());
    assertError(
        move(body(foo, checkpoints)),
        400,
        "Target path '" + checkpoints + "' is outside the configured lora folders");
    assertError(
        move(body(foo, "/tmp/lm-outside")),
        400,
        "Target path '/tmp/lm-outside' is outside the configured lora folders");
    Path link = LibraryFixture.symlink(library.loras().resolve("link-out"), Path.of("/tmp"));
    assertError(
        move(body(foo, LibraryFixture.slashes(link) + "/x")),
        400,
        "Target path '"
            + LibraryFixture.slashes(link)
            + "/x' is outside the configured lora folders");
    assertError(
        move(body(foo, "relative/dir")),
        400,
        "target_path must be an absolute folder path: relative/dir");
    assertThat(names(styles)).hasSize(10);
    assertThat(Path.of("/tmp/lm-outside")).doesNotExist();
  }

  @Test
  void badFieldsAreRefused() {
    String target = LibraryFixture.slashes(library.loras());
    assertError(move("{\"target_path\": \"" + target + "\"}"), 400, "file_path is required");
    assertError(
        move("{\"file_path\": \"" + LibraryFixture.slashes(foo) + "\"}"),
        400,
        "target_path is required");
    assertError(
        move("{\"file_path\": \"" + LibraryFixture.slashes(foo) + "\", \"target_path\": 3}"),
        400,
        "target_path must be a string");
    assertError(
        move(
            "{\"file_path\": \""
                + LibraryFixture.slashes(foo)
                + "\", \"target_path\": \""
                + target
                + "\", \"use_default_paths\": \"yes\"}"),
        400,
        "use_default_paths must be true or false");
    assertError(
        move("not json"),
        400,
        "Invalid JSON body: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
    assertThat(foo).exists();
  }

  @Test
  void unknownAndOutsideSourcesAreRefused() {
    String target = LibraryFixture.slashes(library.loras());
    Path unknown = styles.resolve("ghost.safetensors");
    assertError(
        move(body(unknown, target)), 404, "LoRA not found: " + LibraryFixture.slashes(unknown));
    assertError(
        move("{\"file_path\": \"/etc/hosts\", \"target_path\": \"" + target + "\"}"),
        400,
        "Path '/etc/hosts' is outside the configured lora folders");
    assertThat(foo).exists();
  }
}
