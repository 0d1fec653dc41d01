package io.loramanager.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.testsupport.AppOverFolders;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.PackagedApp;
import io.loramanager.testsupport.StallingModelHost;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download survives a crash, seen from outside: the packaged application is killed (SIGKILL)
 * while the file host holds the body half sent, started again over the same folders, and its queue
 * drainer finishes the download from the {@code .part} by a Range request.
 */
class DownloadRestartIT {

  private static final long VERSION = 4_242_001;
  private static final String FILE = "restart.safetensors";

  /** Three whole 256 KiB blocks of the engine, so all of them are on disk when the body stalls. */
  private static final int CUT = 3 * 256 * 1024;

  @TempDir Path dir;

  private AppOverFolders runs;
  private LibraryFixture library;
  private PackagedApp app;

  @BeforeEach
  void folders() {
    runs = new AppOverFolders(dir);
    library = runs.library();
  }

  @AfterEach
  void stopApp() {
    runs.close();
  }

  private PackagedApp start(StallingModelHost host) {
    return runs.start(
        Map.of("LM_CIVITAI_API_URL", host.apiUrl(), "LM_DOWNLOAD_HOSTS", "127.0.0.1"));
  }

  @Test
  void aDownloadKilledMidBodyIsFinishedAfterTheRestartFromItsPartByRange() {
    byte[] content = new byte[CUT + 300_000];
    new Random(VERSION).nextBytes(content);
    Path target = library.loras().resolve("kept/here/" + FILE);
    Path part = target.resolveSibling(FILE + ".part");
    try (StallingModelHost host = new StallingModelHost(VERSION, FILE, content, CUT)) {
      app = start(host);
      app.http()
          .contentType(ContentType.JSON)
          .body(
              Map.of(
                  "model_version_id",
                  VERSION,
                  "model_root",
                  library.loras().toString(),
                  "relative_path",
                  "kept/here",
                  "download_id",
                  "restart-1"))
          .post("/api/lm/download-model?wait=false")
          .then()
          .statusCode(200);
      await().atMost(Duration.ofSeconds(10)).until(() -> size(part) == CUT);

      runs.kill();
      app = start(host);

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> "completed".equals(history().getString("items[0].status")));
      assertThat(host.ranges()).containsExactly("", "bytes=" + CUT + "-");
    }
    assertThat(part).doesNotExist();
    String sha256 = LibraryFixture.sha256(LibraryFixture.read(target));
    assertThat(sha256).isEqualTo(LibraryFixture.sha256(content));
    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(target));
    assertThat(sidecar.get("sha256").asText()).isEqualTo(sha256);
    assertThat(sidecar.get("size").asLong()).isEqualTo(content.length);
    assertThat(sidecar.get("file_path").asText()).isEqualTo(LibraryFixture.slashes(target));
    JsonPath history = history();
    assertThat(history.getInt("total")).isEqualTo(1);
    assertThat(history.getString("items[0].download_id")).isEqualTo("restart-1");
    assertThat(history.getString("items[0].file_path")).isEqualTo(LibraryFixture.slashes(target));
    assertThat(history.getLong("items[0].bytes_downloaded")).isEqualTo(content.length);
    assertThat(history.getLong("items[0].model_version_id")).isEqualTo(VERSION);
    app.http().get("/api/lm/downloads/queue").then().body("queue", org.hamcrest.Matchers.empty());
  }

  private JsonPath history() {
    return app.http().get("/api/lm/downloads/history").then().statusCode(200).extract().jsonPath();
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }
}
