package io.loramanager.testsupport;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Requests and disk reads the flow tests share. */
public final class LibraryRequests {

  private LibraryRequests() {}

  /** POSTs {@code body} as JSON. */
  public static Response post(String path, Object body) {
    return given().contentType(ContentType.JSON).body(body).post(path);
  }

  /** The {@code file_path} of every item on the first page of {@code /api/lm/<type>/list}. */
  public static List<String> listed(String type) {
    return given()
        .get("/api/lm/" + type + "/list")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.file_path");
  }

  /** The sorted file names in a folder. */
  public static List<String> namesIn(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
