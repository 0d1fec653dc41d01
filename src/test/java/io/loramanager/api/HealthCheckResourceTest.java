package io.loramanager.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
public class HealthCheckResourceTest {

  @Test
  void healthCheckAnswersOk() {
    given()
        .get("/api/lm/health-check")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .body("status", equalTo("ok"));
  }

  @Test
  void readinessIsUpOnceEveryCatalogueIsLoaded() {
    TestLibrary.awaitReady();
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'catalogue' }.data.loras", equalTo("loaded"))
        .body("checks.find { it.name == 'catalogue' }.data.checkpoints", equalTo("loaded"))
        .body("checks.find { it.name == 'catalogue' }.data.embeddings", equalTo("loaded"));
  }

  @Test
  void unknownApiRouteIsJson404() {
    given()
        .get("/api/lm/loras/no-such-endpoint")
        .then()
        .statusCode(404)
        .contentType("application/json")
        .body("success", equalTo(false))
        .body("error", equalTo("404: Not Found"));
  }

  @Test
  void openApiIsServed() {
    given().get("/q/openapi").then().statusCode(200);
  }
}
