package io.loramanager.library.lifecycle;

import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.loramanager.testsupport.ApiAssertions.bodyOf;
import static io.loramanager.testsupport.ApiAssertions.map;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.library.CatalogStore;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.loramanager.testsupport.WebSocketRecorder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** replace-preview through HTTP: files on disk, sidecar, list, SQLite, every refusal. */
@QuarkusTest
class PreviewReplaceFlowTest {

  /** A JPEG's start (SOI + APP0 JFIF); enough for content sniffing. */
  static final byte[] JPEG =
      HexFormat.of().parseHex("ffd8ffe000104a46494600010100000100010000ffd9");

  static final byte[] GIF =
      "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;".getBytes(StandardCharsets.ISO_8859_1);

  @TestHTTPResource("/")
  URI base;

  @Inject CatalogStore store;

  private LibraryFixture library;
  private Path model;

  @BeforeEach
  void loraWithOldPreviews() {
    library = TestLibrary.fresh();
    model =
        library.modelWithSidecar(
            library.loras(),
            "ink.safetensors",
            s -> {
              s.put("preview_url", LibraryFixture.slashes(library.loras().resolve("ink.webp")));
              s.put("preview_nsfw_level", 1);
              s.put("my_own_key", "kept");
            });
    library.preview(model, ".webp");
    library.preview(model, ".preview.png");
    library.preview(model, ".jpg");
    library.preview(model, ".example.0.jpeg");
    TestLibrary.scan("loras");
  }

  private Path sibling(String name) {
    return model.resolveSibling(name);
  }

  private Response upload(String fileName, byte[] content, String mime, String nsfwLevel) {
    var request =
        given()
            .multiPart("preview_file", fileName, content, mime)
            .multiPart("model_path", LibraryFixture.slashes(model));
    if (nsfwLevel != null) {
      request = request.multiPart("nsfw_level", nsfwLevel);
    }
    return request.post("/api/lm/loras/replace-preview");
  }

  private static String url(Path preview) {
    return "/api/lm/previews?path="
        + URLEncoder.encode(LibraryFixture.slashes(preview), StandardCharsets.UTF_8)
            .replace("%2F", "/");
  }

  private ModelEntry storedEntry() {
    return store.load(ModelType.LORA).get(0);
  }

