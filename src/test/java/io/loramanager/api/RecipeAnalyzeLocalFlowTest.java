package io.loramanager.api;

import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.civitai.CivitaiConnectivity;
import io.loramanager.testsupport.CivitaiStub;
import io.loramanager.testsupport.ImageFixtures;
import io.loramanager.testsupport.JsonSnapshots;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /api/lm/recipes/analyze-local-image: only files inside the configured model folders. */
@QuarkusTest
class RecipeAnalyzeLocalFlowTest {

  private LibraryFixture library;

  // Civitai answers 404 to every lookup here: LoRAs the library lacks come back isDeleted.
  @CivitaiStub WireMockServer civitai;
  @Inject CivitaiConnectivity connectivity;

  @BeforeEach
  void library() {
    civitai.resetAll();
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(() -> !connectivity.offline());
    library = TestLibrary.fresh();
    TestLibrary.scan("loras");
  }

  private static Response analyze(String path) {
    return given()
        .contentType(ContentType.JSON)
        .body("{\"path\": \"" + path.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}")
        .post("/api/lm/recipes/analyze-local-image");
  }

  @Test
  void imageInsideARootIsAnalysedWithItsBase64() throws Exception {
    byte[] png = ImageFixtures.png().text("parameters", RecipeAnalyzeFlowTest.FORGE).build();
    Path file = library.loras().resolve("imports/forge.png");
    LibraryFixture.write(file, png);
    Response response = analyze(LibraryFixture.slashes(file));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.jsonPath().getString("image_base64"))
        .isEqualTo(Base64.getEncoder().encodeToString(png));
    JsonSnapshots.verify(
        response.asString().replace(Base64.getEncoder().encodeToString(png), "<BASE64>"), library);
  }

  @Test
  void quotedPathIsAccepted() {
    Path file = library.loras().resolve("q.png");
    LibraryFixture.write(file, ImageFixtures.png().text("parameters", "Steps: 3").build());
    Response response = analyze("\"" + LibraryFixture.slashes(file) + "\"");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.jsonPath().getInt("gen_params.steps")).isEqualTo(3);
  }

  @Test
  void noMetadataStillCarriesNoBase64Field() {
    Path file = library.loras().resolve("plain.png");
    LibraryFixture.write(file, ImageFixtures.png().build());
    Response response = analyze(LibraryFixture.slashes(file));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.jsonPath().getString("error")).isEqualTo("No metadata found in this image");
  }

  @Test
  void pathOutsideTheRootsIsA400AndNothingIsRead() throws Exception {
    Path outside = Files.createTempFile("outside", ".png");
    try {
      Files.write(outside, ImageFixtures.png().text("parameters", "Steps: 3").build());
      assertError(
          analyze(LibraryFixture.slashes(outside)),
          400,
          "Path '" + LibraryFixture.slashes(outside) + "' is outside the configured model folders");
    } finally {
      Files.delete(outside);
    }
  }

  @Test
  void dotDotEscapeIsA400() {
    String escape = LibraryFixture.slashes(library.loras()) + "/../../../etc/passwd";
    assertError(
        analyze(escape), 400, "Path '" + escape + "' is outside the configured model folders");
  }

  @Test
  void symlinkLeavingTheRootsIsA400() throws Exception {
    Path outside = Files.createTempFile("target", ".png");
    try {
      Path link = LibraryFixture.symlink(library.loras().resolve("link.png"), outside);
      assertError(
          analyze(LibraryFixture.slashes(link)),
          400,
          "Path '" + LibraryFixture.slashes(link) + "' is outside the configured model folders");
    } finally {
      Files.delete(outside);
    }
  }

  @Test
  void missingFileIsA404AndRelativePathA400() {
    String missing = LibraryFixture.slashes(library.loras()) + "/nope.png";
    assertError(analyze(missing), 404, "Image not found: " + missing);
    assertError(analyze("relative/x.png"), 400, "path must be absolute");
    assertError(
        given()
            .contentType(ContentType.JSON)
            .body("{}")
            .post("/api/lm/recipes/analyze-local-image"),
        400,
        "path is required");
  }

  @Test
  void fileWithAHundredMegabyteChunkIsRefusedByTheSizeLimit() throws Exception {
    Path file = library.loras().resolve("huge.png");
    byte[] head = ImageFixtures.png().build();
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.write(head, 0, 33);
      raf.write(
          ByteBuffer.allocate(8)
              .putInt(100 * 1024 * 1024)
              .put("tEXt".getBytes(StandardCharsets.US_ASCII))
              .array());
      raf.setLength(33 + 8 + 100L * 1024 * 1024 + 4);
    }
    assertError(
        analyze(LibraryFixture.slashes(file)),
        413,
        "The image is 104857645 bytes; the limit is 1048576 bytes (lm.recipes.max-upload-bytes)");
  }
}
