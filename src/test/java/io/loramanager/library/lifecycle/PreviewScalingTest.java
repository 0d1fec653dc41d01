package io.loramanager.library.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.loramanager.testsupport.LibraryFixture;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PreviewScaling}: wide PNG/JPEG previews come out 480 pixels wide, the rest as uploaded.
 */
class PreviewScalingTest {

  @TempDir Path dir;

  /** A generated image: left half red, right half blue, so scaling keeps a visible layout. */
  private Path image(String format, int width, int height, int type) throws Exception {
    BufferedImage image = new BufferedImage(width, height, type);
    for (int x = 0; x < width; x++) {
      for (int y = 0; y < height; y++) {
        image.setRGB(x, y, x < width / 2 ? 0xffff0000 : 0xff0000ff);
      }
    }
    if (type == BufferedImage.TYPE_INT_ARGB) {
      image.setRGB(0, 0, 0x00000000);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, format, bytes)).isTrue();
    Path file = dir.resolve("upload-" + width + "x" + height + "." + format);
    Files.write(file, bytes.toByteArray());
    return file;
  }

  private Path write(Path upload, PreviewFormat format) throws Exception {
    Path out = dir.resolve("out" + format.suffix());
    PreviewScaling.write(() -> Files.newInputStream(upload), format, out);
    return out;
  }

  @Test
  void aWidePngIsScaledTo480KeepingItsAspectAndAlpha() throws Exception {
    Path upload = image("png", 1200, 800, BufferedImage.TYPE_INT_ARGB);

    Path out = write(upload, PreviewFormat.PNG);

    assertThat(PreviewFormat.sniff(LibraryFixture.read(out))).contains(PreviewFormat.PNG);
    BufferedImage scaled = ImageIO.read(out.toFile());
    assertThat(scaled.getWidth()).isEqualTo(480);
    assertThat(scaled.getHeight()).isEqualTo(320);
    assertThat(scaled.getColorModel().hasAlpha()).isTrue();
    assertThat(new Color(scaled.getRGB(100, 160))).isEqualTo(Color.RED);
    assertThat(new Color(scaled.getRGB(380, 160))).isEqualTo(Color.BLUE);
  }

  @Test
  void aWideJpegIsScaledTo480AndStaysAJpeg() throws Exception {
    Path upload = image("jpeg", 960, 1281, BufferedImage.TYPE_INT_RGB);

    Path out = write(upload, PreviewFormat.JPEG);

    assertThat(PreviewFormat.sniff(LibraryFixture.read(out))).contains(PreviewFormat.JPEG);
    BufferedImage scaled = ImageIO.read(out.toFile());
    assertThat(scaled.getWidth()).isEqualTo(480);
    assertThat(scaled.getHeight()).isEqualTo(641);
    Color left = new Color(scaled.getRGB(100, 300));
    assertThat(left.getRed()).isGreaterThan(200);
    assertThat(left.getBlue()).isLessThan(60);
  }

  @Test
  void anImageAtMost480WideIsKeptByteForByte() throws Exception {
    Path narrow = image("png", 480, 900, BufferedImage.TYPE_INT_RGB);
    Path small = image("jpeg", 64, 64, BufferedImage.TYPE_INT_RGB);

    assertThat(LibraryFixture.read(write(narrow, PreviewFormat.PNG)))
        .isEqualTo(LibraryFixture.read(narrow));
    assertThat(LibraryFixture.read(write(small, PreviewFormat.JPEG)))
        .isEqualTo(LibraryFixture.read(small));
  }

  @Test
  void gifWebpAndVideoAreKeptAsUploadedWhateverTheirSize() throws Exception {
    Path gif = image("gif", 1000, 500, BufferedImage.TYPE_INT_RGB);
    Path video = dir.resolve("clip.mp4");
    Files.write(video, java.util.HexFormat.of().parseHex("000000186674797069736f6d00000200"));

    assertThat(LibraryFixture.read(write(gif, PreviewFormat.GIF)))
        .isEqualTo(LibraryFixture.read(gif));
    assertThat(LibraryFixture.read(write(video, PreviewFormat.MP4)))
        .isEqualTo(LibraryFixture.read(video));
  }

  @Test
  void aPngThatCannotBeDecodedIsKeptAsUploaded() throws Exception {
    Path broken = dir.resolve("broken.png");
    byte[] bytes = new byte[64];
    System.arraycopy(LibraryFixture.PNG, 0, bytes, 0, 8);
    Files.write(broken, bytes);

    assertThat(LibraryFixture.read(write(broken, PreviewFormat.PNG))).isEqualTo(bytes);
  }
}
