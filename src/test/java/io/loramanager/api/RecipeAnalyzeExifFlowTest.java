package io.loramanager.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.loramanager.testsupport.ImageFixtures;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * EXIF that is wrong in the byte order or the text encoding, through analyze-image: never a 500.
 */
@QuarkusTest
class RecipeAnalyzeExifFlowTest {

  private static final String TEXT = "a fox in snow\nSteps: 20, Sampler: Euler";
  private static final byte[] UNICODE = "UNICODE\0".getBytes(StandardCharsets.US_ASCII);

  @BeforeEach
  void library() {
    TestLibrary.fresh();
  }

  @Test
  void tiffHeaderNamingTheWrongByteOrderAnswersNoMetadataFound() {
    byte[] jpeg = littleEndianComment(ByteOrder.LITTLE_ENDIAN);
    int tiff = 4 + 2 + 6; // SOI + APP1 marker, segment length, "Exif\0\0"
    jpeg[tiff] = 'M'; // "MM" over little-endian data: every offset reads as nonsense
    jpeg[tiff + 1] = 'M';

    Response response = RecipeAnalyzeFlowTest.upload("swapped.jpg", jpeg);

    RecipeAnalyzeFlowTest.assertNoMetadataFound(response);
  }

  @Test
  void littleEndianCommentInABigEndianExifIsDecoded() {
    byte[] jpeg = littleEndianComment(ByteOrder.BIG_ENDIAN);

    Response response = RecipeAnalyzeFlowTest.upload("mixed.jpg", jpeg);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.jsonPath().getMap("gen_params"))
        .isEqualTo(Map.of("prompt", "a fox in snow", "steps", 20, "sampler", "Euler"));
  }

  @Test
  void invalidUtf16InTheCommentBecomesAReplacementCharacter() {
    byte[] comment =
        ImageFixtures.concat(
            UNICODE,
            "a fox".getBytes(StandardCharsets.UTF_16BE),
            new byte[] {(byte) 0xDC, 0x00}, // a low surrogate with no high one before it
            " in snow\nSteps: 20, Sampler: Euler".getBytes(StandardCharsets.UTF_16BE));
    byte[] jpeg = ImageFixtures.jpeg(comment, null, ByteOrder.BIG_ENDIAN);

    Response response = RecipeAnalyzeFlowTest.upload("broken.jpg", jpeg);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.jsonPath().getMap("gen_params"))
        .isEqualTo(Map.of("prompt", "a fox\uFFFD in snow", "steps", 20, "sampler", "Euler"));
  }

  /** A JPEG whose UserComment is UTF-16LE, in an EXIF of the given byte order. */
  private static byte[] littleEndianComment(ByteOrder exifOrder) {
    return ImageFixtures.jpeg(
        ImageFixtures.unicodeComment(TEXT, ByteOrder.LITTLE_ENDIAN), null, exifOrder);
  }
}