  @Test
  void pngReplacesEveryOldVariantAndKeepsTheExampleFallback() {
    Path png = sibling("ink.png");
    try (WebSocketRecorder bus = WebSocketRecorder.connect(base, "/ws/fetch-progress")) {
      Response response = upload("new.png", LibraryFixture.PNG, "image/png", "2");

      assertThat(bodyOf(response, 200))
          .isEqualTo(map("success", true, "preview_url", url(png), "preview_nsfw_level", 2));
      bus.awaitFrame(f -> "models_changed".equals(f.path("type").asText()));
    }
    assertThat(LibraryFixture.read(png)).isEqualTo(LibraryFixture.PNG);
    assertThat(sibling("ink.webp")).doesNotExist();
    assertThat(sibling("ink.preview.png")).doesNotExist();
    assertThat(sibling("ink.jpg")).doesNotExist();
    assertThat(sibling("ink.example.0.jpeg")).exists();
    assertThat(sibling("ink.png.tmp")).doesNotExist();
    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(model));
    assertThat(sidecar.get("preview_url").asText()).isEqualTo(LibraryFixture.slashes(png));
    assertThat(sidecar.get("preview_nsfw_level").asInt()).isEqualTo(2);
    assertThat(sidecar.get("my_own_key").asText()).isEqualTo("kept");
    given()
        .get("/api/lm/loras/list")
        .then()
        .body("items.preview_url", contains(url(png)))
        .body("items.preview_nsfw_level", contains(2));
    assertThat(storedEntry().previewUrl()).isEqualTo(LibraryFixture.slashes(png));
    assertThat(storedEntry().previewNsfwLevel()).isEqualTo(2);
    byte[] served = given().get(url(png)).then().statusCode(200).extract().asByteArray();
    assertThat(served).isEqualTo(LibraryFixture.PNG);
  }

  @Test
  void formatComesFromTheContentNotTheNameAndLevelIsKeptWhenNotGiven() {
    Response jpeg = upload("looks-like.png", JPEG, "image/png", null);

    assertThat(bodyOf(jpeg, 200))
        .isEqualTo(
            map("success", true, "preview_url", url(sibling("ink.jpeg")), "preview_nsfw_level", 1));
    assertThat(LibraryFixture.read(sibling("ink.jpeg"))).isEqualTo(JPEG);
    assertThat(sibling("ink.png")).doesNotExist();

    Response gif = upload("anim.webp", GIF, "image/webp", "4");

    assertThat(bodyOf(gif, 200))
        .isEqualTo(
            map("success", true, "preview_url", url(sibling("ink.gif")), "preview_nsfw_level", 4));
    assertThat(LibraryFixture.read(sibling("ink.gif"))).isEqualTo(GIF);
    assertThat(sibling("ink.jpeg")).doesNotExist();
    assertThat(storedEntry().previewUrl()).isEqualTo(LibraryFixture.slashes(sibling("ink.gif")));
  }

  @Test
  void sameNameIsReplacedInPlace() {
    upload("a.png", LibraryFixture.PNG, "image/png", null).then().statusCode(200);
    byte[] other = LibraryFixture.PNG.clone();
    other[other.length - 1] ^= 1;

    upload("b.png", other, "image/png", null).then().statusCode(200);

    assertThat(LibraryFixture.read(sibling("ink.png"))).isEqualTo(other);
  }

  @Test
  void anythingButAnImageOrVideoIsRefusedAndNothingChanges() throws Exception {
    byte[] sidecarBefore = LibraryFixture.read(LibraryFixture.sidecarOf(model));

    assertError(
        upload("evil.png", "<?php echo 1;".getBytes(StandardCharsets.UTF_8), "image/png", "2"),
        400,
        "The preview must be a PNG, JPEG, WebP or GIF image or an MP4 or WebM video");

    assertThat(LibraryFixture.read(LibraryFixture.sidecarOf(model))).isEqualTo(sidecarBefore);
    assertThat(sibling("ink.webp")).exists();
    assertThat(sibling("ink.preview.png")).exists();
    assertThat(sibling("ink.png")).doesNotExist();
    try (var files = Files.list(model.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")))
          .isEmpty();
    }
  }

  @Test
  void missingPartsAndBadFieldsAreBadRequests() {
    assertError(
        given()
            .multiPart("model_path", LibraryFixture.slashes(model))
            .post("/api/lm/loras/replace-preview"),
        400,
        "Expected 'preview_file' field");
    assertError(
        given()
            .multiPart("preview_file", "p.png", LibraryFixture.PNG, "image/png")
            .post("/api/lm/loras/replace-preview"),
        400,
        "Expected 'model_path' field");
    assertError(
        upload("p.png", LibraryFixture.PNG, "image/png", "high"),
        400,
        "nsfw_level must be a whole number, got 'high'");
    String unknown = LibraryFixture.slashes(library.loras().resolve("nope.safetensors"));
    assertError(
        given()
            .multiPart("preview_file", "p.png", LibraryFixture.PNG, "image/png")
            .multiPart("model_path", unknown)
            .post("/api/lm/loras/replace-preview"),
        404,
        "LoRA not found: " + unknown);
    assertThat(sibling("ink.png")).doesNotExist();
    assertThat(sibling("ink.webp")).exists();
  }

  @Test
  void oversizedUploadIsRefusedWith413() {
    byte[] big = new byte[1024 * 1024 + 1];
    System.arraycopy(LibraryFixture.PNG, 0, big, 0, LibraryFixture.PNG.length);

    assertError(
        upload("big.png", big, "image/png", null),
        413,
        "The preview is too large: 1048577 bytes (the limit is 1048576 bytes)");

    assertThat(sibling("ink.png")).doesNotExist();
    assertThat(sibling("ink.webp")).exists();
  }

  @Test
  void diskFullWhileWritingTheSidecarLeavesOldPreviewsAndSidecarIntact() throws Exception {
    Path sidecar = LibraryFixture.sidecarOf(model);
    byte[] before = LibraryFixture.read(sidecar);
    Path tmp = sidecar.resolveSibling("ink.metadata.json.tmp");
    Files.createSymbolicLink(tmp, Path.of("/dev/full"));
    try {
      assertError(
          upload("p.png", LibraryFixture.PNG, "image/png", "2"),
          503,
          "Cannot write the sidecar of "
              + LibraryFixture.slashes(model)
              + ": No space left on device");
    } finally {
      Files.deleteIfExists(tmp);
    }

    assertThat(LibraryFixture.read(sidecar)).isEqualTo(before);
    assertThat(sibling("ink.png")).doesNotExist();
    assertThat(sibling("ink.png.tmp")).doesNotExist();
    assertThat(sibling("ink.webp")).exists();
    assertThat(sibling("ink.jpg")).exists();
    assertThat(storedEntry().previewUrl()).isEqualTo(LibraryFixture.slashes(sibling("ink.webp")));
    assertThat(List.of(storedEntry().previewNsfwLevel())).containsExactly(1);
  }

  @Test
  void aPreviewThatCannotBeMovedIntoPlaceRollsTheSidecarBack() throws Exception {
    Path sidecar = LibraryFixture.sidecarOf(model);
    byte[] before = LibraryFixture.read(sidecar);
    Path blocker = sibling("ink.png");
    LibraryFixture.write(blocker.resolve("keep.txt"), new byte[] {1});

    assertError(
        upload("p.png", LibraryFixture.PNG, "image/png", "2"),
        503,
        "Cannot put in place the new files of "
            + LibraryFixture.slashes(model)
            + ": Is a directory");

    assertThat(LibraryFixture.read(sidecar)).isEqualTo(before);
    assertThat(blocker.resolve("keep.txt")).exists();
    assertThat(sibling("ink.png.tmp")).doesNotExist();
    assertThat(sibling("ink.webp")).exists();
    assertThat(sibling("ink.preview.png")).exists();
    assertThat(storedEntry().previewUrl()).isEqualTo(LibraryFixture.slashes(sibling("ink.webp")));
  }

  @Test
  void diskFullWhileCopyingThePreviewChangesNothing() throws Exception {
    byte[] before = LibraryFixture.read(LibraryFixture.sidecarOf(model));
    Files.createSymbolicLink(sibling("ink.png.tmp"), Path.of("/dev/full"));
    try {
      assertError(
          upload("p.png", LibraryFixture.PNG, "image/png", "2"),
          503,
          "Cannot prepare the change of "
              + LibraryFixture.slashes(model)
              + ": No space left on device");
    } finally {
      Files.deleteIfExists(sibling("ink.png.tmp"));
    }

    assertThat(LibraryFixture.read(LibraryFixture.sidecarOf(model))).isEqualTo(before);
    assertThat(sibling("ink.png")).doesNotExist();
    assertThat(sibling("ink.webp")).exists();
    assertThat(storedEntry().previewNsfwLevel()).isEqualTo(1);
  }
}
