package io.loramanager.library.examples;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.gif.GifHeaderDirectory;
import com.drew.metadata.jpeg.JpegDirectory;
import com.drew.metadata.png.PngDirectory;
import com.drew.metadata.webp.WebpDirectory;
import java.io.IOException;
import java.nio.file.Path;

/** Width and height of an image from its header (nothing is decoded); 0 × 0 when unknown. */
final class MediaDimensions {

  record Size(int width, int height) {}

  private static final Size UNKNOWN = new Size(0, 0);

  private MediaDimensions() {}

  static Size of(Path file) {
    Metadata metadata;
    try {
      metadata = ImageMetadataReader.readMetadata(file.toFile());
    } catch (ImageProcessingException | IOException | RuntimeException e) {
      // Videos and formats the reader does not know have no size we could tell cheaply.
      return UNKNOWN;
    }
    for (Directory directory : metadata.getDirectories()) {
      Size size = size(directory);
      if (size != null) {
        return size;
      }
    }
    return UNKNOWN;
  }

  private static Size size(Directory directory) {
    int widthTag;
    int heightTag;
    if (directory instanceof JpegDirectory) {
      widthTag = JpegDirectory.TAG_IMAGE_WIDTH;
      heightTag = JpegDirectory.TAG_IMAGE_HEIGHT;
    } else if (directory instanceof PngDirectory) {
      widthTag = PngDirectory.TAG_IMAGE_WIDTH;
      heightTag = PngDirectory.TAG_IMAGE_HEIGHT;
    } else if (directory instanceof WebpDirectory) {
      widthTag = WebpDirectory.TAG_IMAGE_WIDTH;
      heightTag = WebpDirectory.TAG_IMAGE_HEIGHT;
    } else if (directory instanceof GifHeaderDirectory) {
      widthTag = GifHeaderDirectory.TAG_IMAGE_WIDTH;
      heightTag = GifHeaderDirectory.TAG_IMAGE_HEIGHT;
    } else {
      return null;
    }
    Integer width = directory.getInteger(widthTag);
    Integer height = directory.getInteger(heightTag);
    return width == null || height == null ? null : new Size(width, height);
  }
}
