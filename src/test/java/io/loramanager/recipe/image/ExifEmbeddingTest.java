package io.loramanager.recipe.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loramanager.errors.LmException;
import io.loramanager.library.media.ImageDimensions;
import io.loramanager.testsupport.ImageFixtures;
import io.loramanager.testsupport.LibraryFixture;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recipe text written into JPEG and WebP as an EXIF UserComment (anchor-recipes §2.2) and read
 * back by our own reader; the image data is kept byte for byte, so the image still decodes.
 */
class ExifEmbeddingTest {

  private static final String PAYLOAD = "{\"title\":\"Fox\",\"loras\":[]}";
  private static final String MARKER = "Recipe metadata: " + PAYLOAD;
  private static final byte[] WEBP_LOSSY =
      Base64.getDecoder().decode("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA");
  private static final byte[] WEBP_LOSSLESS_ALPHA =
      Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

  @TempDir Path dir;

  private final ImageTextReader reader = new ImageTextReader();
  private final RecipeImageWriter writer = new RecipeImageWriter(reader);

  @Test
  void jpegWithoutTextGetsTheMarkerAndStillDecodes() throws Exception {
    byte[] original = jpeg(8, 6);
    Path file = write("a.jpg", original);

    assertThat(writer.appendRecipeMetadata(file, PAYLOAD)).isTrue();

    byte[] written = Files.readAllBytes(file);
    ImageTexts texts = reader.read(file);
    assertThat(texts.comment()).isEqualTo(MARKER);
    assertThat(texts.primary()).isEqualTo(MARKER);
    assertThat(texts.workflow()).isNull();
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(written));
    assertThat(decoded.getWidth()).isEqualTo(8);
    assertThat(decoded.getHeight()).isEqualTo(6);
    // Everything after the JFIF APP0 is the original, behind the one new APP1.
    int app0End = 4 + ((original[4] & 0xFF) << 8 | (original[5] & 0xFF));
    assertThat(Arrays.copyOfRange(written, 0, app0End))
        .isEqualTo(Arrays.copyOfRange(original, 0, app0End));
    assertThat(written[app0End] & 0xFF).isEqualTo(0xFF);
    assertThat(written[app0End + 1] & 0xFF).isEqualTo(0xE1);
    int app1End =
        app0End + 2 + ((written[app0End + 2] & 0xFF) << 8 | (written[app0End + 3] & 0xFF));
    assertThat(Arrays.copyOfRange(written, app1End, written.length))
        .isEqualTo(Arrays.copyOfRange(original, app0End, original.length));
    // The reference's form: UNICODE\0 then UTF-16 big-endian.
    assertThat(
            indexOf(
                written,
                concat(
                    "UNICODE\0".getBytes(StandardCharsets.US_ASCII),
                    MARKER.getBytes(StandardCharsets.UTF_16BE))))
        .isPositive();
  }

  @Test
  void jpegKeepsItsTextAndWorkflowAndAnEarlierMarkerIsReplaced() throws Exception {
    byte[] exif =
        ImageFixtures.jpeg(
            ImageFixtures.unicodeComment(
                "a fox, Recipe metadata: {\"old\":1}\nSteps: 20", ByteOrder.LITTLE_ENDIAN),
            "Workflow:{\"nodes\":[]}",
            ByteOrder.LITTLE_ENDIAN);
    byte[] original = spliceApp1(jpeg(4, 4), Arrays.copyOfRange(exif, 2, exif.length - 2));
    Path file = write("b.jpg", original);

    writer.appendRecipeMetadata(file, PAYLOAD);
    writer.appendRecipeMetadata(file, PAYLOAD);

    ImageTexts texts = reader.read(file);
    assertThat(texts.comment()).isEqualTo("a fox\nSteps: 20 \n " + MARKER);
    assertThat(texts.workflow()).isEqualTo("{\"nodes\":[]}");
    assertThat(reader.hasWorkflow(file)).isTrue();
    assertThat(count(Files.readAllBytes(file), "Exif\0\0")).isEqualTo(1);
    assertThat(ImageIO.read(file.toFile()).getWidth()).isEqualTo(4);
  }

  @Test
  void nonAsciiTextAndAShortDescriptionRoundTrip() throws Exception {
    String payload = "{\"title\":\"狐 🦊 Füchsin\"}";
    // "a" and its NUL fit the entry itself (no offset), which the reader must still find.
    byte[] tiff = ExifBlock.of("a \n Recipe metadata: " + payload, "a");
    Path file = write("c.jpg", ExifEmbedding.jpeg(jpeg(2, 2), tiff));

    ImageTexts texts = reader.read(file);
    assertThat(texts.comment()).isEqualTo("a \n Recipe metadata: " + payload);
    assertThat(texts.prompt()).isEqualTo("a");

    writer.appendRecipeMetadata(file, payload);

    assertThat(reader.read(file).comment()).isEqualTo("a \n Recipe metadata: " + payload);
    assertThat(reader.read(file).prompt()).isEqualTo("a");
  }

  @Test
  void jpegTextBeyondOneSegmentLeavesTheImageUntouched() throws Exception {
    byte[] original = jpeg(2, 2);
    Path file = write("d.jpg", original);

    assertThat(writer.appendRecipeMetadata(file, "\"" + "x".repeat(40_000) + "\"")).isFalse();

    assertThat(Files.readAllBytes(file)).isEqualTo(original);
  }

  @Test
  void truncatedJpegIsA400AndUntouched() throws Exception {
    byte[] original = jpeg(2, 2);
    byte[] cut = Arrays.copyOf(original, 12); // inside the APP0 segment
    Path file = write("e.jpg", cut);

    assertThatThrownBy(() -> writer.appendRecipeMetadata(file, PAYLOAD))
        .isInstanceOf(LmException.class)
        .extracting(e -> ((LmException) e).kind())
        .isEqualTo(LmException.Kind.BAD_INPUT);
    assertThat(Files.readAllBytes(file)).isEqualTo(cut);
  }

  @Test
  void simpleLossyWebpGainsTheExtendedHeaderAndExif() throws Exception {
    Path file = write("f.webp", WEBP_LOSSY);

    assertThat(writer.appendRecipeMetadata(file, PAYLOAD)).isTrue();

    byte[] written = Files.readAllBytes(file);
    List<String> chunks = chunks(written);
    assertThat(chunks).containsExactly("VP8X", "VP8 ", "EXIF");
    assertThat(ByteBuffer.wrap(written, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt())
        .isEqualTo(written.length - 8);
    // VP8X: EXIF flag only, canvas 1 x 1 (stored minus one).
    assertThat(Arrays.copyOfRange(written, 20, 30))
        .isEqualTo(new byte[] {0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    assertThat(Arrays.copyOfRange(written, 30, 30 + WEBP_LOSSY.length - 12))
        .isEqualTo(Arrays.copyOfRange(WEBP_LOSSY, 12, WEBP_LOSSY.length));
    assertThat(reader.read(file).comment()).isEqualTo(MARKER);
    assertThat(ImageDimensions.read(file)).isEqualTo(new ImageDimensions.Size(1, 1));
  }

  @Test
  void losslessWebpWithAlphaKeepsTheAlphaFlag() throws Exception {
    Path file = write("g.webp", WEBP_LOSSLESS_ALPHA);

    writer.appendRecipeMetadata(file, PAYLOAD);

    byte[] written = Files.readAllBytes(file);
    assertThat(chunks(written)).containsExactly("VP8X", "VP8L", "EXIF");
    assertThat(written[20]).isEqualTo((byte) (0x08 | 0x10));
    assertThat(reader.read(file).comment()).isEqualTo(MARKER);
  }

  @Test
  void extendedWebpHasItsExifReplacedAndOtherChunksKept() throws Exception {
    byte[] sample =
        LibraryFixture.read(Path.of("src/test/resources/recipe-samples/lora-manager-recipe.webp"));
    Path file = write("h.webp", sample);
    String before = reader.read(file).comment();
    String original = before.substring(0, before.indexOf(" \n Recipe metadata: "));

    writer.appendRecipeMetadata(file, PAYLOAD);

    assertThat(reader.read(file).comment()).isEqualTo(original + " \n " + MARKER);
    assertThat(chunks(Files.readAllBytes(file))).containsExactly("VP8X", "EXIF");
  }

  @Test
  void webpWithXmpGetsExifBeforeIt() {
    byte[] xmp = "XMP \u0003\0\0\0abc\0".getBytes(StandardCharsets.ISO_8859_1);
    byte[] webp = concat(WEBP_LOSSY, xmp);
    ByteBuffer.wrap(webp, 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(webp.length - 8);

    byte[] written = ExifEmbedding.webp(webp, ExifBlock.of("text", null));

    assertThat(chunks(written)).containsExactly("VP8X", "VP8 ", "EXIF", "XMP ");
  }

  @Test
  void truncatedJpegSegmentIsRefusedByTheEmbedding() {
    byte[] cut = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F'};
    assertThatThrownBy(() -> ExifEmbedding.jpeg(cut, ExifBlock.of("t", null)))
        .isInstanceOf(LmException.class)
        .hasMessage("The JPEG is truncated; its EXIF cannot be rewritten");
    assertThatThrownBy(() -> ExifEmbedding.jpeg(new byte[] {1, 2, 3, 4}, ExifBlock.of("t", null)))
        .hasMessage("Not a JPEG image");
  }

  @Test
  void webpWithoutImageDataOrTruncatedIsA400() {
    byte[] empty = "RIFF\u0004\0\0\0WEBP".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(
            () -> ExifEmbedding.webp(concat(empty, new byte[8]), ExifBlock.of("t", null)))
        .isInstanceOf(LmException.class);
    assertThatThrownBy(
            () -> ExifEmbedding.webp(Arrays.copyOf(WEBP_LOSSY, 30), ExifBlock.of("t", null)))
        .isInstanceOf(LmException.class)
        .hasMessage("The WebP is truncated; its EXIF cannot be rewritten");
  }

  private Path write(String name, byte[] content) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, content);
    return file;
  }

  private static byte[] jpeg(int width, int height) throws Exception {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpg", out);
    return out.toByteArray();
  }

  /** The JPEG with an APP1 segment inserted right after its SOI. */
  private static byte[] spliceApp1(byte[] jpeg, byte[] app1) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    out.writeBytes(app1);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  private static List<String> chunks(byte[] webp) {
    List<String> types = new ArrayList<>();
    int position = 12;
    while (position + 8 <= webp.length) {
      types.add(new String(webp, position, 4, StandardCharsets.US_ASCII));
      int size = ByteBuffer.wrap(webp, position + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
      position += 8 + size + (size % 2);
    }
    assertThat(position).isEqualTo(webp.length);
    return types;
  }

  private static int count(byte[] data, String ascii) {
    byte[] needle = ascii.getBytes(StandardCharsets.US_ASCII);
    int n = 0;
    for (int i = 0; i + needle.length <= data.length; i++) {
      if (Arrays.equals(data, i, i + needle.length, needle, 0, needle.length)) {
        n++;
      }
    }
    return n;
  }

  private static int indexOf(byte[] data, byte[] needle) {
    for (int i = 0; i + needle.length <= data.length; i++) {
      if (Arrays.equals(data, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
