package io.loramanager.library.examples;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.settings.SettingsStore;
import io.loramanager.testsupport.LibraryFixture;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The example-images folder of the Quarkus tests, set in settings.json, and helpers around it. */
final class ExampleImagesFixture {

  static final Path ROOT = Path.of("target/test-examples").toAbsolutePath();
  static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J'};
  static final byte[] WEBM = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, 1, 2, 3, 4};

  private ExampleImagesFixture() {}

  /** Points {@code example_images_path} at a fresh {@code folder} (or removes it with null). */
  static void configure(SettingsStore settings, Path folder) {
    if (folder != null) {
      LibraryFixture.deleteTree(folder);
      try {
        Files.createDirectories(folder);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    settings.update(
        node -> {
          if (folder == null) {
            node.remove(ExampleImagesFolder.SETTING);
          } else {
            node.put(ExampleImagesFolder.SETTING, folder.toString());
          }
        });
  }

  /** A LoRA whose {@code civitai.images} are {@code urls}; the catalogue sees it after a scan. */
  static Path lora(LibraryFixture library, String name, String... urls) {
    return library.modelWithSidecar(
        library.loras(), name + ".safetensors", sidecar -> images(sidecar, urls));
  }

  static String hash(Path model) {
    return LibraryFixture.sha256(LibraryFixture.read(model));
  }

  /** How a run's {@code errors} begin for one model. */
  static String errorOf(String name, String hash) {
    return "Error processing model " + name + " (" + hash.substring(0, 8) + "): ";
  }

  /** Starts a run over every LoRA and checkpoint, without the delay between models. */
  static void startRun() {
    given()
        .contentType("application/json")
        .body("{\"delay\": 0}")
        .post("/api/lm/download-example-images")
        .then()
        .statusCode(200);
  }

  static JsonPath status() {
    return given().get("/api/lm/example-images-status").then().statusCode(200).extract().jsonPath();
  }

  static JsonPath awaitStatus(Predicate<JsonPath> match) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(ExampleImagesFixture::status, match);
  }

  static JsonPath awaitFinished() {
    return awaitStatus(s -> !s.getBoolean("is_downloading"));
  }

  /** The file names in a folder, sorted; empty when it does not exist. */
  static List<String> names(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A valid PNG of the given size (the library's 1×1 fixture lacks a chunk checksum). */
  static byte[] png(int width, int height) {
    var image =
        new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
    var out = new java.io.ByteArrayOutputStream();
    try {
      javax.imageio.ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Adds one {@code civitai.images} entry per URL. */
  static void images(ObjectNode sidecar, String... urls) {
    var images = ((ObjectNode) sidecar.get("civitai")).putArray("images");
    for (String url : urls) {
      ObjectNode image = images.addObject();
      image.put("url", url);
      image.put("type", "image");
      image.put("nsfwLevel", 1);
    }
  }
}
