package io.loramanager.api;

import static io.loramanager.api.ModelMoveFlowTest.names;
import static io.loramanager.api.ModelMoveFlowTest.ownedModel;
import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.loramanager.testsupport.ApiAssertions.map;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /api/lm/{type}/move_models_bulk through real HTTP on a real library. */
@QuarkusTest
class ModelMoveBulkFlowTest {

  @TestHTTPResource("/")
  URI base;

  @Inject CatalogStore store;

  private LibraryFixture library;
  private Path foo;
  private Path bar;
  private Path styles;
  private Path target;

  @BeforeEach
  void library() {
    library = TestLibrary.fresh();
    foo = ownedModel(library, "styles/foo.safetensors");
    bar = ownedModel(library, "styles/bar.safetensors");
    styles = foo.getParent();
    target = library.loras().resolve("target");
    TestLibrary.scan("loras");
  }

  private static Response bulk(String body) {
    return given().contentType(ContentType.JSON).body(body).post("/api/lm/loras/move_models_bulk");
  }

  private static String body(String target, String... paths) {
    return "{\"file_paths\": ["
        + Stream.of(paths).map(p -> "\"" + p + "\"").collect(Collectors.joining(", "))
        + "], \"target_path\": \""
        + target
        + "\"}";
  }

  private static String s(Path path) {
    return LibraryFixture.slashes(path);
  }

  @Test
  void eachModelMovesOnItsOwnAndIsReportedOnItsOwn() throws Exception {
    Files.createDirectories(target.resolve("bar.webp"));
    JsonPath json;
    try (WebSocketRecorder bus = WebSocketRecorder.connect(base, "/ws/fetch-progress")) {
      json = bulk(body(s(target), s(foo), s(bar))).then().statusCode(200).extract().jsonPath();
      bus.awaitFrame(f -> "models_changed".equals(f.path("type").asText()));
    }

    assertThat(json.getMap(""))
        .containsOnlyKeys(
            "success", "status", "message", "results", "success_count", "failure_count");
    assertThat(json.getString("status")).isEqualTo("success");
    assertThat(json.getBoolean("success")).isTrue();
    assertThat(json.getString("message")).isEqualTo("Moved 1 of 2 models");
    assertThat(json.getInt("success_count")).isEqualTo(1);
    assertThat(json.getInt("failure_count")).isEqualTo(1);
    Map<String, Object> first = new HashMap<>(json.getMap("results[0]"));
    assertThat(((Map<?, ?>) first.remove("cache_entry")).get("file_path"))
        .isEqualTo(s(target.resolve("foo.safetensors")));
    assertThat(first)
        .isEqualTo(
            map(
                "original_file_path",
                s(foo),
                "new_file_path",
                s(target.resolve("foo.safetensors")),
                "success",
                true,
                "message",
                "Model moved"));
    assertThat(json.getMap("results[1]"))
        .isEqualTo(
            map(
                "original_file_path",
                s(bar),
                "new_file_path",
                null,
                "success",
                false,
                "message",
                "Cannot move "
                    + styles.resolve("bar.webp")
                    + " to "
                    + target.resolve("bar.webp")
                    + ": the target already exists; nothing was moved",
                "cache_entry",
                null));
    assertThat(names(target))
        .containsExactlyInAnyOrder(
            "bar.webp",
            "foo.civitai.info",
            "foo.metadata.json",
            "foo.metadata.json.bak",
            "foo.preview.png",
            "foo.safetensors",
            "foo.webp");
    assertThat(names(styles))
        .containsExactly(
            "bar.civitai.info",
            "bar.metadata.json",
            "bar.metadata.json.bak",
            "bar.preview.png",
            "bar.safetensors",
            "bar.webp");
    assertThat(store.load(ModelType.LORA))
        .extracting(ModelEntry::filePath)
        .containsExactlyInAnyOrder(s(target.resolve("foo.safetensors")), s(bar));
  }

  @Test
  void aModelAlreadyThereIsReportedAsTheSameFolder() {
    JsonPath json = bulk(body(s(styles), s(foo))).then().statusCode(200).extract().jsonPath();

    assertThat(json.getString("message")).isEqualTo("Moved 1 of 1 models");
    assertThat(json.getString("results[0].message"))
        .isEqualTo("Source and target directories are the same");
    assertThat(json.getString("results[0].new_file_path")).isEqualTo(s(foo));
    assertThat(foo).exists();
  }

  @Test
  void onePathOutsideTheRootsRefusesTheWholeBatchBeforeAnythingMoves() throws Exception {
    assertError(
        bulk(body(s(target), s(foo), "/etc/hosts")),
        400,
        "Path '/etc/hosts' is outside the configured lora folders");
    assertError(
        bulk(body(s(target), s(foo), s(styles.resolve("ghost.safetensors")))),
        404,
        "LoRA not found: " + s(styles.resolve("ghost.safetensors")));
    assertError(
        bulk(body("/tmp", s(foo))),
        400,
        "Target path '/tmp' is outside the configured lora folders");
    assertThat(names(styles)).hasSize(12);
    assertThat(target).doesNotExist();
  }

  @Test
  void badFieldsAreRefused() {
    assertError(bulk(body(s(target))), 400, "file_paths must not be empty");
    assertError(
        bulk("{\"file_paths\": \"" + s(foo) + "\", \"target_path\": \"" + s(target) + "\"}"),
        400,
        "file_paths must be a list of strings");
    assertError(
        bulk("{\"file_paths\": [1], \"target_path\": \"" + s(target) + "\"}"),
        400,
        "file_paths must be a list of strings");
    assertError(bulk("{\"target_path\": \"" + s(target) + "\"}"), 400, "file_paths is required");
    assertError(bulk("{\"file_paths\": [\"" + s(foo) + "\"]}"), 400, "target_path is required");
    assertError(
        bulk(
            "{\"file_paths\": [\""
                + s(foo)
                + "\"], \"target_path\": \""
                + s(target)
                + "\", \"use_default_paths\": 1}"),
        400,
        "use_default_paths must be true or false");
    assertThat(foo).exists();
    assertThat(target).doesNotExist();
  }

  @Test
  void twoMovesOfTheSameModelAtOnceLeaveOneConsistentModel() throws Exception {
    Path a = library.loras().resolve("a");
    Path b = library.loras().resolve("b");
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<Integer>> statuses =
          Stream.of(a, b)
              .map(
                  folder ->
                      pool.submit(
                          () -> {
                            start.await();
                            return ModelMoveFlowTest.move(ModelMoveFlowTest.body(foo, s(folder)))
                                .statusCode();
                          }))
              .toList();
      start.countDown();
      List<Integer> codes = List.of(statuses.get(0).get(), statuses.get(1).get());

      assertThat(codes).containsExactlyInAnyOrder(200, 404);
    } finally {
      pool.shutdownNow();
    }
    Path winner = Files.exists(a.resolve("foo.safetensors")) ? a : b;
    assertThat(names(winner)).hasSize(6).contains("foo.safetensors", "foo.metadata.json");
    assertThat(styles.resolve("foo.safetensors")).doesNotExist();
    assertThat(
            LibraryFixture.readJson(winner.resolve("foo.metadata.json")).get("file_path").asText())
        .isEqualTo(s(winner.resolve("foo.safetensors")));
    assertThat(store.load(ModelType.LORA))
        .extracting(ModelEntry::filePath)
        .containsExactlyInAnyOrder(s(winner.resolve("foo.safetensors")), s(bar));
  }
}
