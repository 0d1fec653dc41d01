package io.loramanager.library.lifecycle;

import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.loramanager.testsupport.LibraryRequests.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code exclude} and {@code unexclude} through HTTP: sidecar, list, excluded, SQLite, frame. */
@QuarkusTest
class ExcludeFlowTest {

  @TestHTTPResource("/")
  URI base;

  @Inject CatalogStore store;

  private LibraryFixture library;

  @BeforeEach
  void freshLibrary() {
    library = TestLibrary.fresh();
  }

  private static List<String> page(String type, String page) {
    return given()
        .get("/api/lm/" + type + "/" + page)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.file_path");
  }

  private ModelEntry stored(ModelType type, Path model) {
    return store.load(type).stream()
        .filter(e -> e.filePath().equals(LibraryFixture.slashes(model)))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void excludeFlagsTheSidecarAndMovesTheModelToExcluded() {
    Path model =
        library.modelWithSidecar(
            library.loras(), "x.safetensors", s -> s.put("my_key", "kept").put("notes", "n"));
    Path other = library.modelWithSidecar(library.loras(), "y.safetensors", s -> {});
    TestLibrary.scan("loras");
    ObjectNode before = LibraryFixture.readJson(LibraryFixture.sidecarOf(model));

    Map<String, Object> body;
    try (WebSocketRecorder bus = WebSocketRecorder.connect(base, "/ws/fetch-progress")) {
      body =
          ApiAssertions.bodyOf(
              post("/api/lm/loras/exclude", Map.of("file_path", LibraryFixture.slashes(model))),
              200);
      JsonNode frame = bus.awaitFrame(f -> "models_changed".equals(f.path("type").asText()));
      assertThat(frame.toString()).isEqualTo("{\"type\":\"models_changed\"}");
    }

    assertThat(body)
        .isEqualTo(ApiAssertions.map("success", true, "message", "Model x.safetensors excluded"));
    ObjectNode after = LibraryFixture.readJson(LibraryFixture.sidecarOf(model));
    ObjectNode expected = before.deepCopy();
    expected.put("exclude", true);
    // Sidecar writes keep decimals plain: 1.7E9 is saved as 1700000000, the same number.
    assertThat(after.get("modified").decimalValue()).isEqualByComparingTo("1700000000");
    expected.set("modified", after.get("modified"));
    assertThat(after).isEqualTo(expected);
    assertThat(Files.exists(model)).isTrue();
    assertThat(Files.exists(model.resolveSibling("x.metadata.json.tmp"))).isFalse();
    assertThat(page("loras", "list")).containsExactly(LibraryFixture.slashes(other));
    assertThat(page("loras", "excluded")).containsExactly(LibraryFixture.slashes(model));
    assertThat(stored(ModelType.LORA, model).exclude()).isTrue();
    // A rescan agrees: the flag is in the file, not only in memory.
    TestLibrary.scan("loras");
    assertThat(page("loras", "excluded")).containsExactly(LibraryFixture.slashes(model));
  }

  @Test
  void unexcludeBringsTheModelBack() {
    Path model =
        library.modelWithSidecar(
            library.checkpoints(), "c.safetensors", s -> s.put("exclude", true).put("z", 1));
    TestLibrary.scan("checkpoints");
    assertThat(page("checkpoints", "excluded")).containsExactly(LibraryFixture.slashes(model));

    Map<String, Object> body;
    try (WebSocketRecorder bus = WebSocketRecorder.connect(base, "/ws/fetch-progress")) {
      body =
          ApiAssertions.bodyOf(
              post(
                  "/api/lm/checkpoints/unexclude",
                  Map.of("file_path", LibraryFixture.slashes(model))),
              200);
      bus.awaitFrame(f -> "models_changed".equals(f.path("type").asText()));
    }

    assertThat(body)
        .isEqualTo(ApiAssertions.map("success", true, "message", "Model c.safetensors restored"));
    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(model));
    assertThat(sidecar.get("exclude").asBoolean()).isFalse();
    assertThat(sidecar.get("z").asInt()).isEqualTo(1);
    assertThat(page("checkpoints", "list")).containsExactly(LibraryFixture.slashes(model));
    assertThat(page("checkpoints", "excluded")).isEmpty();
    assertThat(stored(ModelType.CHECKPOINT, model).exclude()).isFalse();
  }

