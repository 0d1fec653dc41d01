package io.loramanager.api;

import static io.loramanager.testsupport.ApiAssertions.bodyOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loramanager.library.CatalogStore;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.LibraryRequests;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * cancel-task during a bulk move: the move stops between two models; each model is either fully
 * moved or untouched, and the catalogue and SQLite say the same as the disk. A bulk move sends no
 * frame per model, so cancel-task is sent again and again until the move answers.
 */
@QuarkusTest
class BulkMoveCancelFlowTest {

  static final int MODELS = 300;

  @Inject CatalogStore store;

  @Test
  void cancelTaskStopsABulkMoveBetweenTwoModels() throws Exception {
    LibraryFixture library = TestLibrary.fresh();
    List<Path> models = new ArrayList<>();
    for (int i = 0; i < MODELS; i++) {
      models.add(
          library.modelWithSidecar(
              library.loras(), String.format("inbox/m%03d.safetensors", i), s -> {}));
    }
    TestLibrary.scan("loras");
    Path target = library.loras().resolve("target");
    String body =
        "{\"file_paths\": ["
            + models.stream()
                .map(p -> "\"" + LibraryFixture.slashes(p) + "\"")
                .collect(Collectors.joining(","))
            + "], \"target_path\": \""
            + LibraryFixture.slashes(target)
            + "\"}";

    ExecutorService client = Executors.newSingleThreadExecutor();
    Response response;
    try {
      Future<Response> move =
          client.submit(() -> LibraryRequests.post("/api/lm/loras/move_models_bulk", body));
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(20))
          .until(
              () -> {
                given().post("/api/lm/loras/cancel-task").then().statusCode(200);
                return move.isDone();
              });
      response = move.get();
    } finally {
      client.shutdownNow();
    }

    Map<String, Object> json = bodyOf(response, 200);
    List<?> results = (List<?>) json.get("results");
    int moved = results.size();
    assertThat(json.get("status")).isEqualTo("cancelled");
    assertThat(moved).isLessThan(MODELS);
    assertThat(json.get("message")).isEqualTo("Moved " + moved + " of " + moved + " models");
    assertThat(models.subList(0, moved)).allSatisfy(m -> assertThat(m).doesNotExist());
    assertThat(models.subList(moved, MODELS)).allSatisfy(m -> assertThat(m).exists());
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < MODELS; i++) {
      Path model = models.get(i);
      expected.add(LibraryFixture.slashes(i < moved ? target.resolve(model.getFileName()) : model));
    }
    List<String> listed = new ArrayList<>();
    for (int page = 1; page <= 3; page++) {
      listed.addAll(
          given()
              .get("/api/lm/loras/list?page_size=100&page=" + page)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("items.file_path", String.class));
    }
    assertThat(listed).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(store.load(ModelType.LORA))
        .extracting(ModelEntry::filePath)
        .containsExactlyInAnyOrderElementsOf(expected);
  }
}
