package io.loramanager.api;

import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
public class PreviewResourceTest {

  private static final String CACHE_CONTROL = "public, max-age=86400";
  private static final Instant MTIME = Instant.parse("2024-01-02T03:04:05Z");
  private static final byte[] SECRET = "root:x:0:0:secret".getBytes(StandardCharsets.UTF_8);

  private LibraryFixture library;
  private Path outside;

  @BeforeEach
  void freshLibrary() {
    library = TestLibrary.fresh();
  }

  @AfterEach
  void removeOutsideFolder() {
    if (outside != null) {
      LibraryFixture.deleteTree(outside);
    }
  }

  /** A folder outside {@code target/test-library} holding {@code secret.png}. */
  private Path outsideSecret() throws IOException {
    outside = Files.createTempDirectory("lm-outside");
    Path secret = outside.resolve("secret.png");
    Files.write(secret, SECRET);
    return secret;
  }

  private static io.restassured.response.Response preview(String path) {
    return given().queryParam("path", path).get("/api/lm/previews");
  }

  private static String outsideMessage(String path) {
    return "Path '" + path + "' is outside the configured model folders";
  }

  @ParameterizedTest
  @CsvSource({
    ".webp, image/webp",
    ".preview.png, image/png",
    ".jpg, image/jpeg",
    ".JPEG, image/jpeg",
    ".mp4, video/mp4"
  })
  void servesThePreviewBytesWithTheirContentType(String suffix, String contentType) {
    byte[] bytes = ("bytes of " + suffix).getBytes(StandardCharsets.UTF_8);
    Path file = library.loras().resolve("sub/x" + suffix);
    LibraryFixture.write(file, bytes);

    byte[] served =
        preview(LibraryFixture.slashes(file))
            .then()
            .statusCode(200)
            .header("Content-Type", contentType)
            .extract()
            .asByteArray();
    assertThat(served).isEqualTo(bytes);
  }

  @Test
  void servesCacheControlEtagAndLastModified() throws IOException {
    Path file = library.preview(library.loras().resolve("x.safetensors"), ".png");
    Files.setLastModifiedTime(file, FileTime.from(MTIME));
    String etag =
        "\""
            + Long.toHexString(LibraryFixture.PNG.length)
            + "-"
            + Long.toHexString(MTIME.toEpochMilli())
            + "\"";

    preview(LibraryFixture.slashes(file))
        .then()
        .statusCode(200)
        .header("Cache-Control", CACHE_CONTROL)
        .header("ETag", etag)
        .header("Last-Modified", "Tue, 02 Jan 2024 03:04:05 GMT");
  }

  @Test
  void ifNoneMatchWithTheEtagAnswers304WithoutBody() throws IOException {
    Path file = library.preview(library.loras().resolve("x.safetensors"), ".png");
    Files.setLastModifiedTime(file, FileTime.from(MTIME));
    String path = LibraryFixture.slashes(file);
    String etag = preview(path).then().statusCode(200).extract().header("ETag");

    byte[] body =
        given()
            .header("If-None-Match", etag)
            .queryParam("path", path)
            .get("/api/lm/previews")
            .then()
            .statusCode(304)
            .header("Cache-Control", CACHE_CONTROL)
            .extract()
            .asByteArray();
    assertThat(body).isEmpty();
  }

  @Test
  void ifModifiedSinceTheFileTimeAnswers304() throws IOException {
    Path file = library.preview(library.loras().resolve("x.safetensors"), ".png");
    Files.setLastModifiedTime(file, FileTime.from(MTIME));

    given()
        .header("If-Modified-Since", "Tue, 02 Jan 2024 03:04:05 GMT")
        .queryParam("path", LibraryFixture.slashes(file))
        .get("/api/lm/previews")
        .then()
        .statusCode(304)
        .header("Cache-Control", CACHE_CONTROL);
  }

  @Test
  void ifNoneMatchWithAnotherEtagServesTheFile() {
    Path file = library.preview(library.loras().resolve("x.safetensors"), ".png");

    byte[] served =
        given()
            .header("If-None-Match", "\"stale\"")
            .queryParam("path", LibraryFixture.slashes(file))
            .get("/api/lm/previews")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    assertThat(served).isEqualTo(LibraryFixture.PNG);
  }

