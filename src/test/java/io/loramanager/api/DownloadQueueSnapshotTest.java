package io.loramanager.api;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.loramanager.download.DownloadQueueStore;
import io.loramanager.testsupport.JsonSnapshots;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.approvaltests.Approvals;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact JSON of the queue, history and stats answers; times and generated ids scrubbed. */
@QuarkusTest
class DownloadQueueSnapshotTest {

  @Inject DownloadQueueStore store;

  @BeforeEach
  void twoQueuedOneFinished() {
    store.clearQueue(null);
    store.clearHistory(null);
    DownloadQueueFlowTest.add("queued-1", 11, "{\"id\": 110, \"type\": \"Model\"}");
    DownloadQueueFlowTest.add("queued-2", 12, null);
    DownloadQueueFlowTest.add("done-1", 13, null);
    given()
        .queryParam("download_id", "done-1")
        .queryParam("status", "completed")
        .queryParam("file_path", "/models/loras/done.safetensors")
        .queryParam("bytes_downloaded", 1024)
        .queryParam("total_bytes", 1024)
        .queryParam("completed_at", "1700000000.5")
        .get("/api/lm/downloads/queue/complete")
        .then()
        .statusCode(200);
  }

  @Test
  void queueResponse() {
    verify("/api/lm/downloads/queue");
  }

  @Test
  void historyResponse() {
    verify("/api/lm/downloads/history");
  }

  @Test
  void statsResponse() {
    verify("/api/lm/downloads/stats");
  }

  private static void verify(String path) {
    String json = given().get(path).then().statusCode(200).extract().asString();
    String scrubbed = json.replaceAll("\"(added_at|started_at)\":[0-9.Ee+-]+", "\"$1\":\"<time>\"");
    scrubbed = scrubbed.replaceAll("\"id\":[0-9]+", "\"id\":\"<row id>\"");
    try {
      ObjectMapper exact =
          new ObjectMapper()
              .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
              .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
      String pretty =
          exact.writerWithDefaultPrettyPrinter().writeValueAsString(exact.readTree(scrubbed));
      Approvals.verify(pretty, JsonSnapshots.options(TestLibrary.fresh()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
