package io.loramanager.library.lifecycle;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes an uploaded preview to disk, scaled down to the reference's preview width when it is a
 * wider PNG or JPEG (the reference re-encodes every still image to a 480-pixel WebP; Java has no
 * WebP encoder, so the image keeps its own format). WebP, GIF and video uploads, images at most 480
 * pixels wide, and images the JDK cannot decode are written as they came.
 */
final class PreviewScaling {

  /** The width of the reference's optimised previews. */
  static final int WIDTH = 480;

  private static final float JPEG_QUALITY = 0.85f;

  private PreviewScaling() {}

  /** Where the new preview's bytes come from; may be opened twice (decode, then copy). */
  @FunctionalInterface
  interface Content {
    InputStream open() throws IOException;
  }

  /** Writes {@code upload} (of {@code format}) to {@code destination}, forced to disk. */
  static void write(Content upload, PreviewFormat format, Path destination) throws IOException {
    BufferedImage scaled =
        format == PreviewFormat.PNG || format == PreviewFormat.JPEG
            ? scaledOrNull(upload, format)
            : null;
    try (FileChannel out =
        FileChannel.open(
            destination,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      OutputStream stream = Channels.newOutputStream(out);
      if (scaled == null) {
        try (InputStream in = upload.open()) {
          in.transferTo(stream);
        }
      } else if (format == PreviewFormat.PNG) {
        if (!ImageIO.write(scaled, "png", stream)) {
          throw new IOException("no PNG writer available");
        }
      } else {
        writeJpeg(scaled, stream);
      }
      stream.flush();
      out.force(true);
    }
  }

  /** The image scaled to {@link #WIDTH}, or null when it needs no scaling or cannot be decoded. */
  private static BufferedImage scaledOrNull(Content upload, PreviewFormat format) {
    BufferedImage image;
    try (InputStream in = upload.open()) {
      image = ImageIO.read(in);
    } catch (IOException | RuntimeException e) {
      // Right magic bytes, undecodable body: kept as uploaded, as any other format is.
      return null;
    }
    if (image == null || image.getWidth() <= WIDTH) {
      return null;
    }
    int height = Math.max(1, Math.round((float) image.getHeight() * WIDTH / image.getWidth()));
    boolean alpha = format == PreviewFormat.PNG && image.getColorModel().hasAlpha();
    BufferedImage scaled =
        new BufferedImage(
            WIDTH, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = scaled.createGraphics();
    try {
      graphics.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      graphics.drawImage(image, 0, 0, WIDTH, height, null);
    } finally {
      graphics.dispose();
    }
    return scaled;
  }

  private static void writeJpeg(BufferedImage image, OutputStream stream) throws IOException {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    if (!writers.hasNext()) {
      throw new IOException("no JPEG writer available");
    }
    ImageWriter writer = writers.next();
    try (ImageOutputStream output = ImageIO.createImageOutputStream(stream)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(JPEG_QUALITY);
      writer.setOutput(output);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
  }
}