  @Test
  void unexcludeOfAModelThatIsNotExcludedIs404() {
    Path model = library.modelWithSidecar(library.loras(), "x.safetensors", s -> {});
    TestLibrary.scan("loras");
    byte[] sidecar = LibraryFixture.read(LibraryFixture.sidecarOf(model));

    assertError(
        post("/api/lm/loras/unexclude", Map.of("file_path", LibraryFixture.slashes(model))),
        404,
        "LoRA is not excluded: " + LibraryFixture.slashes(model));

    assertThat(LibraryFixture.read(LibraryFixture.sidecarOf(model))).isEqualTo(sidecar);
  }

  @Test
  void excludeTwiceIsAConflict() {
    Path model =
        library.modelWithSidecar(library.loras(), "x.safetensors", s -> s.put("exclude", true));
    TestLibrary.scan("loras");
    byte[] sidecar = LibraryFixture.read(LibraryFixture.sidecarOf(model));

    assertError(
        post("/api/lm/loras/exclude", Map.of("file_path", LibraryFixture.slashes(model))),
        409,
        "LoRA is already excluded: " + LibraryFixture.slashes(model));

    assertThat(LibraryFixture.read(LibraryFixture.sidecarOf(model))).isEqualTo(sidecar);
  }

  @Test
  void excludeAndUnexcludeRejectBadInput() {
    Path model = library.modelWithSidecar(library.loras(), "x.safetensors", s -> {});
    TestLibrary.scan("loras");
    byte[] sidecar = LibraryFixture.read(LibraryFixture.sidecarOf(model));
    String unknown = LibraryFixture.slashes(library.loras().resolve("none.safetensors"));

    for (String op : List.of("exclude", "unexclude")) {
      assertError(post("/api/lm/loras/" + op, Map.of()), 400, "file_path is required");
      assertError(
          post("/api/lm/loras/" + op, Map.of("file_path", List.of("a"))),
          400,
          "file_path must be a string");
      assertError(
          post("/api/lm/loras/" + op, Map.of("file_path", unknown)),
          404,
          "LoRA not found: " + unknown);
    }

    assertThat(LibraryFixture.read(LibraryFixture.sidecarOf(model))).isEqualTo(sidecar);
    assertThat(page("loras", "list")).containsExactly(LibraryFixture.slashes(model));
  }

  @Test
  void excludeWithACorruptSidecarIsAConflictAndChangesNothing() {
    Path model = library.modelWithSidecar(library.loras(), "x.safetensors", s -> {});
    TestLibrary.scan("loras");
    Path sidecar = library.rawSidecar(model, "{\"broken\": ");

    assertError(
        post("/api/lm/loras/exclude", Map.of("file_path", LibraryFixture.slashes(model))),
        409,
        "Sidecar of "
            + model
            + " is corrupt: invalid JSON: Unexpected end-of-input within/between Object entries");

    assertThat(new String(LibraryFixture.read(sidecar))).isEqualTo("{\"broken\": ");
    assertThat(page("loras", "list")).containsExactly(LibraryFixture.slashes(model));
  }

  @Test
  void excludeRecreatesAMissingSidecarAsAScanWouldThenFlagsIt() throws Exception {
    Path model = library.modelWithSidecar(library.loras(), "x.safetensors", s -> {});
    TestLibrary.scan("loras");
    Files.delete(LibraryFixture.sidecarOf(model));

    post("/api/lm/loras/exclude", Map.of("file_path", LibraryFixture.slashes(model)))
        .then()
        .statusCode(200);

    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(model));
    assertThat(sidecar.get("exclude").asBoolean()).isTrue();
    assertThat(sidecar.get("file_path").asText()).isEqualTo(LibraryFixture.slashes(model));
    assertThat(sidecar.get("sha256").asText())
        .isEqualTo(LibraryFixture.sha256(LibraryFixture.read(model)));
    assertThat(page("loras", "excluded")).containsExactly(LibraryFixture.slashes(model));
  }
}
