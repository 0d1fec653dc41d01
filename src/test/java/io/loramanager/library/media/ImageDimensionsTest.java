package io.loramanager.library.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.loramanager.testsupport.CivitaiFixtures;
import io.loramanager.testsupport.ImageFixtures;
import io.loramanager.testsupport.LibraryFixture;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preview sizes from image headers only, and the per-file cache keyed by size and mtime. */
class ImageDimensionsTest {

  @TempDir Path dir;

  private final ImageDimensions dimensions = new ImageDimensions();

  @Test
  void pngJpegAndGifWrittenByAnEncoder() throws Exception {
    assertThat(sizeOf("a.png", encoded("png", 7, 3))).contains(size(7, 3));
    assertThat(sizeOf("a.jpg", encoded("jpg", 640, 480))).contains(size(640, 480));
    assertThat(sizeOf("a.gif", encoded("gif", 5, 9))).contains(size(5, 9));
  }

  @Test
  void jpegWithLargeExifBeforeTheFrameHeader() throws Exception {
    byte[] plain = encoded("jpg", 33, 17);
    byte[] exif =
        ImageFixtures.jpeg(
            ImageFixtures.unicodeComment("x".repeat(20_000), ByteOrder.BIG_ENDIAN),
            "Workflow:{}",
            ByteOrder.LITTLE_ENDIAN);
    // The fixture's APP1 segment (without its end marker) spliced in after the SOI.
    byte[] app1 = Arrays.copyOfRange(exif, 2, exif.length - 2);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(plain, 0, 2);
    out.write(0xFF); // a fill byte before the marker is allowed
    out.writeBytes(app1);
    out.write(plain, 2, plain.length - 2);

    assertThat(sizeOf("exif.jpg", out.toByteArray())).contains(size(33, 17));
  }

  @Test
  void webpLossyLosslessAndExtendedHeaders() {
    byte[] lossy =
        HexFormat.of()
            .parseHex("52494646000000005745425056503820000000000000009d012a" + "2003" + "5802");
    byte[] lossless = HexFormat.of().parseHex("5249464600000000574542505650384c000000002f");
    // VP8L: 14 bits width-1, 14 bits height-1, little-endian: 100 x 50 → 99 | 49 << 14.
    int bits = 99 | 49 << 14;
    byte[] losslessHeader =
        concat(lossless, new byte[] {(byte) bits, (byte) (bits >> 8), (byte) (bits >> 16), 0});

    assertThat(sizeOf("lossy.webp", lossy)).contains(size(800, 600));
    assertThat(sizeOf("lossless.webp", losslessHeader)).contains(size(100, 50));
    assertThat(
            sizeOf(
                "x.webp",
                HexFormat.of()
                    .parseHex("524946461600000057454250565038580a00000000000000df0100cf0200")))
        .contains(size(480, 720));
  }

  @Test
  void videosTruncatedAndUnknownFilesHaveNoSize() {
    assertThat(sizeOf("clip.mp4", CivitaiFixtures.MP4)).isEmpty();
    assertThat(sizeOf("cut.png", Arrays.copyOf(LibraryFixture.PNG, 20))).isEmpty();
    assertThat(sizeOf("cut.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})).isEmpty();
    assertThat(sizeOf("noframe.jpg", ImageFixtures.jpeg(null, "d", ByteOrder.BIG_ENDIAN)))
        .isEmpty();
    assertThat(sizeOf("cut.webp", "RIFF\0\0\0\0WEBPVP8X".getBytes())).isEmpty();
    assertThat(sizeOf("text.txt", "hello, this is not an image at all".getBytes())).isEmpty();
    assertThat(dimensions.of(dir.resolve("missing.png"))).isEmpty();
  }

  @Test
  void aChangedFileIsReadAgainAnUnchangedOneIsNot() throws Exception {
    Path file = dir.resolve("p.png");
    Files.write(file, encoded("png", 4, 4));
    FileTime stamp = FileTime.fromMillis(1_700_000_000_000L);
    Files.setLastModifiedTime(file, stamp);
    assertThat(dimensions.of(file)).contains(size(4, 4));

    // Same length and mtime, other pixels size in the header: the cached answer stands.
    byte[] same = encoded("png", 4, 4);
    same[19] = 9; // IHDR width low byte
    Files.write(file, same);
    Files.setLastModifiedTime(file, stamp);
    assertThat(dimensions.of(file)).contains(size(4, 4));

    Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_001_000L));
    assertThat(dimensions.of(file)).contains(size(9, 4));

    Files.delete(file);
    assertThat(dimensions.of(file)).isEmpty();
  }

  private Optional<ImageDimensions.Size> sizeOf(String name, byte[] content) {
    Path file = dir.resolve(name);
    LibraryFixture.write(file, content);
    return dimensions.of(file);
  }

  private static ImageDimensions.Size size(int width, int height) {
    return new ImageDimensions.Size(width, height);
  }

  private static byte[] encoded(String format, int width, int height) throws Exception {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, format, out)).isTrue();
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