  @Test
  void previewOfAModelCardIsServedFromItsUrl() {
    Path model = library.modelWithSidecar(library.loras(), "a&b 50% #1.safetensors", s -> {});
    Path file = library.preview(model, ".webp");
    TestLibrary.scan("loras");
    String url =
        given()
            .queryParam("name", "a&b 50% #1")
            .get("/api/lm/loras/preview-url")
            .then()
            .statusCode(200)
            .extract()
            .path("preview_url");

    byte[] served =
        given().urlEncodingEnabled(false).get(url).then().statusCode(200).extract().asByteArray();
    assertThat(served).isEqualTo(LibraryFixture.read(file));
  }

  @Test
  void missingPathIs400() {
    assertError(given().get("/api/lm/previews"), 400, "path is required");
  }

  @Test
  void relativePathIs400() {
    assertError(preview("loras/x.png"), 400, "path must be absolute");
  }

  @Test
  void pathWithNulCharacterIs400() {
    assertError(
        preview(LibraryFixture.slashes(library.loras()) + "/x\u0000.png"),
        400,
        "Invalid path: Nul character not allowed");
  }

  @Test
  void pathOutsideEveryRootIs400() {
    assertError(preview("/etc/passwd"), 400, outsideMessage("/etc/passwd"));
  }

  @Test
  void dotDotOutOfARootIs400() {
    String path = LibraryFixture.slashes(library.loras()) + "/../../etc/passwd";
    assertError(preview(path), 400, outsideMessage(path));
  }

  @Test
  void theRootFolderItselfIs400() {
    String path = LibraryFixture.slashes(library.loras());
    assertError(preview(path), 400, outsideMessage(path));
  }

  @Test
  void symlinkInsideARootPointingOutsideIs400AndServesNothing() throws IOException {
    Path link = LibraryFixture.symlink(library.loras().resolve("leak.png"), outsideSecret());
    String path = LibraryFixture.slashes(link);

    assertError(preview(path), 400, outsideMessage(path));
  }

  @Test
  void symlinkedFolderInsideARootPointingOutsideIs400() throws IOException {
    Path secret = outsideSecret();
    Path link = LibraryFixture.symlink(library.loras().resolve("out"), secret.getParent());
    String path = LibraryFixture.slashes(link) + "/secret.png";

    assertError(preview(path), 400, outsideMessage(path));
  }

  @Test
  void missingFileInsideARootIs404() {
    String path = LibraryFixture.slashes(library.loras()) + "/ghost.webp";
    assertError(preview(path), 404, "Preview not found: " + path);
  }

  @Test
  void folderInsideARootIs404() {
    Path folder = library.loras().resolve("sub.png");
    LibraryFixture.write(folder.resolve("x.png"), LibraryFixture.PNG);
    String path = LibraryFixture.slashes(folder);

    assertError(preview(path), 404, "Preview not found: " + path);
  }

  @Test
  void modelFileInsideARootIs400() {
    Path model = library.model(library.loras(), "x.safetensors");
    String path = LibraryFixture.slashes(model);

    assertError(preview(path), 400, "Not a preview file type: " + path);
  }

  @Test
  void sidecarInsideARootIs400() {
    Path model = library.modelWithSidecar(library.loras(), "x.safetensors", s -> {});
    String path = LibraryFixture.slashes(LibraryFixture.sidecarOf(model));

    assertError(preview(path), 400, "Not a preview file type: " + path);
  }

  @Test
  void previewInsideACheckpointRootIsServed() {
    Path file = library.preview(library.checkpoints().resolve("x.safetensors"), ".jpeg");

    preview(LibraryFixture.slashes(file))
        .then()
        .statusCode(200)
        .header("Content-Type", "image/jpeg")
        .header("Cache-Control", CACHE_CONTROL);
  }

  @Test
  void symlinkInsideARootPointingInsideIsServed() {
    Path target = library.preview(library.embeddings().resolve("x.safetensors"), ".png");
    Path link = LibraryFixture.symlink(library.loras().resolve("alias.png"), target);

    byte[] served =
        preview(LibraryFixture.slashes(link)).then().statusCode(200).extract().asByteArray();
    assertThat(served).isEqualTo(LibraryFixture.PNG);
  }
}
