package io.loramanager.download;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.testsupport.CdnStub;
import io.loramanager.testsupport.CivitaiFixtures;
import io.loramanager.testsupport.CivitaiStub;
import io.loramanager.testsupport.LibraryFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A download cut off by a crash leaves a queue row that says where it saves, and the drainer
 * resumes it there from its {@code .part}. The crash itself is played by the black-box {@code
 * DownloadRestartIT}; here the row and the {@code .part} a crash leaves are made by hand.
 */
@QuarkusTest
class DownloadCrashResumeFlowTest {

  private static final AtomicLong VERSIONS = new AtomicLong(830_000);

  @CivitaiStub WireMockServer civitai;
  @CdnStub WireMockServer cdn;

  @Inject QueueDrainer drainer;
  @Inject DownloadQueueStore queue;

  private LibraryFixture library;
  private VersionDownloads downloads;
  private byte[] content;

  @BeforeEach
  void reset() {
    downloads = VersionDownloads.freshStart(civitai, cdn, VERSIONS.incrementAndGet());
    library = downloads.library();
    content = downloads.content(200_000);
    com.fasterxml.jackson.databind.node.ObjectNode version = downloads.version(content);
    version.putArray("images");
    downloads.stubVersion(version);
  }

  private String filePath() {
    return "/files/" + downloads.versionId() + ".bin";
  }

  @Test
  void downloadModelWritesADownloadingQueueRowWithItsTargetBeforeTheTransferEnds() {
    downloads.stubSlowFile(content);
    String root = library.loras().toString();

    given()
        .contentType(io.restassured.http.ContentType.JSON)
        .body(
            java.util.Map.of(
                "model_version_id",
                downloads.versionId(),
                "model_root",
                root,
                "relative_path",
                "custom/dir",
                "download_id",
                "crash-row"))
        .post("/api/lm/download-model?wait=false")
        .then()
        .statusCode(200);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "downloading".equals(DownloadScenario.queueStatuses().get("crash-row")));
    assertThat(queue.target("crash-row"))
        .contains(new DownloadQueueStore.Target(root, "custom/dir"));
    given().get("/api/lm/cancel-download-get?download_id=crash-row").then().statusCode(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "canceled".equals(DownloadScenario.historyStatus("crash-row")));
    assertThat(DownloadScenario.queueStatuses()).isEmpty();
  }

  @Test
  void aRowCutOffMidDownloadResumesIntoItsOwnFolderFromThePart() {
    Path target = library.loras().resolve("custom/dir/ink_v2.safetensors");
    int half = content.length / 2;
    LibraryFixture.write(
        target.resolveSibling("ink_v2.safetensors.part"), Arrays.copyOf(content, half));
    downloads.stubFile(content);
    DownloadScenario.stubRangeFrom(cdn, filePath(), content, half);
    // What a crash mid-transfer leaves: the row still downloading, with the folder it chose.
    queue.begin(
        new DownloadQueueStore.NewItem(
            "crash-cut",
            CivitaiFixtures.MODEL_ID,
            downloads.versionId(),
            null,
            null,
            null,
            "download",
            null),
        new DownloadQueueStore.Target(library.loras().toString(), "custom/dir"));
    queue.updateStatus("crash-cut", "downloading", DownloadQueueStore.Progress.NONE);

    assertThat(drainer.drain()).isEqualTo(1);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "completed".equals(DownloadScenario.historyStatus("crash-cut")));
    assertThat(LibraryFixture.read(target)).isEqualTo(content);
    assertThat(target.resolveSibling("ink_v2.safetensors.part")).doesNotExist();
    cdn.verify(
        1,
        getRequestedFor(urlPathEqualTo(filePath()))
            .withHeader("Range", equalTo("bytes=" + half + "-")));
    assertThat(VersionDownloads.history().getString("items[0].file_path"))
        .isEqualTo(LibraryFixture.slashes(target));
  }
}
