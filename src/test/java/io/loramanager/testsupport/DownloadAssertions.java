package io.loramanager.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the download flow tests check where a download ended: its socket frames in order, the files
 * it left (the model, its {@code .part}, sidecar), the catalogue and its history row.
 */
public final class DownloadAssertions {

  private DownloadAssertions() {}

  /**
   * The frames without the greeting and with the transfer frames (those with byte counts) folded
   * into one {@code transfer}: e.g. {@code waiting 0, downloading 0, progress 0, transfer, progress
   * 100, completed 100}. A paused frame right after a paused frame is folded into it: the engine's
   * exact-count report once it stops reading comes just before or after the manager's.
   */
  public static List<String> steps(List<JsonNode> frames) {
    List<String> steps = new ArrayList<>();
    for (JsonNode frame : frames) {
      if (frame.has("type")) {
        continue;
      }
      String status = frame.path("status").asText();
      String step =
          "progress".equals(status) && frame.has("bytes_downloaded")
              ? "transfer"
              : status + " " + frame.path("progress").asInt();
      String previous = steps.isEmpty() ? "" : steps.get(steps.size() - 1);
      boolean repeated = step.equals("transfer") && previous.equals("transfer");
      boolean pausedAgain = step.startsWith("paused") && previous.startsWith("paused");
      if (!repeated && !pausedAgain) {
        steps.add(step);
      }
    }
    return steps;
  }

  /** The last frame, exactly. */
  public static void assertLastFrame(List<JsonNode> frames, String json) {
    assertThat(frames.get(frames.size() - 1).toString()).isEqualTo(json);
  }

  /**
   * A completed download: {@code file} holds {@code content} with no {@code .part} beside it, its
   * sidecar names it with its SHA-256 and size, the {@code type} catalogue lists it, and the
   * history row of {@code id} is {@code completed} with the file and its size.
   */
  public static void assertCompleted(String id, String type, Path file, byte[] content) {
    String path = LibraryFixture.slashes(file);
    assertThat(LibraryFixture.read(file)).isEqualTo(content);
    assertThat(partOf(file)).doesNotExist();
    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(file));
    assertThat(sidecar.get("file_path").asText()).isEqualTo(path);
    assertThat(sidecar.get("sha256").asText()).isEqualTo(LibraryFixture.sha256(content));
    assertThat(sidecar.get("size").asLong()).isEqualTo(content.length);
    assertThat(LibraryRequests.listed(type)).contains(path);
    Map<String, Object> row = historyRow(id, "completed");
    assertThat(row.get("file_path")).isEqualTo(path);
    assertThat(((Number) row.get("bytes_downloaded")).longValue()).isEqualTo(content.length);
    assertThat(row.get("error")).isNull();
  }

  /**
   * A download that ended without a model: no {@code file}, no sidecar, no catalogue entry, its
   * {@code .part} kept ({@code partKept}, not empty) or gone, and the history row of {@code id}
   * with {@code status} and {@code error} (null for none) and no file.
   */
  public static void assertLeftNoModel(
      String id, String type, Path file, boolean partKept, String status, String error) {
    assertThat(file).doesNotExist();
    assertThat(LibraryFixture.sidecarOf(file)).doesNotExist();
    if (partKept) {
      assertThat(LibraryFixture.read(partOf(file))).isNotEmpty();
    } else {
      assertThat(partOf(file)).doesNotExist();
    }
    assertThat(LibraryRequests.listed(type)).doesNotContain(LibraryFixture.slashes(file));
    Map<String, Object> row = historyRow(id, status);
    assertThat(row.get("error")).isEqualTo(error);
    assertThat(row.get("file_path")).isNull();
  }

  /** The files left in {@code dir}, sorted by name (none when it does not exist). */
  public static List<String> filesIn(Path dir) {
    return Files.isDirectory(dir) ? LibraryRequests.namesIn(dir) : List.of();
  }

  private static Path partOf(Path file) {
    return file.resolveSibling(file.getFileName() + ".part");
  }

  /** The history row of {@code id} once it has {@code status} (rows are written as it ends). */
  private static Map<String, Object> historyRow(String id, String status) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> status.equals(history().getString(byId(id) + ".status")));
    return history().getMap(byId(id));
  }

  private static String byId(String id) {
    return "items.find { it.download_id == '" + id + "' }";
  }

  /** The download history, newest first (up to 500 rows). */
  public static JsonPath history() {
    return given()
        .get("/api/lm/downloads/history?limit=500")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
