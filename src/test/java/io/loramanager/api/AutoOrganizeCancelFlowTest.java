package io.loramanager.api;

import static io.loramanager.testsupport.ApiAssertions.bodyOf;
import static io.loramanager.testsupport.ApiAssertions.map;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loramanager.library.CatalogStore;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.library.lifecycle.OrganizeProgressFrame;
import io.loramanager.settings.SettingsStore;
import io.loramanager.testsupport.FrameTrigger;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.LibraryRequests;
import io.loramanager.testsupport.SettingsChanges;
import io.loramanager.testsupport.TestLibrary;
import io.loramanager.testsupport.WebSocketRecorder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Auto-organize while something else happens: a second run is refused with 409, cancel-task stops a
 * run between two models. The other request is sent from the run's own progress frame (a {@link
 * FrameTrigger}), so it lands at an exact point of the run.
 */
@QuarkusTest
class AutoOrganizeCancelFlowTest {

  @Inject SettingsStore settingsStore;

  @TestHTTPResource("/")
  URI base;

  @Inject CatalogStore store;
  @Inject FrameTrigger trigger;

  private LibraryFixture library;

  @BeforeEach
  void library() {
    SettingsChanges.remove(settingsStore);
    library = TestLibrary.fresh();
  }

  @AfterEach
  void disarm() {
    trigger.disarm();
  }

  private static boolean frame(Object payload, String status) {
    return payload instanceof OrganizeProgressFrame frame && status.equals(frame.status());
  }

  private List<Path> unorganized(int count) {
    List<Path> models = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      models.add(
          AutoOrganizeFlowTest.lora(
              library, String.format("inbox/m%03d.safetensors", i), "SD 1.5", "style"));
    }
    return models;
  }

  @Test
  void aSecondRunWhileOneRunsIsRefusedWith409() {
    List<Path> models = unorganized(2);
    TestLibrary.scan("loras");
    AtomicReference<Response> second = new AtomicReference<>();
    trigger.once(
        p -> frame(p, "started"),
        () -> second.set(given().get("/api/lm/checkpoints/auto-organize")));

    Map<String, Object> first = bodyOf(given().get("/api/lm/loras/auto-organize"), 200);

    assertThat(second.get().statusCode()).isEqualTo(409);
    assertThat(second.get().jsonPath().getMap(""))
        .isEqualTo(
            map(
                "success",
                false,
                "error",
                "Auto-organize is already running. Please wait for it to complete."));
    assertThat(first.get("message"))
        .isEqualTo("Auto-organize all completed: 2 moved, 0 skipped, 0 failed out of 2 total");
    assertThat(models).allSatisfy(m -> assertThat(m).doesNotExist());
    given().get("/api/lm/loras/auto-organize").then().statusCode(200);
  }

  @Test
  void cancelTaskStopsARunBetweenTwoModels() {
    List<Path> models = unorganized(60);
    trigger.once(
        p -> frame(p, "processing"),
        () -> given().post("/api/lm/loras/cancel-task").then().statusCode(200));

    Response response;
    List<JsonNode> frames;
    try (WebSocketRecorder bus = AutoOrganizeFlowTest.listening(base)) {
      response = given().get("/api/lm/loras/auto-organize");
      frames =
          AutoOrganizeFlowTest.framesUntilModelsChanged(bus).stream()
              .filter(f -> "auto_organize_progress".equals(f.path("type").asText()))
              .toList();
    }

    Map<String, Object> body = bodyOf(response, 200);
    assertThat(body.get("status")).isEqualTo("cancelled");
    assertThat(body.get("message"))
        .isEqualTo("Auto-organize all cancelled: 50 moved, 0 skipped, 0 failed out of 60 total");
    assertThat(frames)
        .extracting(f -> f.get("status").asText() + ":" + f.path("processed").asInt())
        .containsExactly("started:0", "processing:50", "cleaning:50", "cancelled:50");
    Path target = library.loras().resolve("SD 1.5/style");
    assertThat(LibraryRequests.namesIn(target)).hasSize(100);
    assertThat(models.subList(0, 50)).allSatisfy(m -> assertThat(m).doesNotExist());
    assertThat(models.subList(50, 60)).allSatisfy(m -> assertThat(m).exists());
    assertThat(store.load(ModelType.LORA))
        .extracting(ModelEntry::filePath)
        .filteredOn(p -> p.startsWith(LibraryFixture.slashes(target)))
        .hasSize(50);
  }

  @Test
  void cancelTaskWithNothingRunningIsKeptForNoLaterRun() {
    List<Path> models = unorganized(2);
    TestLibrary.scan("loras");
    given().post("/api/lm/loras/cancel-task").then().statusCode(200);

    Map<String, Object> body = bodyOf(given().get("/api/lm/loras/auto-organize"), 200);

    assertThat(body.get("status")).isEqualTo("success");
    assertThat(models).allSatisfy(m -> assertThat(m).doesNotExist());
  }
}
