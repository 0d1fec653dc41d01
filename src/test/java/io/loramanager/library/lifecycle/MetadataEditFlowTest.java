package io.loramanager.library.lifecycle;

import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.loramanager.testsupport.ApiAssertions.bodyOf;
import static io.loramanager.testsupport.ApiAssertions.map;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** save-metadata and add-tags through HTTP: the sidecar on disk, the list, SQLite, the socket. */
@QuarkusTest
class MetadataEditFlowTest {

  @TestHTTPResource("/")
  URI base;

  @Inject CatalogStore store;

  private LibraryFixture library;
  private Path model;

  @BeforeEach
  void libraryWithOneLora() {
    library = TestLibrary.fresh();
    model =
        library.modelWithSidecar(
            library.loras(),
            "style/ink_high_noise.safetensors",
            s -> {
              s.put("model_name", "Ink");
              s.put("my_own_key", "kept");
              s.putArray("tags").add("style");
              ObjectNode civitai = s.putObject("civitai");
              civitai.put("id", 11);
              civitai.put("name", "v1");
              civitai.putArray("trainedWords").add("old");
            });
    TestLibrary.scan("loras");
  }

  private static Response post(String path, String json) {
    return given().contentType(ContentType.JSON).body(json).post("/api/lm/loras/" + path);
  }

  private String filePath() {
    return LibraryFixture.slashes(model);
  }

  private ObjectNode sidecar() {
    return LibraryFixture.readJson(LibraryFixture.sidecarOf(model));
  }

