package io.loramanager.library.media;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pixel size of an image: a recipe preview's {@code width} and {@code height} on the list
 * (anchor-recipes §4.1), an imported example image's entry. Only the header is read (PNG IHDR, the
 * JPEG SOF segment, the WebP VP8, VP8L or VP8X header, the GIF screen descriptor), never the
 * pixels, and the answer is kept per file until its size or modification time changes, so a list
 * page costs one stat per item. Videos and unreadable files have no size.
 */
@ApplicationScoped
public class ImageDimensions {

  /** Width and height in pixels. */
  public record Size(int width, int height) {}

  private record Known(long mtimeMs, long fileSize, Size size) {}

  /** Beyond this many files the cache starts again (deleted recipes leave no lasting entries). */
  private static final int MAX_CACHED = 200_000;

  private static final int HEAD_BYTES = 32;

  private final ConcurrentHashMap<Path, Known> known = new ConcurrentHashMap<>();

  /** The size of the image at {@code file}; empty for videos, missing or unreadable files. */
  public Optional<Size> of(Path file) {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      known.remove(file);
      return Optional.empty();
    }
    long mtime = attrs.lastModifiedTime().toMillis();
    Known cached = known.get(file);
    if (cached != null && cached.mtimeMs() == mtime && cached.fileSize() == attrs.size()) {
      return Optional.ofNullable(cached.size());
    }
    Size size = read(file);
    if (known.size() >= MAX_CACHED) {
      known.clear();
    }
    known.put(file, new Known(mtime, attrs.size(), size));
    return Optional.ofNullable(size);
  }

  /** Reads the size from the file's header, or null. */
  public static Size read(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer head = readAt(channel, 0, HEAD_BYTES);
      ImageFormat format = ImageFormat.detect(bytes(head));
      if (isGif(head)) {
        return gif(head);
      }
      if (format == null) {
        return null;
      }
      return switch (format) {
        case PNG -> png(head);
        case JPEG -> jpeg(channel);
        case WEBP -> webp(head);
        default -> null;
      };
    } catch (IOException | RuntimeException e) {
      // A truncated or odd header: the list simply shows no size, as the reference does.
      return null;
    }
  }

  private static Size png(ByteBuffer head) {
    if (head.limit() < 24 || !ascii(head, 12, "IHDR")) {
      return null;
    }
    return positive(head.order(ByteOrder.BIG_ENDIAN).getInt(16), head.getInt(20));
  }

  private static boolean isGif(ByteBuffer head) {
    return head.limit() >= 10 && (ascii(head, 0, "GIF87a") || ascii(head, 0, "GIF89a"));
  }

  private static Size gif(ByteBuffer head) {
    head.order(ByteOrder.LITTLE_ENDIAN);
    return positive(head.getShort(6) & 0xFFFF, head.getShort(8) & 0xFFFF);
  }

  /** The size in the first bytes of a WebP file (its VP8, VP8L or VP8X header), or null. */
  public static Size webp(ByteBuffer head) {
    head.order(ByteOrder.LITTLE_ENDIAN);
    if (head.limit() >= 30 && ascii(head, 12, "VP8 ")) {
      // Frame tag (3 bytes) and start code (3 bytes), then 14-bit width and height.
      return positive(head.getShort(26) & 0x3FFF, head.getShort(28) & 0x3FFF);
    }
    if (head.limit() >= 25 && ascii(head, 12, "VP8L") && (head.get(20) & 0xFF) == 0x2F) {
      int bits = head.getInt(21);
      return positive((bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1);
    }
    if (head.limit() >= 30 && ascii(head, 12, "VP8X")) {
      return positive(uint24(head, 24) + 1, uint24(head, 27) + 1);
    }
    return null;
  }

  /** Walks the JPEG segments to the first start-of-frame; only segment headers are read. */
  private static Size jpeg(FileChannel channel) throws IOException {
    long position = 2;
    long end = channel.size();
    while (position + 4 <= end) {
      ByteBuffer marker = readAt(channel, position, 9);
      if (marker.limit() < 4 || (marker.get(0) & 0xFF) != 0xFF) {
        return null;
      }
      int type = marker.get(1) & 0xFF;
      if (type == 0xFF) {
        position++; // fill byte
        continue;
      }
      if (type == 0xD8 || type == 0x01 || (type >= 0xD0 && type <= 0xD7)) {
        position += 2; // markers without a length
        continue;
      }
      if (type == 0xD9 || type == 0xDA) {
        return null; // end of image or scan data before any frame header
      }
      int length = marker.order(ByteOrder.BIG_ENDIAN).getShort(2) & 0xFFFF;
      if (isStartOfFrame(type)) {
        return marker.limit() < 9
            ? null
            : positive(marker.getShort(7) & 0xFFFF, marker.getShort(5) & 0xFFFF);
      }
      if (length < 2) {
        return null;
      }
      position += 2 + length;
    }
    return null;
  }

  private static boolean isStartOfFrame(int type) {
    return type >= 0xC0 && type <= 0xCF && type != 0xC4 && type != 0xC8 && type != 0xCC;
  }

  private static Size positive(int width, int height) {
    return width > 0 && height > 0 ? new Size(width, height) : null;
  }

  private static int uint24(ByteBuffer buffer, int at) {
    return (buffer.get(at) & 0xFF)
        | (buffer.get(at + 1) & 0xFF) << 8
        | (buffer.get(at + 2) & 0xFF) << 16;
  }

  private static boolean ascii(ByteBuffer buffer, int at, String text) {
    if (buffer.limit() < at + text.length()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (buffer.get(at + i) != (byte) text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static ByteBuffer readAt(FileChannel channel, long position, int length)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + buffer.position());
      if (n <= 0) {
        break;
      }
    }
    buffer.flip();
    return buffer;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.limit()];
    buffer.duplicate().get(out);
    return out;
  }
}
