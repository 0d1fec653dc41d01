package io.loramanager.library.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sizes of imported images are read from their headers; anything else is 0 × 0. */
class MediaDimensionsTest {

  @TempDir Path dir;

  private Path image(String format, int width, int height) throws IOException {
    Path file = dir.resolve("image." + format);
    ImageIO.write(
        new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), format, file.toFile());
    return file;
  }

  @Test
  void pngJpegAndGifSizesComeFromTheirHeaders() throws IOException {
    assertThat(MediaDimensions.of(image("png", 5, 3))).isEqualTo(new MediaDimensions.Size(5, 3));
    assertThat(MediaDimensions.of(image("jpg", 7, 4))).isEqualTo(new MediaDimensions.Size(7, 4));
    assertThat(MediaDimensions.of(image("gif", 2, 9))).isEqualTo(new MediaDimensions.Size(2, 9));
  }

  @Test
  void unreadableOrMissingFilesAreZeroByZero() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.txt"), "not an image");

    assertThat(MediaDimensions.of(text)).isEqualTo(new MediaDimensions.Size(0, 0));
    assertThat(MediaDimensions.of(dir.resolve("missing.png")))
        .isEqualTo(new MediaDimensions.Size(0, 0));
    assertThat(MediaDimensions.of(Files.write(dir.resolve("clip.webm"), ExampleImagesFixture.WEBM)))
        .isEqualTo(new MediaDimensions.Size(0, 0));
  }
}
