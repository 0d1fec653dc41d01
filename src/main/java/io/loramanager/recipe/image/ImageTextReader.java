package io.loramanager.recipe.image;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.png.PngMetadataReader;
import com.drew.imaging.webp.WebpMetadataReader;
import com.drew.lang.KeyValuePair;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.StringValue;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.png.PngDirectory;
import io.loramanager.errors.LmException;
import io.loramanager.library.media.ImageFormat;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the generation texts of an image (anchor-recipes §2.1) with metadata-extractor: PNG {@code
 * parameters}, {@code prompt} and {@code workflow} text chunks (tEXt, zTXt, iTXt), and for JPEG and
 * WebP the EXIF UserComment and an ImageDescription starting {@code Workflow:}. Videos (mp4, webm)
 * give {@link ImageTexts#VIDEO}. Anything that is not one of these formats, or that the library
 * cannot read at all, is a 400 naming the problem; nothing escapes as a 500. AVIF and JXL brotli
 * boxes are not read (recorded in docs/recipes.md).
 */
@ApplicationScoped
public class ImageTextReader {

  private static final String WORKFLOW_PREFIX = "Workflow:";
  private static final byte[] IEND = {
    0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82
  };

  /** The texts of {@code file}; the format is told from its first bytes. */
  public ImageTexts read(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ImageFormat format = ImageFormat.detect(head(channel));
      if (format == null) {
        throw LmException.badInput("Not a supported image: expected PNG, JPEG, WebP, MP4 or WebM");
      }
      if (format.isVideo()) {
        return ImageTexts.VIDEO;
      }
      return switch (format) {
        case PNG -> png(channel);
        case JPEG ->
            exif(
                JpegMetadataReader.readMetadata(
                    stream(channel, channel.size()), List.of(new ExifReader())));
        default ->
            exif(
                WebpMetadataReader.readMetadata(
                    stream(channel, ChunkGuard.readableWebpLength(channel))));
      };
    } catch (LmException e) {
      throw e;
    } catch (NoSuchFileException e) {
      throw LmException.notFound("Image not found: " + file);
    } catch (Exception e) {
      // The library reports malformed files with a zoo of exception types; all mean the same.
      throw LmException.badInput("The image cannot be read: " + describe(e));
    }
  }

  /**
   * Whether the image embeds a ComfyUI workflow (the reference's {@code has_workflow}); false for
   * videos and for files that are missing or cannot be read.
   */
  public boolean hasWorkflow(Path file) {
    try {
      return read(file).hasWorkflow();
    } catch (LmException e) {
      return false;
    }
  }

  /** Which format the file is, or null; for callers that only need the kind. */
  public ImageFormat formatOf(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return ImageFormat.detect(head(channel));
    } catch (IOException e) {
      return null;
    }
  }

  private static ImageTexts png(FileChannel channel) throws Exception {
    ChunkGuard.Readable readable = ChunkGuard.readablePng(channel);
    InputStream in = stream(channel, readable.length());
    if (!readable.complete()) {
      // A truncated file: the library fails on the missing end, so it reads the whole chunks
      // before the cut followed by an end chunk, and keeps the text it finds there.
      in = new SequenceInputStream(in, new ByteArrayInputStream(IEND));
    }
    Metadata metadata = PngMetadataReader.readMetadata(in);
    String parameters = null;
    String prompt = null;
    String workflow = null;
    for (PngDirectory directory : metadata.getDirectoriesOfType(PngDirectory.class)) {
      Object pairs = directory.getObject(PngDirectory.TAG_TEXTUAL_DATA);
      if (!(pairs instanceof List<?> list)) {
        continue;
      }
      for (Object item : list) {
        if (!(item instanceof KeyValuePair pair)) {
          continue;
        }
        String value = pair.getValue().toString();
        switch (pair.getKey()) {
          case "parameters" -> parameters = parameters == null ? value : parameters;
          case "prompt" -> prompt = prompt == null ? value : prompt;
          case "workflow" -> workflow = workflow == null ? value : workflow;
          default -> {
            // Other keywords (Software, Comment, ...) carry no generation data.
          }
        }
      }
    }
    return new ImageTexts(parameters, prompt, workflow, null, false);
  }

  private static ImageTexts exif(Metadata metadata) {
    String comment = null;
    for (ExifSubIFDDirectory directory : metadata.getDirectoriesOfType(ExifSubIFDDirectory.class)) {
      if (comment == null) {
        comment =
            UserCommentText.decode(directory.getByteArray(ExifSubIFDDirectory.TAG_USER_COMMENT));
      }
    }
    String prompt = null;
    String workflow = null;
    for (ExifIFD0Directory directory : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
      String description = text(directory, ExifIFD0Directory.TAG_IMAGE_DESCRIPTION);
      if (description == null) {
        continue;
      }
      if (description.startsWith(WORKFLOW_PREFIX)) {
        workflow = description.substring(WORKFLOW_PREFIX.length());
      } else if (prompt == null) {
        prompt = description;
      }
    }
    return new ImageTexts(comment, prompt, workflow, comment, false);
  }

  private static String text(Directory directory, int tag) {
    Object value = directory.getObject(tag);
    String text = null;
    if (value instanceof StringValue string) {
      text = new String(string.getBytes(), StandardCharsets.UTF_8);
    } else if (value instanceof byte[] bytes) {
      text = new String(bytes, StandardCharsets.UTF_8);
    } else if (value != null) {
      text = value.toString();
    }
    if (text == null) {
      return null;
    }
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == '\0') {
      end--;
    }
    return end == 0 ? null : text.substring(0, end);
  }

  private static byte[] head(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(16);
    while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
      // keep reading: a channel may return fewer bytes than asked
    }
    return Arrays.copyOf(buffer.array(), buffer.position());
  }

  /** The first {@code length} bytes of the file as a stream the library reads once. */
  private static InputStream stream(FileChannel channel, long length) throws IOException {
    channel.position(0);
    InputStream raw = Channels.newInputStream(channel);
    return new BufferedInputStream(new BoundedStream(raw, length), 64 * 1024);
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  /** Reads at most {@code limit} bytes of the wrapped stream. */
  private static final class BoundedStream extends InputStream {
    private final InputStream in;
    private long left;

    BoundedStream(InputStream in, long limit) {
      this.in = in;
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    /** Skips by moving the file position: image data the library skips is never copied. */
    @Override
    public long skip(long n) throws IOException {
      long skipped = in.skip(Math.min(n, left));
      if (skipped > 0) {
        left -= skipped;
      }
      return skipped;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = in.read(buffer, offset, (int) Math.min(length, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }
}
