package io.loramanager.api.access;

import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.loramanager.storage.JsonMapperSettings;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Body limits of the test configuration: 1 MiB for JSON and other bodies, 2 MiB for multipart
 * uploads, checked from the declared length; and the JSON nesting limit. Refused requests change
 * nothing.
 */
@QuarkusTest
class BodyLimitFlowTest {

  private static final int MIB = 1024 * 1024;

  @TestHTTPResource("/")
  URI base;

  private LibraryFixture library;
  private Path model;

  @BeforeEach
  void lora() {
    library = TestLibrary.fresh();
    model = library.modelWithSidecar(library.loras(), "ink.safetensors", s -> s.put("notes", ""));
    TestLibrary.scan("loras");
  }

  /** A save-metadata body of exactly {@code size} bytes whose notes are padding. */
  private byte[] saveMetadataBody(int size) {
    String head = "{\"file_path\":\"" + LibraryFixture.slashes(model) + "\",\"notes\":\"";
    String tail = "\"}";
    char[] padding = new char[size - head.length() - tail.length()];
    Arrays.fill(padding, 'x');
    return (head + new String(padding) + tail).getBytes(StandardCharsets.UTF_8);
  }

  private String notes() {
    return LibraryFixture.readJson(LibraryFixture.sidecarOf(model)).get("notes").asText();
  }

  @Test
  void jsonBodyAtTheLimitIsAccepted() {
    given()
        .contentType("application/json")
        .body(saveMetadataBody(MIB))
        .post("/api/lm/loras/save-metadata")
        .then()
        .statusCode(200);

    String head = "{\"file_path\":\"" + LibraryFixture.slashes(model) + "\",\"notes\":\"";
    assertThat(notes()).hasSize(MIB - head.length() - 2);
  }

  @Test
  void jsonBodyOverTheLimitIs413JsonAndChangesNothing() {
    assertError(
        given()
            .contentType("application/json")
            .body(saveMetadataBody(MIB + 1))
            .post("/api/lm/loras/save-metadata"),
        413,
        "Request body too large: 1048577 bytes (the limit for JSON and other non-multipart"
            + " bodies is 1048576 bytes, LM_LIMITS_JSON_BODY)");

    assertThat(notes()).isEmpty();
  }

  @Test
  void multipartOverItsLimitIs413JsonAndChangesNothing() throws Exception {
    byte[] upload = new byte[2 * MIB];
    System.arraycopy(LibraryFixture.PNG, 0, upload, 0, LibraryFixture.PNG.length);
    byte[] body = multipart(upload);

    HttpResponse<String> response =
        postWithLength(body, "multipart/form-data; boundary=" + BOUNDARY);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(response.body())
        .isEqualTo(
            "{\"success\":false,\"error\":\"Request body too large: "
                + body.length
                + " bytes (the limit for multipart uploads is 2097152 bytes,"
                + " LM_LIMITS_MULTIPART_BODY)\"}");
    assertThat(model.resolveSibling("ink.png")).doesNotExist();
  }

  @Test
  void multipartUnderItsLimitReachesTheEndpoint() throws Exception {
    HttpResponse<String> response =
        postWithLength(multipart(LibraryFixture.PNG), "multipart/form-data; boundary=" + BOUNDARY);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(LibraryFixture.read(model.resolveSibling("ink.png"))).isEqualTo(LibraryFixture.PNG);
  }

  @Test
  void declaredLengthIsRefusedBeforeAnyBodyIsSent() throws Exception {
    // 100 MB declared, nothing sent: the answer must not wait for (or read) the body.
    String head =
        "POST /api/lm/loras/replace-preview HTTP/1.1\r\nHost: localhost\r\n"
            + "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 100000000\r\n\r\n";
    String answer;
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    assertThat(answer).startsWith("HTTP/1.1 413 Request Entity Too Large\r\n");
    assertThat(answer.toLowerCase(java.util.Locale.ROOT))
        .contains("content-type: application/json")
        .contains("connection: close");
    assertThat(answer)
        .endsWith(
            "{\"success\":false,\"error\":\"Request body too large: 100000000 bytes (the limit"
                + " for multipart uploads is 2097152 bytes, LM_LIMITS_MULTIPART_BODY)\"}");
  }

  private static final String BOUNDARY = "limit-test-boundary";

  /** A replace-preview form with a declared length (rest-assured sends multipart chunked). */
  private byte[] multipart(byte[] file) {
    String head =
        "--"
            + BOUNDARY
            + "\r\nContent-Disposition: form-data; name=\"model_path\"\r\n\r\n"
            + LibraryFixture.slashes(model)
            + "\r\n--"
            + BOUNDARY
            + "\r\nContent-Disposition: form-data; name=\"preview_file\"; filename=\"p.png\""
            + "\r\nContent-Type: image/png\r\n\r\n";
    String tail = "\r\n--" + BOUNDARY + "--\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
    byte[] tailBytes = tail.getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[headBytes.length + file.length + tailBytes.length];
    System.arraycopy(headBytes, 0, body, 0, headBytes.length);
    System.arraycopy(file, 0, body, headBytes.length, file.length);
    System.arraycopy(tailBytes, 0, body, headBytes.length + file.length, tailBytes.length);
    return body;
  }

  private HttpResponse<String> postWithLength(byte[] body, String contentType) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/api/lm/loras/replace-preview"))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void jsonNestedDeeperThanTheLimitIs400() {
    int depth = JsonMapperSettings.MAX_NESTING_DEPTH + 1;
    String body =
        "{\"file_path\":\""
            + LibraryFixture.slashes(model)
            + "\",\"notes\":"
            + "[".repeat(depth - 1)
            + "]".repeat(depth - 1)
            + "}";

    var response =
        given().contentType("application/json").body(body).post("/api/lm/loras/save-metadata");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.jsonPath().getBoolean("success")).isFalse();
    assertThat(response.jsonPath().getString("error"))
        .startsWith(
            "Invalid JSON body: Document nesting depth (101) exceeds the maximum allowed"
                + " (100");
    assertThat(notes()).isEmpty();
  }

  @Test
  void jsonNestedToTheLimitIsAccepted() {
    int depth = JsonMapperSettings.MAX_NESTING_DEPTH;
    String body =
        "{\"file_path\":\""
            + LibraryFixture.slashes(model)
            + "\",\"deep\":"
            + "[".repeat(depth - 1)
            + "]".repeat(depth - 1)
            + "}";

    given()
        .contentType("application/json")
        .body(body)
        .post("/api/lm/loras/save-metadata")
        .then()
        .statusCode(200);
  }
}
