package io.loramanager.api.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CORS for the test configuration's one origin, {@code http://allowed.example}. */
@QuarkusTest
class CorsFilterTest {

  private static final String ALLOWED = "http://allowed.example";

  @BeforeEach
  void ready() {
    TestLibrary.awaitReady();
  }

  @Test
  void preflightOfAnAllowedOriginIsAnsweredWithTheMethodsAndHeaders() {
    given()
        .header("Origin", ALLOWED)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization, content-type")
        .options("/api/lm/loras/delete")
        .then()
        .statusCode(204)
        .header("Access-Control-Allow-Origin", ALLOWED)
        .header("Access-Control-Allow-Methods", CorsFilter.ALLOWED_METHODS)
        .header("Access-Control-Allow-Headers", CorsFilter.ALLOWED_HEADERS)
        .header("Access-Control-Max-Age", "600")
        .header("Access-Control-Allow-Credentials", nullValue())
        .header("Vary", equalTo("Origin"));
  }

  @Test
  void answersToAnAllowedOriginCarryItIncludingErrors() {
    given()
        .header("Origin", ALLOWED)
        .get("/api/lm/health-check")
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", ALLOWED)
        .body("status", equalTo("ok"));
    given()
        .header("Origin", ALLOWED)
        .get("/api/lm/nothing-here/list")
        .then()
        .statusCode(404)
        .header("Access-Control-Allow-Origin", ALLOWED);
  }

  @Test
  void anotherOriginGetsNoCorsHeaders() {
    given()
        .header("Origin", "http://evil.example")
        .get("/api/lm/health-check")
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", nullValue());
    given()
        .header("Origin", "http://evil.example")
        .header("Access-Control-Request-Method", "POST")
        .options("/api/lm/loras/delete")
        .then()
        .header("Access-Control-Allow-Origin", nullValue())
        .header("Access-Control-Allow-Methods", nullValue());
  }

  @Test
  void sameOriginRequestsAreUntouched() {
    given()
        .get("/api/lm/health-check")
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", nullValue());
  }
}
