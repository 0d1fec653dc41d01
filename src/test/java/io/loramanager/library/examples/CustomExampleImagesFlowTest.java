package io.loramanager.library.examples;

import static io.loramanager.library.examples.ExampleImagesFixture.JPEG;
import static io.loramanager.library.examples.ExampleImagesFixture.ROOT;
import static io.loramanager.library.examples.ExampleImagesFixture.WEBM;
import static io.loramanager.library.examples.ExampleImagesFixture.images;
import static io.loramanager.library.examples.ExampleImagesFixture.names;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.settings.SettingsStore;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Importing, deleting and grading custom example images: answers, files and sidecars. */
@QuarkusTest
class CustomExampleImagesFlowTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] PNG = ExampleImagesFixture.png(3, 2);

  @Inject SettingsStore settings;

  @TestHTTPResource("/")
  URI base;

  private LibraryFixture library;
  private Path model;
  private String hash;

  @BeforeEach
  void setUp() {
    library = TestLibrary.fresh();
    ExampleImagesFixture.configure(settings, ROOT);
    model =
        library.modelWithSidecar(
            library.loras(),
            "styles/ink.safetensors",
            sidecar -> {
              images(sidecar, "https://image.civitai.com/a/original=true/1.jpeg");
              sidecar.put("custom_field", "preserve");
            });
    hash = LibraryFixture.sha256(LibraryFixture.read(model));
    TestLibrary.scan("loras");
  }

  @AfterEach
  void tearDown() {
    ExampleImagesFixture.configure(settings, null);
  }

  private ObjectNode sidecar() {
    return (ObjectNode) LibraryFixture.readJson(LibraryFixture.sidecarOf(model));
  }

  private String modelPath() {
    return LibraryFixture.slashes(model);
  }

  private static JsonNode parse(Response response) throws Exception {
    return JSON.readTree(response.asString());
  }

  private static String customEntry(String id, int width, int height, String type) {
    return "{\"url\":\"\",\"id\":\""
        + id
        + "\",\"nsfwLevel\":0,\"width\":"
        + width
        + ",\"height\":"
        + height
        + ",\"type\":\""
        + type
        + "\",\"meta\":null,\"hasMeta\":false,\"hasPositivePrompt\":false}";
  }

  private static final String REGULAR =
      "[{\"url\":\"https://image.civitai.com/a/original=true/1.jpeg\","
          + "\"type\":\"image\",\"nsfwLevel\":1}]";

  private Response upload(String... namesAndKinds) {
    var request = given().multiPart("model_hash", hash);
    for (String name : namesAndKinds) {
      byte[] content =
          name.endsWith(".png")
              ? PNG
              : name.endsWith(".webm") ? WEBM : "just text".getBytes(StandardCharsets.UTF_8);
      request = request.multiPart("files", name, content, "application/octet-stream");
    }
    return request.post("/api/lm/import-example-images");
  }

  @Test
  void uploadsAreCopiedAsCustomFilesWithEntriesAndANonImageIsAnErrorEntry() throws Exception {
    Response response = upload("dot.png", "clip.webm", "notes.png.txt");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = parse(response);
    String image = body.at("/custom_images/0/id").asText();
    String video = body.at("/custom_images/1/id").asText();
    assertThat(image).matches("[a-z0-9]{8}");
    assertThat(video).matches("[a-z0-9]{8}").isNotEqualTo(image);
    String customs =
        "[" + customEntry(image, 3, 2, "image") + "," + customEntry(video, 0, 0, "video") + "]";
    String url = "/example_images_static/" + hash + "/";
    assertThat(body.toString())
        .isEqualTo(
            "{\"success\":true,\"message\":\"Successfully imported 2 files with 1 errors\","
                + "\"files\":[{\"name\":\"custom_"
                + image
                + ".png\",\"path\":\""
                + url
                + "custom_"
                + image
                + ".png\",\"extension\":\".png\",\"is_video\":false},"
                + "{\"name\":\"custom_"
                + video
                + ".webm\",\"path\":\""
                + url
                + "custom_"
                + video
                + ".webm\",\"extension\":\".webm\",\"is_video\":true}],"
                + "\"errors\":[\"Unsupported file type: notes.png.txt is not an image or video\"],"
                + "\"regular_images\":"
                + REGULAR
                + ",\"custom_images\":"
                + customs
                + ",\"model_file_path\":\""
                + modelPath()
                + "\"}");
    assertThat(names(ROOT.resolve(hash)))
        .containsExactlyInAnyOrder("custom_" + image + ".png", "custom_" + video + ".webm");
    assertThat(Files.readAllBytes(ROOT.resolve(hash).resolve("custom_" + image + ".png")))
        .isEqualTo(PNG);
    ObjectNode sidecar = sidecar();
    assertThat(sidecar.at("/civitai/customImages").toString()).isEqualTo(customs);
    assertThat(sidecar.at("/civitai/images").toString()).isEqualTo(REGULAR);
    assertThat(sidecar.get("custom_field").asText()).isEqualTo("preserve");

    // The stored files are listed and served like downloaded ones.
    given().get(url + "custom_" + video + ".webm").then().statusCode(200).contentType("video/webm");
  }

  @Test
  void onlyNonImagesImportNothingAndSaySo() throws Exception {
    Response response = upload("readme.txt");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.asString())
        .isEqualTo(
            "{\"success\":false,\"message\":\"Successfully imported 0 files with 1 errors\","
                + "\"files\":[],\"errors\":[\"Unsupported file type: readme.txt is not an image or"
                + " video\"],\"regular_images\":"
                + REGULAR
                + ",\"custom_images\":[],\"model_file_path\":\""
                + modelPath()
                + "\"}");
    assertThat(names(ROOT.resolve(hash))).isEmpty();
    assertThat(sidecar().at("/civitai").has("customImages")).isFalse();
  }

  @Test
  void serverFilesInsideTheRootsAreImportedAndMissingOnesAreErrorEntries() throws Exception {
    Path picture = library.loras().resolve("styles/ink.example.0.jpg");
    Files.write(picture, JPEG);
    Path missing = library.loras().resolve("styles/gone.png");

    Response response =
        given()
            .contentType("application/json")
            .body(
                "{\"model_hash\":\""
                    + hash.toUpperCase()
                    + "\",\"file_paths\":[\""
                    + picture
                    + "\",\""
                    + missing
                    + "\"]}")
            .post("/api/lm/import-example-images");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = parse(response);
    String id = body.at("/custom_images/0/id").asText();
    assertThat(body.get("errors").toString()).isEqualTo("[\"File not found: " + missing + "\"]");
    assertThat(body.get("files").toString())
        .isEqualTo(
            "[{\"name\":\"custom_"
                + id
                + ".jpg\",\"path\":\"/example_images_static/"
                + hash
                + "/custom_"
                + id
                + ".jpg\",\"extension\":\".jpg\",\"is_video\":false}]");
    assertThat(sidecar().at("/civitai/customImages").toString())
        .isEqualTo("[" + customEntry(id, 0, 0, "image") + "]");
    assertThat(Files.readAllBytes(ROOT.resolve(hash).resolve("custom_" + id + ".jpg")))
        .isEqualTo(JPEG);
    // The source stays where it was: an import copies.
    assertThat(Files.readAllBytes(picture)).isEqualTo(JPEG);
  }

  @Test
  void serverFilesOutsideTheRootsAre400AndNothingIsImported() throws Exception {
    Path inside = library.loras().resolve("ok.png");
    Files.write(inside, LibraryFixture.PNG);
    Path outside = library.dir().resolveSibling("outside-" + hash.substring(0, 6) + ".png");
    Files.write(outside, LibraryFixture.PNG);
    Path link = LibraryFixture.symlink(library.loras().resolve("link.png"), outside);
    try {
      for (String path :
          new String[] {
            outside.toString(), link.toString(), library.loras() + "/../../" + outside.getFileName()
          }) {
        given()
            .contentType("application/json")
            .body(
                "{\"model_hash\":\""
                    + hash
                    + "\",\"file_paths\":[\""
                    + inside
                    + "\",\""
                    + path
                    + "\"]}")
            .post("/api/lm/import-example-images")
            .then()
            .statusCode(400)
            .body(
                equalTo(
                    "{\"success\":false,\"error\":\"Path '"
                        + path
                        + "' is outside the model folders and the example images folder\"}"));
      }
      assertThat(names(ROOT.resolve(hash))).isEmpty();
      assertThat(sidecar().at("/civitai").has("customImages")).isFalse();
    } finally {
      Files.deleteIfExists(outside);
    }
  }

  @Test
  void importValidationErrors() {
    String unknown = "cd".repeat(32);
    expect400("{\"file_paths\":[\"/x.png\"]}", "Missing model_hash parameter");
    expect400("{\"model_hash\":\"" + hash + "\"}", "No files provided to import");
    expect400("{\"model_hash\":\"" + hash + "\",\"file_paths\":[]}", "No files provided to import");
    expect400(
        "{\"model_hash\":\"abc\",\"file_paths\":[\"/x.png\"]}",
        "model_hash must be a SHA-256 (64 hex characters)");
    given()
        .multiPart("model_hash", hash)
        .multiPart("other", "x")
        .post("/api/lm/import-example-images")
        .then()
        .statusCode(400)
        .body(equalTo("{\"success\":false,\"error\":\"No files provided to import\"}"));
    given()
        .multiPart("model_hash", unknown)
        .multiPart("files", "a.png", LibraryFixture.PNG, "image/png")
        .post("/api/lm/import-example-images")
        .then()
        .statusCode(404)
        .body(
            equalTo(
                "{\"success\":false,\"error\":\"Model with hash "
                    + unknown
                    + " not found in the library\"}"));

    ExampleImagesFixture.configure(settings, null);
    given()
        .multiPart("model_hash", hash)
        .multiPart("files", "a.png", LibraryFixture.PNG, "image/png")
        .post("/api/lm/import-example-images")
        .then()
        .statusCode(400)
        .body(
            equalTo(
                "{\"success\":false,\"error\":\"Example images path not configured in settings\"}"));
  }

  @Test
  void anUploadOverTheMultipartLimitIs413AndNothingIsImported() throws Exception {
    byte[] big = new byte[2 * 1024 * 1024];
    System.arraycopy(PNG, 0, big, 0, PNG.length);
    // rest-assured sends multipart chunked; the limit is checked against a declared length.
    String boundary = "import-limit-boundary";
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"model_hash\"\r\n\r\n"
                + hash
                + "\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.png\""
                + "\r\nContent-Type: image/png\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    var body = new java.io.ByteArrayOutputStream();
    body.write(head);
    body.write(big);
    body.write(tail);

    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(base.resolve("/api/lm/import-example-images"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body())
        .isEqualTo(
            "{\"success\":false,\"error\":\"Request body too large: "
                + body.size()
                + " bytes (the limit for multipart uploads is 2097152 bytes,"
                + " LM_LIMITS_MULTIPART_BODY)\"}");
    assertThat(names(ROOT.resolve(hash))).isEmpty();
    assertThat(sidecar().at("/civitai").has("customImages")).isFalse();
  }

  @Test
  void aFileInTheWayOfTheModelFolderIs503AndNothingChanges() throws Exception {
    Files.writeString(ROOT.resolve(hash), "in the way");

    upload("dot.png")
        .then()
        .statusCode(503)
        .body(
            equalTo(
                "{\"success\":false,\"error\":\"Cannot prepare the change of "
                    + model
                    + ": cannot create the example images folder "
                    + ROOT.resolve(hash)
                    + ": a file is in the way\"}"));
    assertThat(Files.readString(ROOT.resolve(hash))).isEqualTo("in the way");
    assertThat(sidecar().at("/civitai").has("customImages")).isFalse();
  }

  private static void expect400(String body, String error) {
    given()
        .contentType("application/json")
        .body(body)
        .post("/api/lm/import-example-images")
        .then()
        .statusCode(400)
        .body(equalTo("{\"success\":false,\"error\":\"" + error + "\"}"));
  }

  // ---- delete ----

  private String importOne() throws Exception {
    JsonNode custom = parse(upload("dot.png")).get("custom_images");
    return custom.get(custom.size() - 1).get("id").asText();
  }

  @Test
  void deletingACustomImageRemovesItsFileAndEntry() throws Exception {
    String first = importOne();
    String second = importOne();

    given()
        .contentType("application/json")
        .body("{\"model_hash\":\"" + hash + "\",\"short_id\":\"" + first + "\"}")
        .post("/api/lm/delete-example-image")
        .then()
        .statusCode(200)
        .body(
            equalTo(
                "{\"success\":true,\"regular_images\":"
                    + REGULAR
                    + ",\"custom_images\":["
                    + customEntry(second, 3, 2, "image")
                    + "],\"model_file_path\":\""
                    + modelPath()
                    + "\"}"));
    assertThat(names(ROOT.resolve(hash))).containsExactly("custom_" + second + ".png");
    assertThat(sidecar().at("/civitai/customImages").toString())
        .isEqualTo("[" + customEntry(second, 3, 2, "image") + "]");
    assertThat(sidecar().get("custom_field").asText()).isEqualTo("preserve");
  }

  @Test
  void deleteErrors() throws Exception {
    deleteFails("{\"model_hash\":\"" + hash + "\"}", 400, "Missing short_id parameter");
    deleteFails("{\"short_id\":\"abc\"}", 400, "Missing model_hash parameter");
    deleteFails("[]", 400, "Request body must be a JSON object");
    deleteFails(
        "{\"model_hash\":\"" + hash + "\",\"short_id\":\"abc\"}",
        404,
        "Model has no custom images");
    String kept = importOne();
    deleteFails(
        "{\"model_hash\":\"" + hash + "\",\"short_id\":\"../../x\"}",
        404,
        "Custom image with id ../../x not found");
    deleteFails(
        "{\"model_hash\":\"" + "ef".repeat(32) + "\",\"short_id\":\"" + kept + "\"}",
        404,
        "Model with hash " + "ef".repeat(32) + " not found in the library");
    assertThat(names(ROOT.resolve(hash))).containsExactly("custom_" + kept + ".png");
  }

  private static void deleteFails(String body, int status, String error) {
    given()
        .contentType("application/json")
        .body(body)
        .post("/api/lm/delete-example-image")
        .then()
        .statusCode(status)
        .body(equalTo("{\"success\":false,\"error\":\"" + error + "\"}"));
  }

  // ---- NSFW level ----

  @Test
  void theLevelOfARegularImageIsSetByIndexAndOfACustomOneById() throws Exception {
    String id = importOne();

    given()
        .contentType("application/json")
        .body(
            "{\"model_hash\":\"" + hash + "\",\"nsfw_level\":4,\"source\":\"civitai\",\"index\":0}")
        .post("/api/lm/example-images/set-nsfw-level")
        .then()
        .statusCode(200)
        .body(
            equalTo(
                "{\"success\":true,\"regular_images\":"
                    + REGULAR.replace("\"nsfwLevel\":1", "\"nsfwLevel\":4")
                    + ",\"custom_images\":["
                    + customEntry(id, 3, 2, "image")
                    + "],\"model_file_path\":\""
                    + modelPath()
                    + "\",\"nsfw_level\":4}"));
    given()
        .contentType("application/json")
        .body(
            "{\"model_hash\":\""
                + hash
                + "\",\"nsfw_level\":8,\"source\":\"custom\",\"id\":\""
                + id
                + "\"}")
        .post("/api/lm/example-images/set-nsfw-level")
        .then()
        .statusCode(200);

    ObjectNode sidecar = sidecar();
    assertThat(sidecar.at("/civitai/images/0/nsfwLevel").asInt()).isEqualTo(4);
    assertThat(sidecar.at("/civitai/customImages").toString())
        .isEqualTo(
            "["
                + customEntry(id, 3, 2, "image").replace("\"nsfwLevel\":0", "\"nsfwLevel\":8")
                + "]");
    assertThat(sidecar.get("custom_field").asText()).isEqualTo("preserve");
  }

  @Test
  void levelErrors() {
    String start = "{\"model_hash\":\"" + hash + "\",";
    levelFails(start + "\"source\":\"civitai\",\"index\":0}", 400, "nsfw_level is required");
    levelFails(
        start + "\"nsfw_level\":\"high\",\"source\":\"civitai\",\"index\":0}",
        400,
        "nsfw_level must be a whole number, got 'high'");
    levelFails(
        start + "\"nsfw_level\":-1,\"source\":\"civitai\",\"index\":0}",
        400,
        "nsfw_level must be 0 or more");
    levelFails(
        start + "\"nsfw_level\":4,\"source\":\"web\",\"index\":0}",
        400,
        "source must be 'civitai' or 'custom'");
    levelFails(
        start + "\"nsfw_level\":4,\"source\":\"civitai\"}",
        400,
        "index is required for civitai images");
    levelFails(
        start + "\"nsfw_level\":4,\"source\":\"custom\"}", 400, "id is required for custom images");
    levelFails(
        start + "\"nsfw_level\":4,\"source\":\"civitai\",\"index\":1}",
        404,
        "Example image 1 not found");
    levelFails(
        start + "\"nsfw_level\":4,\"source\":\"civitai\",\"index\":-1}",
        404,
        "Example image -1 not found");
    levelFails(
        start + "\"nsfw_level\":4,\"source\":\"custom\",\"id\":\"nope\"}",
        404,
        "Custom image with id nope not found");
    assertThat(sidecar().at("/civitai/images").toString()).isEqualTo(REGULAR);
  }

  private static void levelFails(String body, int status, String error) {
    given()
        .contentType("application/json")
        .body(body)
        .post("/api/lm/example-images/set-nsfw-level")
        .then()
        .statusCode(status)
        .body(equalTo("{\"success\":false,\"error\":\"" + error + "\"}"));
  }
}
