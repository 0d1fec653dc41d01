package io.loramanager.library.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.loramanager.library.examples.ExampleImagesFixture.ROOT;
import static io.loramanager.library.examples.ExampleImagesFixture.awaitFinished;
import static io.loramanager.library.examples.ExampleImagesFixture.errorOf;
import static io.loramanager.library.examples.ExampleImagesFixture.hash;
import static io.loramanager.library.examples.ExampleImagesFixture.names;
import static io.loramanager.library.examples.ExampleImagesFixture.startRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/**
 * One run meets every fault at once; each is recorded against its model and the run carries on with
 * the next: a folder it cannot create, a stalled CDN, a body that is no image, a 404 and a CDN that
 * keeps answering 429.
 */
@QuarkusTest
class ExampleImagesFaultsTest extends WithExampleImagesFolder {

  private Path lora(String name, String imagePath) {
    return ExampleImagesFixture.lora(library, name, cdnUrl(imagePath));
  }

  @Test
  void everyFaultIsRecordedAndTheRunCarriesOn() throws Exception {
    String blocked = hash(lora("a_blocked", "/blocked.png"));
    String stalled = hash(lora("b_stalled", "/stall.png"));
    String html = hash(lora("c_html", "/page.jpg"));
    String good = hash(lora("d_good", "/good.png"));
    Path gone = lora("e_gone", "/gone.png");
    String goneHash = hash(gone);
    String busy = hash(lora("f_busy", "/busy.png"));
    TestLibrary.scan("loras");
    // The model's folder path is a regular file: creating the folder fails, even as root.
    Files.writeString(ROOT.resolve(blocked), "in the way");
    cdn.stubFor(get("/blocked.png").willReturn(aResponse().withBody(LibraryFixture.PNG)));
    cdn.stubFor(
        get("/stall.png")
            .willReturn(aResponse().withBody(LibraryFixture.PNG).withFixedDelay(6_000)));
    cdn.stubFor(
        get("/page.jpg")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "image/jpeg")
                    .withBody("<html>Not found</html>")));
    cdn.stubFor(get("/good.png").willReturn(aResponse().withBody(LibraryFixture.PNG)));
    cdn.stubFor(get("/gone.png").willReturn(aResponse().withStatus(404)));
    cdn.stubFor(get("/busy.png").willReturn(aResponse().withStatus(429)));

    startRun();
    JsonPath done = awaitFinished();

    assertThat(done.getString("status.status")).isEqualTo("completed");
    assertThat(done.getInt("status.completed")).isEqualTo(6);
    assertThat(done.getList("status.errors", String.class))
        .containsExactly(
            errorOf("a_blocked", blocked)
                + "Cannot create the example images folder "
                + ROOT.resolve(blocked)
                + ": "
                + ROOT.resolve(blocked)
                + " exists and is not a folder",
            errorOf("b_stalled", stalled)
                + "image 0: Fetching "
                + cdnUrl("/stall.png")
                + " timed out after 3000 ms",
            errorOf("c_html", html)
                + "image 0: "
                + cdnUrl("/page.jpg")
                + " is not an image or video");
    assertThat(done.getList("status.failed_models", String.class))
        .containsExactly(blocked, stalled, html, goneHash);
    assertThat(done.getList("status.processed_models", String.class))
        .containsExactly(good, goneHash);
    assertThat(done.getList("status.refreshed_models", String.class)).containsExactly(goneHash);
    assertThat(done.getList("status.rate_limited_models", String.class)).containsExactly(busy);

    assertThat(Files.readString(ROOT.resolve(blocked))).isEqualTo("in the way");
    cdn.verify(0, getRequestedFor(urlEqualTo("/blocked.png")));
    assertThat(names(ROOT.resolve(stalled))).isEmpty();
    assertThat(names(ROOT.resolve(html))).isEmpty();
    assertThat(names(ROOT.resolve(good))).containsExactly("image_0.png");
    assertThat(names(ROOT.resolve(goneHash))).isEmpty();
    assertThat(names(ROOT.resolve(busy))).isEmpty();
    // One try and three retries, then the model waits for the next run.
    cdn.verify(4, getRequestedFor(urlEqualTo("/busy.png")));

    JsonNode image =
        LibraryFixture.readJson(LibraryFixture.sidecarOf(gone)).at("/civitai/images/0");
    assertThat(image.toString())
        .isEqualTo(
            "{\"url\":\""
                + cdnUrl("/gone.png")
                + "\",\"type\":\"image\",\"nsfwLevel\":1,"
                + "\"downloadFailed\":true,\"downloadError\":\"not_found\"}");

    JsonNode progress = LibraryFixture.readJson(ROOT.resolve(".download_progress.json"));
    assertThat(progress.get("failed_models").toString())
        .isEqualTo(
            "[\"" + blocked + "\",\"" + stalled + "\",\"" + html + "\",\"" + goneHash + "\"]");
    assertThat(progress.get("rate_limited_models").toString()).isEqualTo("[\"" + busy + "\"]");
  }

  @Test
  void aFullDiskFailsTheModelWithTheReasonLeavesNoHalfFileAndTheRunCarriesOn() throws Exception {
    Path devFull = Path.of("/dev/full");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isWritable(devFull), "/dev/full is needed to provoke ENOSPC");
    String full = hash(lora("a_full", "/full.png"));
    String good = hash(lora("b_good", "/good.png"));
    TestLibrary.scan("loras");
    // The image is streamed into the hidden .image_0.part: as a link to /dev/full every write
    // fails with ENOSPC, as on a full disk.
    Path part = Files.createDirectories(ROOT.resolve(full)).resolve(".image_0.part");
    Files.createSymbolicLink(part, devFull);
    cdn.stubFor(get("/full.png").willReturn(aResponse().withBody(LibraryFixture.PNG)));
    cdn.stubFor(get("/good.png").willReturn(aResponse().withBody(LibraryFixture.PNG)));

    startRun();
    JsonPath done = awaitFinished();

    assertThat(done.getString("status.status")).isEqualTo("completed");
    assertThat(done.getInt("status.completed")).isEqualTo(2);
    String error =
        errorOf("a_full", full) + "image 0: Cannot write " + part + ": No space left on device";
    assertThat(done.getList("status.errors", String.class)).containsExactly(error);
    assertThat(done.getString("status.last_error")).isEqualTo(error);
    assertThat(done.getList("status.failed_models", String.class)).containsExactly(full);
    assertThat(done.getList("status.processed_models", String.class)).containsExactly(good);
    // No half-written file, visible or hidden; the next model got its image.
    assertThat(names(ROOT.resolve(full))).isEmpty();
    assertThat(names(ROOT.resolve(good))).containsExactly("image_0.png");
    assertThat(Files.readAllBytes(ROOT.resolve(good).resolve("image_0.png")))
        .isEqualTo(LibraryFixture.PNG);
    JsonNode progress = LibraryFixture.readJson(ROOT.resolve(".download_progress.json"));
    assertThat(progress.get("failed_models").toString()).isEqualTo("[\"" + full + "\"]");
    assertThat(progress.get("processed_models").toString()).isEqualTo("[\"" + good + "\"]");
  }

  /** A true EACCES: root writes into any folder, so this runs only as another user. */
  @Test
  void aReadOnlyModelFolderFailsTheModelWithPermissionDeniedAndTheRunCarriesOn() throws Exception {
    assumeFalse("root".equals(System.getProperty("user.name")), "root ignores folder permissions");
    String locked = hash(lora("a_locked", "/locked.png"));
    String good = hash(lora("b_good", "/good.png"));
    TestLibrary.scan("loras");
    Path folder = Files.createDirectories(ROOT.resolve(locked));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-x------"));
    cdn.stubFor(get("/locked.png").willReturn(aResponse().withBody(LibraryFixture.PNG)));
    cdn.stubFor(get("/good.png").willReturn(aResponse().withBody(LibraryFixture.PNG)));
    try {
      startRun();
      JsonPath done = awaitFinished();

      Path part = folder.resolve(".image_0.part");
      assertThat(done.getString("status.status")).isEqualTo("completed");
      assertThat(done.getList("status.errors", String.class))
          .containsExactly(
              errorOf("a_locked", locked)
                  + "image 0: Cannot write "
                  + part
                  + ": Permission denied ("
                  + part
                  + ")");
      assertThat(done.getList("status.failed_models", String.class)).containsExactly(locked);
      assertThat(done.getList("status.processed_models", String.class)).containsExactly(good);
      assertThat(names(folder)).isEmpty();
      assertThat(names(ROOT.resolve(good))).containsExactly("image_0.png");
    } finally {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    }
  }
}
