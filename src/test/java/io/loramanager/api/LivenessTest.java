package io.loramanager.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Liveness answers UP whatever the catalogue is doing: no check can hold it down. */
@QuarkusTest
class LivenessTest {

  @Test
  void livenessIsUpWithNoChecks() {
    given()
        .get("/q/health/live")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks", empty());
  }
}
