package io.loramanager.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Exact checks of the API's JSON bodies shared by the component tests. */
public final class ApiAssertions {

  private ApiAssertions() {}

  /** The response is exactly {@code {"success": false, "error": message}} with this status. */
  public static void assertError(Response response, int status, String message) {
    response
        .then()
        .statusCode(status)
        .contentType("application/json")
        .body("size()", equalTo(2))
        .body("success", equalTo(false))
        .body("error", equalTo(message));
  }

  /** A map from alternating keys and values that, unlike {@link Map#of}, allows nulls. */
  public static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** The whole JSON object body as a map, for exact comparison with {@link #map}. */
  public static Map<String, Object> bodyOf(Response response, int status) {
    return response
        .then()
        .statusCode(status)
        .contentType("application/json")
        .extract()
        .jsonPath()
        .getMap("");
  }

  /**
   * GETs {@code path}, expects 200 with {@code success: true}, returns the list at {@code field}.
   */
  public static List<Object> successList(String path, String field) {
    return given()
        .get(path)
        .then()
        .statusCode(200)
        .contentType("application/json")
        .body("success", equalTo(true))
        .extract()
        .jsonPath()
        .getList(field);
  }
}
