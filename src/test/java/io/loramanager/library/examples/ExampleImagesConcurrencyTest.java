package io.loramanager.library.examples;

import static io.loramanager.library.examples.ExampleImagesFixture.ROOT;
import static io.loramanager.library.examples.ExampleImagesFixture.awaitFinished;
import static io.loramanager.library.examples.ExampleImagesFixture.hash;
import static io.loramanager.library.examples.ExampleImagesFixture.lora;
import static io.loramanager.library.examples.ExampleImagesFixture.names;
import static io.loramanager.library.examples.ExampleImagesFixture.startRun;
import static org.assertj.core.api.Assertions.assertThat;

import io.loramanager.settings.LmConfig;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@code lm.examples.concurrency} bounds how many images of one model are fetched at once. */
@QuarkusTest
class ExampleImagesConcurrencyTest extends WithExampleImagesFolder {

  private static final int IMAGES = 5;

  @Inject LmConfig config;

  @Test
  void noMoreImagesThanTheBoundAreFetchedAtOnceAndEveryOneLands() {
    int bound = config.examples().concurrency();
    assertThat(bound).isLessThan(IMAGES);
    try (InFlightImageServer host =
        new InFlightImageServer(LibraryFixture.PNG, bound, Duration.ofMillis(500))) {
      String[] urls =
          IntStream.range(0, IMAGES)
              .mapToObj(i -> host.url("/" + i + ".png"))
              .toArray(String[]::new);
      String model = hash(lora(library, "many", urls));
      TestLibrary.scan("loras");

      startRun();
      JsonPath done = awaitFinished();

      assertThat(done.getString("status.status")).isEqualTo("completed");
      assertThat(done.getList("status.errors")).isEmpty();
      assertThat(done.getList("status.processed_models", String.class)).containsExactly(model);
      assertThat(host.peak()).isEqualTo(bound);
      assertThat(names(ROOT.resolve(model)))
          .containsExactly(
              "image_0.png", "image_1.png", "image_2.png", "image_3.png", "image_4.png");
    }
  }
}