  private ModelEntry storedEntry() {
    return store.load(ModelType.LORA).stream()
        .filter(e -> e.filePath().equals(filePath()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void saveMetadataMergesObjectsShallowlyAndNormalisesTags() {
    try (WebSocketRecorder bus = WebSocketRecorder.connect(base, "/ws/fetch-progress")) {
      Response response =
          post(
              "save-metadata",
              """
              {"file_path": "%s", "model_name": "Ink Pro", "notes": "dark",
               "favorite": true, "tags": [" Anime ", "STYLE", "anime", ""],
               "civitai": {"trainedWords": ["inky", "ink"]}, "brand_new": {"a": 1}}
              """
                  .formatted(filePath()));

      assertThat(bodyOf(response, 200))
          .isEqualTo(map("success", true, "auto_tags", List.of("HIGH")));
      bus.awaitFrame(f -> "models_changed".equals(f.path("type").asText()));
    }
    ObjectNode sidecar = sidecar();
    assertThat(sidecar.get("model_name").asText()).isEqualTo("Ink Pro");
    assertThat(sidecar.get("notes").asText()).isEqualTo("dark");
    assertThat(sidecar.get("favorite").asBoolean()).isTrue();
    assertThat(sidecar.get("tags").toString()).isEqualTo("[\"anime\",\"style\"]");
    assertThat(sidecar.get("civitai").toString())
        .isEqualTo("{\"id\":11,\"name\":\"v1\",\"trainedWords\":[\"inky\",\"ink\"]}");
    assertThat(sidecar.get("brand_new").toString()).isEqualTo("{\"a\":1}");
    assertThat(sidecar.get("my_own_key").asText()).isEqualTo("kept");
    assertThat(sidecar.get("file_path").asText()).isEqualTo(filePath());
    assertThat(Files.exists(model.resolveSibling("ink_high_noise.metadata.json.tmp"))).isFalse();
    given()
        .get("/api/lm/loras/list")
        .then()
        .statusCode(200)
        .body("items.model_name", contains("Ink Pro"))
        .body("items[0].tags", contains("anime", "style"))
        .body("items[0].notes", equalTo("dark"))
        .body("items[0].favorite", equalTo(true))
        .body("items[0].civitai.trainedWords", contains("inky", "ink"));
    ModelEntry row = storedEntry();
    assertThat(row.modelName()).isEqualTo("Ink Pro");
    assertThat(row.tags()).containsExactly("anime", "style");
    assertThat(row.favorite()).isTrue();
    assertThat(row.civitai().trainedWords()).containsExactly("inky", "ink");
  }

  @Test
  void fieldsThatWouldCorruptTheSidecarAreRefusedAndNothingChanges() {
    byte[] before = LibraryFixture.read(LibraryFixture.sidecarOf(model));

    assertError(
        post("save-metadata", "{\"file_path\": \"%s\", \"size\": \"x\"}".formatted(filePath())),
        400,
        "'size' must be a number");
    assertError(
        post(
            "save-metadata",
            "{\"file_path\": \"%s\", \"notes\": \"n\", \"model_name\": 5}".formatted(filePath())),
        400,
        "'model_name' must be a string");
    assertError(
        post("save-metadata", "{\"file_path\": \"%s\", \"sha256\": null}".formatted(filePath())),
        400,
        "'sha256' must be a string");
    assertError(
        post("save-metadata", "{\"file_path\": \"%s\", \"tags\": \"a\"}".formatted(filePath())),
        400,
        "Tags must be a list");
    assertError(
        post("save-metadata", "{\"file_path\": \"%s\", \"tags\": [1]}".formatted(filePath())),
        400,
        "Tags must be strings, got 1");
    assertError(
        post("save-metadata", "{\"file_path\": \"%s\", \"civitai\": []}".formatted(filePath())),
        400,
        "'civitai' must be an object");

    assertThat(LibraryFixture.read(LibraryFixture.sidecarOf(model))).isEqualTo(before);
    assertThat(storedEntry().modelName()).isEqualTo("Ink");
  }

  @Test
  void missingOrUnknownModelIsABadRequestOrNotFound() {
    assertError(post("save-metadata", "{\"notes\": \"x\"}"), 400, "file_path is required");
    assertError(post("save-metadata", "[1]"), 400, "Invalid JSON body: expected a JSON object");
    String unknown = LibraryFixture.slashes(library.loras().resolve("nope.safetensors"));
    assertError(
        post("save-metadata", "{\"file_path\": \"%s\"}".formatted(unknown)),
        404,
        "LoRA not found: " + unknown);
    String escaping = LibraryFixture.slashes(library.loras()) + "/../ink_high_noise.safetensors";
    assertError(
        post("save-metadata", "{\"file_path\": \"%s\"}".formatted(escaping)),
        400,
        "Path '" + escaping + "' is outside the configured LoRA folders");
    assertError(
        post("save-metadata", "{\"file_path\": \"/etc/passwd\"}"),
        400,
        "Path '/etc/passwd' is outside the configured LoRA folders");
    assertError(
        given()
            .contentType(ContentType.JSON)
            .body("{\"file_path\": \"x\"}")
            .post("/api/lm/vaes/save-metadata"),
        404,
        "Unknown model type 'vaes'");
  }

  @Test
  void aModelWhoseFileIsGoneIsNotFoundAndItsSidecarIsLeftAlone() throws Exception {
    byte[] before = LibraryFixture.read(LibraryFixture.sidecarOf(model));
    Files.delete(model);

    assertError(
        post("save-metadata", "{\"file_path\": \"%s\", \"notes\": \"x\"}".formatted(filePath())),
        404,
        "LoRA file is no longer on disk: " + filePath() + " (rescan to drop it)");

    assertThat(LibraryFixture.read(LibraryFixture.sidecarOf(model))).isEqualTo(before);
  }

  @Test
  void corruptSidecarIsAConflictAndIsLeftAlone() {
    TestLibrary.scan("loras");
    String corrupt = "{\"file_name\": \"ink_high_noise\"";
    library.rawSidecar(model, corrupt);

    assertError(
        post("save-metadata", "{\"file_path\": \"%s\", \"notes\": \"x\"}".formatted(filePath())),
        409,
        "Sidecar of "
            + model.toAbsolutePath().normalize()
            + " is corrupt: invalid JSON: Unexpected end-of-input: expected close marker for"
            + " Object (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION`"
            + " disabled); line: 1, column: 1])");
    assertThat(new String(LibraryFixture.read(LibraryFixture.sidecarOf(model)))).isEqualTo(corrupt);
  }

  @Test
  void diskFullWhileWritingTheSidecarLeavesItAndTheCatalogueIntact() throws Exception {
    Path sidecar = LibraryFixture.sidecarOf(model);
    byte[] before = LibraryFixture.read(sidecar);
    Path tmp = sidecar.resolveSibling("ink_high_noise.metadata.json.tmp");
    Files.createSymbolicLink(tmp, Path.of("/dev/full"));
    try {
      assertError(
          post("save-metadata", "{\"file_path\": \"%s\", \"notes\": \"x\"}".formatted(filePath())),
          503,
          "Cannot write the sidecar of " + filePath() + ": No space left on device");
    } finally {
      Files.deleteIfExists(tmp);
    }

    assertThat(LibraryFixture.read(sidecar)).isEqualTo(before);
    assertThat(storedEntry().notes()).isEmpty();
    given().get("/api/lm/loras/list").then().body("items[0].notes", equalTo(""));
  }

  @Test
  void addTagsAppendsOnlyNewNormalisedTags() {
    Response response =
        post(
            "add-tags",
            "{\"file_path\": \"%s\", \"tags\": [\"Style\", \" Ink \", \"ink\", \"Dark\"]}"
                .formatted(filePath()));

    assertThat(bodyOf(response, 200))
        .isEqualTo(
            map(
                "success",
                true,
                "tags",
                List.of("style", "ink", "dark"),
                "auto_tags",
                List.of("HIGH")));
    JsonNode tags = sidecar().get("tags");
    assertThat(tags.toString()).isEqualTo("[\"style\",\"ink\",\"dark\"]");
    assertThat(sidecar().get("my_own_key").asText()).isEqualTo("kept");
    given()
        .get("/api/lm/loras/list")
        .then()
        .body("items[0].tags", contains("style", "ink", "dark"));
    assertThat(storedEntry().tags()).containsExactly("style", "ink", "dark");
  }

  @Test
  void addTagsRefusesAnythingButAList() {
    byte[] before = LibraryFixture.read(LibraryFixture.sidecarOf(model));

    assertError(
        post("add-tags", "{\"file_path\": \"%s\", \"tags\": \"ink\"}".formatted(filePath())),
        400,
        "Tags must be a list");
    assertError(
        post("add-tags", "{\"file_path\": \"%s\"}".formatted(filePath())),
        400,
        "Tags must be a list");
    assertError(post("add-tags", "{\"tags\": [\"a\"]}"), 400, "file_path is required");

    assertThat(LibraryFixture.read(LibraryFixture.sidecarOf(model))).isEqualTo(before);
  }

  @Test
  void concurrentEditsAndARescanLoseNoUpdate() throws Exception {
    int writers = 6;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
    try {
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String tag = "t" + i;
        statuses.add(
            pool.submit(
                () -> {
                  start.await();
                  return post(
                          "add-tags",
                          "{\"file_path\": \"%s\", \"tags\": [\"%s\"]}".formatted(filePath(), tag))
                      .statusCode();
                }));
      }
      statuses.add(
          pool.submit(
              () -> {
                start.await();
                return given().get("/api/lm/loras/scan").statusCode();
              }));
      start.countDown();
      for (Future<Integer> status : statuses) {
        assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }

    List<String> expected = List.of("style", "t0", "t1", "t2", "t3", "t4", "t5");
    assertThat(tagsOf(sidecar())).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(storedEntry().tags()).containsExactlyInAnyOrderElementsOf(expected);
    List<String> listed = given().get("/api/lm/loras/list").jsonPath().getList("items[0].tags");
    assertThat(listed).containsExactlyInAnyOrderElementsOf(expected);
  }

  private static List<String> tagsOf(ObjectNode sidecar) {
    List<String> tags = new ArrayList<>();
    sidecar.get("tags").forEach(t -> tags.add(t.asText()));
    return tags;
  }
}
