package io.loramanager.library.lifecycle;

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
 * cancel-task during a bulk delete: staging stops between two models; the batch holds exactly the
 * models deleted so far (and undo brings back exactly those), the others are untouched, and the
 * catalogue and SQLite say the same as the disk. A bulk delete sends no frame per model, so
 * cancel-task is sent again and again until the delete answers.
 */
@QuarkusTest
class BulkDeleteCancelFlowTest {

  static final int MODELS = 600;

  @Inject CatalogStore store;

  @Test
  void cancelTaskStopsABulkDeleteBetweenTwoModels() throws Exception {
    LibraryFixture library = TestLibrary.fresh();
    List<Path> models = new ArrayList<>();
    for (int i = 0; i < MODELS; i++) {
      models.add(
          library.modelWithSidecar(
              library.loras(), String.format("inbox/m%03d.safetensors", i), s -> {}));
    }
    TestLibrary.scan("loras");
    String body =
        "{\"file_paths\": ["
            + models.stream()
                .map(p -> "\"" + LibraryFixture.slashes(p) + "\"")
                .collect(Collectors.joining(","))
            + "]}";

    ExecutorService client = Executors.newSingleThreadExecutor();
    Response response;
    try {
      Future<Response> delete =
          client.submit(() -> LibraryRequests.post("/api/lm/loras/bulk-delete", body));
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(10))
          .until(
              () -> {
                given().post("/api/lm/loras/cancel-task").then().statusCode(200);
                return delete.isDone();
              });
      response = delete.get();
    } finally {
      client.shutdownNow();
    }

    Map<String, Object> json = bodyOf(response, 200);
    int deleted = (Integer) json.get("total_deleted");
    assertThat(json.get("status")).isEqualTo("cancelled");
    assertThat(deleted).isLessThan(MODELS);
    assertThat(((List<?>) json.get("results"))).hasSize(deleted);
    assertThat(models.subList(0, deleted)).allSatisfy(m -> assertThat(m).doesNotExist());
    assertThat(models.subList(deleted, MODELS)).allSatisfy(m -> assertThat(m).exists());
    assertCatalogued(models.subList(deleted, MODELS));

    if (deleted == 0) {
      assertThat(json.get("batch_id")).isNull();
      return;
    }
    List<?> restored =
        given()
            .contentType("application/json")
            .body("{\"batch_id\": \"" + json.get("batch_id") + "\"}")
            .post("/api/lm/undo-delete")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("restored");
    assertThat(restored).hasSize(2 * deleted);
    assertThat(models).allSatisfy(m -> assertThat(m).exists());
    assertCatalogued(models);
  }

  private void assertCatalogued(List<Path> expectedModels) {
    List<String> expected = expectedModels.stream().map(LibraryFixture::slashes).toList();
    List<String> listed = new ArrayList<>();
    for (int page = 1; page <= MODELS / 100; page++) {
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
