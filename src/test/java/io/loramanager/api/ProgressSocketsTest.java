package io.loramanager.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.loramanager.testsupport.WebSocketRecorder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
public class ProgressSocketsTest {

  @TestHTTPResource("/")
  URI base;

  private LibraryFixture library;

  @BeforeEach
  void freshLibrary() {
    library = TestLibrary.fresh();
  }

  @Test
  void scanThatChangesTheSetBroadcastsModelsChanged() {
    try (WebSocketRecorder bus = WebSocketRecorder.connect(base, "/ws/fetch-progress")) {
      library.model(library.loras(), "new.safetensors");
      TestLibrary.scan("loras");

      JsonNode frame = bus.awaitFrame(f -> "models_changed".equals(f.path("type").asText()));

      assertThat(frame.toString()).isEqualTo("{\"type\":\"models_changed\"}");
    }
  }

  @Test
  void scanThatChangesNothingBroadcastsNothing() {
    try (WebSocketRecorder bus = WebSocketRecorder.connect(base, "/ws/fetch-progress")) {
      TestLibrary.scan("loras");
      // A later change proves the socket was live; only that one frame may have arrived.
      library.model(library.loras(), "later.safetensors");
      TestLibrary.scan("loras");
      bus.awaitFrame(f -> "models_changed".equals(f.path("type").asText()));

      assertThat(bus.frames()).hasSize(1);
    }
  }

  @Test
  void initProgressStreamsScanStagesAndReplaysTheLastFrame() {
    try (WebSocketRecorder init = WebSocketRecorder.connect(base, "/ws/init-progress")) {
      init.awaitFrame(f -> f.has("stage"));
      int before = init.frames().size();
      library.model(library.embeddings(), "e.pt");
      TestLibrary.scan("embeddings");

      JsonNode last =
          init.awaitFrame(
              f ->
                  "complete".equals(f.path("status").asText())
                      && "embedding".equals(f.path("scanner_type").asText())
                      && f.path("details").asText().endsWith(": 1 models"));

      List<JsonNode> live = init.frames().subList(before, init.frames().size());
      assertThat(live)
          .extracting(f -> f.path("stage").asText())
          .containsSubsequence("scan_folders", "finalizing");
      assertThat(last.path("progress").asInt()).isEqualTo(100);
      assertThat(last.path("pageType").asText()).isEqualTo("embeddings");
      assertThat(last.path("details").asText()).isEqualTo("Embedding scan completed: 1 models");
    }
    try (WebSocketRecorder late = WebSocketRecorder.connect(base, "/ws/init-progress")) {
      JsonNode replayed = late.awaitFrame(f -> "embedding".equals(f.path("scanner_type").asText()));
      assertThat(replayed.path("status").asText()).isEqualTo("complete");
      assertThat(replayed.path("details").asText()).isEqualTo("Embedding scan completed: 1 models");
    }
  }
}
