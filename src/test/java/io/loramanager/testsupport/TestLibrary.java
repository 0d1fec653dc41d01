package io.loramanager.testsupport;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.time.Duration;

/**
 * The library the {@code @QuarkusTest}s share ({@code lm.models-dir=target/test-library}): each
 * test resets it, builds what it needs with {@link LibraryFixture}, then rescans through HTTP.
 */
public final class TestLibrary {

  private TestLibrary() {}

  /** Waits for readiness, then empties the library and rescans every type. */
  public static LibraryFixture fresh() {
    awaitReady();
    LibraryFixture library = LibraryFixture.testLibrary().reset();
    scanAll();
    return library;
  }

  public static void awaitReady() {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> given().get("/q/health/ready").statusCode() == 200);
  }

  /** Rescans one type through the API and returns the response. */
  public static JsonPath scan(String type) {
    return given().get("/api/lm/" + type + "/scan").then().statusCode(200).extract().jsonPath();
  }

  public static void scanAll() {
    scan("loras");
    scan("checkpoints");
    scan("embeddings");
  }
}
