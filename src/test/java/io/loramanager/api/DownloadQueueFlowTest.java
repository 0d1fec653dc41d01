package io.loramanager.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.loramanager.download.DownloadQueueStore;
import io.loramanager.storage.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue and history endpoints end to end, down to the SQLite rows. */
@QuarkusTest
class DownloadQueueFlowTest {

  @Inject Database database;
  @Inject DownloadQueueStore store;

  @BeforeEach
  void emptyTables() {
    store.clearQueue(null);
    store.clearHistory(null);
  }

  static JsonPath add(String downloadId, int versionId, String extra) {
    return given()
        .queryParam("download_id", downloadId)
        .queryParam("model_id", 100)
        .queryParam("model_version_id", versionId)
        .queryParam("model_name", "Model " + versionId)
        .queryParam("version_name", "v" + versionId)
        .queryParam("thumbnail_url", "https://image.civitai.com/" + versionId + ".jpeg")
        .queryParam("file_params", extra)
        .get("/api/lm/downloads/queue/add")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static JsonPath get(String path, Object... params) {
    var request = given();
    for (int i = 0; i < params.length; i += 2) {
      request.queryParam((String) params[i], params[i + 1]);
    }
    return request.get("/api/lm/downloads/" + path).then().statusCode(200).extract().jsonPath();
  }

  private List<String> queueIds() {
    return database.read(
        c -> {
          try (ResultSet rows =
              c.createStatement()
                  .executeQuery(
                      "SELECT download_id FROM download_queue ORDER BY priority DESC, added_at")) {
            List<String> ids = new java.util.ArrayList<>();
            while (rows.next()) {
              ids.add(rows.getString(1));
            }
            return ids;
          }
        });
  }

  @Test
  void addedItemsAreQueuedWithTheReferenceColumns() {
    JsonPath added = add("a", 1, "{\"id\": 11, \"type\": \"Model\"}");

    assertThat(added.getBoolean("success")).isTrue();
    Map<String, Object> item = added.getMap("item");
    assertThat(item.keySet())
        .containsExactly(
            "download_id",
            "model_id",
            "model_version_id",
            "model_name",
            "version_name",
            "thumbnail_url",
            "source",
            "file_params",
            "status",
            "priority",
            "progress",
            "bytes_downloaded",
            "total_bytes",
            "bytes_per_second",
            "error",
            "file_path",
            "added_at",
            "started_at",
            "completed_at");
    assertThat(item)
        .containsEntry("download_id", "a")
        .containsEntry("model_id", 100)
        .containsEntry("model_version_id", 1)
        .containsEntry("file_params", "{\"id\":11,\"type\":\"Model\"}")
        .containsEntry("status", "queued")
        .containsEntry("priority", 0);
    assertThat(queueIds()).containsExactly("a");
  }

  @Test
  void theSameIdIsQueuedOnce() {
    add("a", 1, null);

    assertThat(add("a", 2, null).getMap("item")).isEmpty();
    assertThat(queueIds()).containsExactly("a");
  }

  @Test
  void queueOrderFollowsPriorityThenArrival() {
    add("a", 1, null);
    add("b", 2, null);
    add("c", 3, null);

    assertThat(get("queue/move-to-top", "download_id", "c").getBoolean("success")).isTrue();
    assertThat(get("queue/move-to-end", "download_id", "a").getBoolean("success")).isTrue();
    assertThat(get("queue/move-to-top", "download_id", "nope").getBoolean("success")).isFalse();

    JsonPath queue = get("queue");
    assertThat(queue.getList("queue.download_id")).containsExactly("c", "b", "a");
    assertThat(queue.getList("queue.priority")).containsExactly(1, 0, -1);
    assertThat(queue.getMap("stats"))
        .isEqualTo(
            Map.of(
                "queued",
                3,
                "waiting",
                0,
                "downloading",
                0,
                "paused",
                0,
                "completed",
                0,
                "failed",
                0,
                "canceled",
                0));
  }

  @Test
  void statusUpdatesSetStartedAtOnce() {
    add("a", 1, null);

    get("queue/status", "download_id", "a", "status", "downloading");
    Object started = get("queue").getList("queue.started_at").get(0);
    get("queue/status", "download_id", "a", "status", "paused");
    get("queue/status", "download_id", "a", "status", "downloading");

    JsonPath queue = get("queue");
    assertThat(queue.getList("queue.status")).containsExactly("downloading");
    assertThat(queue.getList("queue.started_at")).containsExactly(started);
    assertThat(started).isInstanceOf(Number.class);
    assertThat(get("stats").getMap("stats")).containsEntry("downloading", 1);
  }

  @Test
  void completingMovesTheRowIntoHistory() {
    add("a", 1, "{\"id\": 11}");

    JsonPath done =
        get(
            "queue/complete",
            "download_id",
            "a",
            "status",
            "failed",
            "error",
            "Network error after 6 attempts: timed out",
            "bytes_downloaded",
            "5000000000",
            "total_bytes",
            "6000000000");

    assertThat(done.getString("item.download_id")).isEqualTo("a");
    assertThat(queueIds()).isEmpty();
    JsonPath history = get("history");
    assertThat(history.getInt("total")).isEqualTo(1);
    assertThat(history.getInt("limit")).isEqualTo(50);
    assertThat(history.getInt("offset")).isZero();
    Map<String, Object> row = history.getMap("items[0]");
    assertThat(row)
        .containsEntry("download_id", "a")
        .containsEntry("status", "failed")
        .containsEntry("error", "Network error after 6 attempts: timed out")
        .containsEntry("bytes_downloaded", 5000000000L)
        .containsEntry("total_bytes", 6000000000L)
        .containsEntry("file_params", "{\"id\":11}")
        .containsEntry("is_already_exists", 0);
    assertThat(add("a", 1, null).getMap("item")).as("a finished id is not queued again").isEmpty();
  }

  @Test
  void historyPagesNewestFirstAndFiltersByStatus() {
    for (int i = 1; i <= 4; i++) {
      add("h" + i, i, null);
      get(
          "queue/complete",
          "download_id",
          "h" + i,
          "status",
          i % 2 == 0 ? "completed" : "canceled",
          "completed_at",
          String.valueOf(1000 + i));
    }

    JsonPath page = get("history", "limit", 2, "offset", 1);
    assertThat(page.getList("items.download_id")).containsExactly("h3", "h2");
    assertThat(page.getInt("total")).isEqualTo(4);
    assertThat(get("history", "status", "canceled").getList("items.download_id"))
        .containsExactly("h3", "h1");
    assertThat(get("history", "limit", 9999).getInt("limit")).isEqualTo(500);
    assertThat(get("stats").getMap("stats"))
        .containsEntry("completed", 2)
        .containsEntry("canceled", 2);
  }

  @Test
  void retryRequeuesAFailedDownloadUnderANewIdWithItsFileChoice() {
    add("f", 7, "{\"id\": 70}");
    get("queue/complete", "download_id", "f", "status", "failed");

    JsonPath retried = get("history/retry", "download_id", "f");

    String newId = retried.getString("item.download_id");
    assertThat(newId).isNotEqualTo("f").hasSize(36);
    assertThat(retried.getString("item.source")).isEqualTo("retry");
    assertThat(retried.getString("item.file_params")).isEqualTo("{\"id\":70}");
    assertThat(queueIds()).containsExactly(newId);
    assertThat(get("history").getInt("total")).isZero();
  }

  @Test
  void completedDownloadsAreNotRetryable() {
    add("ok", 8, null);
    get("queue/complete", "download_id", "ok");

    given()
        .queryParam("download_id", "ok")
        .get("/api/lm/downloads/history/retry")
        .then()
        .statusCode(404)
        .body("success", equalTo(false))
        .body("error", equalTo("History item not found or not retryable"));
  }

  @Test
  void retryAllRequeuesFailedAndCanceled() {
    add("x", 1, null);
    add("y", 2, null);
    add("z", 3, null);
    get("queue/complete", "download_id", "x", "status", "failed");
    get("queue/complete", "download_id", "y", "status", "canceled");
    get("queue/complete", "download_id", "z");

    assertThat(get("history/retry-all").getInt("retry_count")).isEqualTo(2);
    assertThat(get("queue").getList("queue.source")).containsExactly("retry", "retry");
    assertThat(get("history").getList("items.download_id")).containsExactly("z");
  }

  @Test
  void historyRowsAreDeletedByDownloadIdOrRowId() {
    add("x", 1, null);
    add("y", 2, null);
    get("queue/complete", "download_id", "x");
    get("queue/complete", "download_id", "y");
    int rowId =
        get("history", "status", "completed").getInt("items.find { it.download_id == 'y' }.id");

    assertThat(get("history/delete", "download_id", "x").getBoolean("success")).isTrue();
    assertThat(get("history/delete", "id", rowId).getBoolean("success")).isTrue();
    assertThat(get("history/delete", "id", rowId).getBoolean("success")).isFalse();
    assertThat(get("history").getInt("total")).isZero();
  }

  @Test
  void clearingRemovesRowsOfOneStatusOrAll() {
    add("a", 1, null);
    add("b", 2, null);
    get("queue/status", "download_id", "b", "status", "paused");

    assertThat(get("queue/clear", "status", "paused").getInt("cleared")).isEqualTo(1);
    assertThat(queueIds()).containsExactly("a");
    get("queue/complete", "download_id", "a");
    assertThat(get("history/clear").getInt("cleared")).isEqualTo(1);
    assertThat(get("queue/clear").getInt("cleared")).isZero();
  }

  @Test
  void removeDeletesOneQueueRow() {
    add("a", 1, null);

    assertThat(get("queue/remove", "download_id", "a").getBoolean("success")).isTrue();
    assertThat(get("queue/remove", "download_id", "a").getBoolean("success")).isFalse();
    assertThat(queueIds()).isEmpty();
  }

  @Test
  void missingOrInvalidParametersAre400WithAMessage() {
    expectError("queue/remove", Map.of(), 400, "download_id is required");
    expectError("queue/move-to-top", Map.of("download_id", " "), 400, "download_id is required");
    expectError(
        "queue/status", Map.of("download_id", "a"), 400, "download_id and status are required");
    expectError(
        "queue/status",
        Map.of("download_id", "a", "status", "completed"),
        400,
        "Invalid status: 'completed' (one of downloading, paused, queued)");
    expectError(
        "queue/complete",
        Map.of("download_id", "a", "status", "done"),
        400,
        "Invalid status: 'done' (one of canceled, completed, failed)");
    expectError(
        "queue/add", Map.of("model_id", "abc"), 400, "Invalid model_id: Must be an integer");
    expectError(
        "queue/add", Map.of("file_params", "[1]"), 400, "file_params must be a JSON object");
    expectError(
        "queue/add", Map.of("file_params", "{oops"), 400, "file_params must be a JSON object");
    expectError("history/delete", Map.of(), 400, "id or download_id is required");
    expectError("history/retry", Map.of("id", "x"), 400, "Invalid id: Must be an integer");
    expectError("history", Map.of("limit", "0"), 400, "Invalid limit: must be at least 1");
    assertThat(queueIds()).isEmpty();
  }

  @Test
  void unknownIdsAre404() {
    expectError(
        "queue/status",
        Map.of("download_id", "nope", "status", "paused"),
        404,
        "Download not found in queue");
    expectError(
        "queue/complete", Map.of("download_id", "nope"), 404, "Download not found in queue");
    expectError(
        "history/retry", Map.of("id", "999999"), 404, "History item not found or not retryable");
  }

  @Test
  void addWithoutAnIdGeneratesOne() {
    JsonPath added =
        given().get("/api/lm/downloads/queue/add").then().statusCode(200).extract().jsonPath();

    assertThat(added.getString("item.download_id")).hasSize(36);
    assertThat(added.getString("item.model_name")).isEmpty();
    assertThat(added.get("item.model_id") == null).isTrue();
    given()
        .get("/api/lm/downloads/queue")
        .then()
        .body("queue", hasSize(1))
        .body("queue[0].source", nullValue());
  }

  private static void expectError(
      String path, Map<String, String> params, int status, String error) {
    given()
        .queryParams(params)
        .get("/api/lm/downloads/" + path)
        .then()
        .statusCode(status)
        .body("success", equalTo(false))
        .body("error", equalTo(error));
  }
}
