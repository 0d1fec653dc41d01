package io.loramanager.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes small real images carrying generation metadata: PNG with tEXt/zTXt/iTXt chunks, and JPEG
 * and WebP with an EXIF UserComment and ImageDescription, in either byte order.
 */
public final class ImageFixtures {

  private ImageFixtures() {}

  public static PngBuilder png() {
    return new PngBuilder();
  }

  /** A PNG of one pixel with the given text chunks, in the order added. */
  public static final class PngBuilder {
    private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    private byte[] pixels = new byte[] {0, 0, 0, 0};

    public PngBuilder text(String keyword, String value) {
      return chunk("tEXt", concat(latin1(keyword), new byte[] {0}, latin1(value)));
    }

    public PngBuilder ztxt(String keyword, String value) {
      return chunk("zTXt", concat(latin1(keyword), new byte[] {0, 0}, deflate(latin1(value))));
    }

    public PngBuilder itxt(String keyword, String value, boolean compressed) {
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      return chunk(
          "iTXt",
          concat(
              latin1(keyword),
              new byte[] {0, (byte) (compressed ? 1 : 0), 0, 0, 0},
              compressed ? deflate(utf8) : utf8));
    }

    /** Makes the image data {@code bytes} long (random-looking, incompressible) for size tests. */
    public PngBuilder pixelBytes(int bytes) {
      pixels = new byte[bytes];
      long x = 88172645463325252L;
      for (int i = 0; i < bytes; i++) {
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        pixels[i] = (byte) x;
      }
      return this;
    }

    public PngBuilder chunk(String type, byte[] data) {
      writeChunk(chunks, type, data);
      return this;
    }

    public byte[] build() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
      ByteBuffer ihdr = ByteBuffer.allocate(13);
      ihdr.putInt(1)
          .putInt(1)
          .put((byte) 8)
          .put((byte) 6)
          .put((byte) 0)
          .put((byte) 0)
          .put((byte) 0);
      writeChunk(out, "IHDR", ihdr.array());
      out.writeBytes(chunks.toByteArray());
      writeChunk(out, "IDAT", pixels.length == 4 ? deflate(new byte[] {0, 0, 0, 0, 0}) : pixels);
      writeChunk(out, "IEND", new byte[0]);
      return out.toByteArray();
    }
  }

  /** {@code UNICODE\0} followed by the text in UTF-16 of the given byte order. */
  public static byte[] unicodeComment(String text, ByteOrder order) {
    return concat(
        "UNICODE\0".getBytes(StandardCharsets.US_ASCII),
        text.getBytes(
            order == ByteOrder.BIG_ENDIAN ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE));
  }

  /** A JPEG whose APP1 holds the EXIF of {@link #exif}. */
  public static byte[] jpeg(byte[] userComment, String imageDescription, ByteOrder order) {
    byte[] exif =
        concat(
            "Exif\0\0".getBytes(StandardCharsets.US_ASCII),
            exif(userComment, imageDescription, order));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1});
    out.writeBytes(ByteBuffer.allocate(2).putShort((short) (exif.length + 2)).array());
    out.writeBytes(exif);
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD9});
    return out.toByteArray();
  }

  /** A WebP (VP8X + EXIF chunk) carrying the EXIF of {@link #exif}. */
  public static byte[] webp(byte[] userComment, String imageDescription, ByteOrder order) {
    byte[] exif = exif(userComment, imageDescription, order);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
    byte[] vp8x = new byte[10];
    vp8x[0] = 0x08; // EXIF present
    riffChunk(body, "VP8X", vp8x);
    riffChunk(body, "EXIF", exif);
    byte[] content = body.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(
        ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(content.length).array());
    out.writeBytes(content);
    return out.toByteArray();
  }

  /**
   * A TIFF/EXIF block: IFD0 with ImageDescription (when given) and a pointer to the Exif IFD that
   * holds the UserComment (when given).
   */
  public static byte[] exif(byte[] userComment, String imageDescription, ByteOrder order) {
    byte[] description =
        imageDescription == null
            ? null
            : concat(imageDescription.getBytes(StandardCharsets.UTF_8), new byte[] {0});
    int ifd0Entries = (description == null ? 0 : 1) + 1;
    int ifd0Size = 2 + ifd0Entries * 12 + 4;
    int subIfdOffset = 8 + ifd0Size;
    int subIfdSize = 2 + (userComment == null ? 0 : 1) * 12 + 4;
    int dataOffset = subIfdOffset + subIfdSize;
    ByteBuffer tiff =
        ByteBuffer.allocate(
                dataOffset
                    + (description == null ? 0 : description.length)
                    + (userComment == null ? 0 : userComment.length))
            .order(order);
    tiff.put(order == ByteOrder.BIG_ENDIAN ? (byte) 'M' : (byte) 'I');
    tiff.put(order == ByteOrder.BIG_ENDIAN ? (byte) 'M' : (byte) 'I');
    tiff.putShort((short) 42).putInt(8);
    tiff.putShort((short) ifd0Entries);
    int next = dataOffset;
    if (description != null) {
      tiff.putShort((short) 0x010E).putShort((short) 2).putInt(description.length).putInt(next);
      next += description.length;
    }
    tiff.putShort((short) 0x8769).putShort((short) 4).putInt(1).putInt(subIfdOffset);
    tiff.putInt(0);
    tiff.putShort((short) (userComment == null ? 0 : 1));
    if (userComment != null) {
      tiff.putShort((short) 0x9286).putShort((short) 7).putInt(userComment.length).putInt(next);
    }
    tiff.putInt(0);
    if (description != null) {
      tiff.put(description);
    }
    if (userComment != null) {
      tiff.put(userComment);
    }
    return tiff.array();
  }

  private static void riffChunk(ByteArrayOutputStream out, String type, byte[] data) {
    out.writeBytes(type.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(
        ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(data.length).array());
    out.writeBytes(data);
    if (data.length % 2 == 1) {
      out.write(0);
    }
  }

  /** One PNG chunk with its CRC. */
  public static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] typeBytes = latin1(type);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  public static byte[] deflate(byte[] data) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    deflater.setInput(data);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }

  private static byte[] latin1(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
