package io.loramanager.library.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.loramanager.library.examples.ExampleImagesFixture.ROOT;
import static io.loramanager.library.examples.ExampleImagesFixture.awaitFinished;
import static io.loramanager.library.examples.ExampleImagesFixture.hash;
import static io.loramanager.library.examples.ExampleImagesFixture.lora;
import static io.loramanager.library.examples.ExampleImagesFixture.names;
import static io.loramanager.library.examples.ExampleImagesFixture.startRun;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.loramanager.testsupport.WebSocketRecorder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run whose progress file cannot be written stops in {@code error}: going on would fetch images
 * whose record (processed, failed, rate-limited) is lost without anyone seeing it.
 */
@QuarkusTest
class ExampleImagesRunErrorTest extends WithExampleImagesFolder {

  @TestHTTPResource("/")
  URI base;

  private static boolean isRunFrame(JsonNode frame) {
    return frame.path("type").asText().equals("example_images_progress");
  }

  @Test
  void anUnwritableProgressFileEndsTheRunInErrorAfterTheModelInFlight() throws Exception {
    String first = hash(lora(library, "a_first", cdnUrl("/first.png")));
    lora(library, "b_second", cdnUrl("/second.png"));
    TestLibrary.scan("loras");
    // A folder (not empty, so no rename can replace it) stands where the progress file goes.
    Path progress = ROOT.resolve(".download_progress.json");
    Files.writeString(Files.createDirectories(progress).resolve("keep"), "kept");
    cdn.stubFor(get("/first.png").willReturn(aResponse().withBody(LibraryFixture.PNG)));
    cdn.stubFor(get("/second.png").willReturn(aResponse().withBody(LibraryFixture.PNG)));
    String error =
        "Error during example images download: Cannot save the progress file "
            + progress
            + ": Is a directory";

    try (WebSocketRecorder socket = WebSocketRecorder.connect(base, "/ws/fetch-progress")) {
      startRun();
      JsonPath done = awaitFinished();

      assertThat(done.getString("status.status")).isEqualTo("error");
      assertThat(done.getInt("status.total")).isEqualTo(2);
      assertThat(done.getInt("status.completed")).isEqualTo(1);
      assertThat(done.getList("status.errors", String.class)).containsExactly(error);
      assertThat(done.getString("status.last_error")).isEqualTo(error);
      assertThat(done.getList("status.processed_models", String.class)).containsExactly(first);
      assertThat(done.getString("status.end_time")).isNotNull();

      JsonNode failed =
          socket.awaitFrame(f -> isRunFrame(f) && f.path("status").asText().equals("error"));
      String label = "a_first (" + first.substring(0, 8) + ")";
      assertThat(failed.toString())
          .isEqualTo(
              "{\"type\":\"example_images_progress\",\"processed\":1,\"total\":2,"
                  + "\"status\":\"error\",\"current_model\":\""
                  + label
                  + "\",\"errors\":[\""
                  + error
                  + "\"],\"last_error\":\""
                  + error
                  + "\",\"error\":\""
                  + error
                  + "\"}");
      List<JsonNode> frames = socket.framesMatching(ExampleImagesRunErrorTest::isRunFrame);
      assertThat(frames.get(frames.size() - 1)).isEqualTo(failed);
    }
    // The model in flight kept its image; the next one was never fetched; no temp file is left.
    assertThat(names(ROOT.resolve(first))).containsExactly("image_0.png");
    cdn.verify(0, getRequestedFor(urlEqualTo("/second.png")));
    assertThat(names(ROOT)).containsExactly(".download_progress.json", first);
    assertThat(names(progress)).containsExactly("keep");
  }
}
