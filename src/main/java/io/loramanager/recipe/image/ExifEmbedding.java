package io.loramanager.recipe.image;

import io.loramanager.errors.LmException;
import io.loramanager.library.media.ImageDimensions;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Puts an EXIF block into a JPEG or WebP without re-encoding it: every other byte of the file is
 * kept. JPEG: earlier {@code Exif} APP1 segments are dropped and one new APP1 follows the SOI (and
 * a JFIF APP0). WebP: earlier {@code EXIF} chunks are dropped, a simple file gains the extended
 * {@code VP8X} header (canvas from the bitstream header, alpha flag from VP8L), the EXIF flag is
 * set and the chunk goes after the image data (before {@code XMP }), as the container spec orders
 * it.
 */
final class ExifEmbedding {

  /** Largest APP1 payload a JPEG segment length can describe. */
  static final int MAX_JPEG_EXIF = 65_533 - 6;

  private static final byte[] EXIF_HEADER = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
  private static final int VP8X_EXIF_FLAG = 0x08;
  private static final int VP8X_ALPHA_FLAG = 0x10;

  private ExifEmbedding() {}

  /** The JPEG with {@code tiff} as its only EXIF; 413 when it exceeds one APP1 segment. */
  static byte[] jpeg(byte[] jpeg, byte[] tiff) {
    if (tiff.length > MAX_JPEG_EXIF) {
      throw LmException.tooLarge(
          "The recipe text is too long for a JPEG's EXIF segment ("
              + tiff.length
              + " bytes, at most "
              + MAX_JPEG_EXIF
              + ")");
    }
    if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
      throw LmException.badInput("Not a JPEG image");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + tiff.length + 16);
    out.write(jpeg, 0, 2);
    int position = 2;
    boolean written = false;
    while (position + 4 <= jpeg.length && (jpeg[position] & 0xFF) == 0xFF) {
      int marker = jpeg[position + 1] & 0xFF;
      if (marker == 0xFF) {
        position++; // a fill byte before a marker
        continue;
      }
      if (marker == 0xD9 || marker == 0xDA || marker < 0xC0) {
        break; // end of image, start of scan, or not a segment: the rest is copied as is
      }
      int length = ((jpeg[position + 2] & 0xFF) << 8) | (jpeg[position + 3] & 0xFF);
      if (length < 2 || position + 2 + length > jpeg.length) {
        throw LmException.badInput("The JPEG is truncated; its EXIF cannot be rewritten");
      }
      boolean jfif = marker == 0xE0 && startsWith(jpeg, position + 4, "JFIF\0");
      boolean oldExif = marker == 0xE1 && startsWith(jpeg, position + 4, "Exif\0\0");
      if (!written && !jfif) {
        app1(out, tiff);
        written = true;
      }
      if (!oldExif) {
        out.write(jpeg, position, 2 + length);
      }
      position += 2 + length;
    }
    if (!written) {
      app1(out, tiff);
    }
    out.write(jpeg, position, jpeg.length - position);
    return out.toByteArray();
  }

  private static void app1(ByteArrayOutputStream out, byte[] tiff) {
    int length = 2 + EXIF_HEADER.length + tiff.length;
    out.write(0xFF);
    out.write(0xE1);
    out.write(length >> 8);
    out.write(length & 0xFF);
    out.writeBytes(EXIF_HEADER);
    out.writeBytes(tiff);
  }

  /** The WebP with {@code tiff} as its only EXIF chunk. */
  static byte[] webp(byte[] webp, byte[] tiff) {
    if (webp.length < 20 || !startsWith(webp, 0, "RIFF") || !startsWith(webp, 8, "WEBP")) {
      throw LmException.badInput("Not a WebP image");
    }
    ByteBuffer in = ByteBuffer.wrap(webp).order(ByteOrder.LITTLE_ENDIAN);
    ByteArrayOutputStream chunks = new ByteArrayOutputStream(webp.length + tiff.length + 32);
    byte[] vp8x = null;
    byte[] bitstream = null;
    boolean exifWritten = false;
    int position = 12;
    while (position + 8 <= webp.length) {
      String type = new String(webp, position, 4, StandardCharsets.US_ASCII);
      long size = in.getInt(position + 4) & 0xFFFFFFFFL;
      long padded = size + (size % 2);
      if (position + 8 + size > webp.length) {
        throw LmException.badInput("The WebP is truncated; its EXIF cannot be rewritten");
      }
      int end = (int) Math.min(webp.length, position + 8 + padded);
      switch (type) {
        case "VP8X" -> vp8x = java.util.Arrays.copyOfRange(webp, position + 8, position + 8 + 10);
        case "EXIF" -> {
          // dropped: replaced below
        }
        case "XMP " -> {
          if (!exifWritten) {
            chunk(chunks, "EXIF", tiff);
            exifWritten = true;
          }
          chunks.write(webp, position, end - position);
        }
        default -> {
          if (type.equals("VP8 ") || type.equals("VP8L")) {
            bitstream = java.util.Arrays.copyOfRange(webp, position, end);
          }
          chunks.write(webp, position, end - position);
        }
      }
      position = end;
    }
    if (!exifWritten) {
      chunk(chunks, "EXIF", tiff);
    }
    if (vp8x == null) {
      vp8x = extendedHeader(bitstream);
    }
    vp8x[0] = (byte) (vp8x[0] | VP8X_EXIF_FLAG);
    ByteArrayOutputStream body = new ByteArrayOutputStream(chunks.size() + 32);
    body.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
    chunk(body, "VP8X", vp8x);
    body.writeBytes(chunks.toByteArray());
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + 8);
    out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(littleEndian(body.size()));
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  /** The VP8X payload for a simple WebP: canvas size from its bitstream header. */
  private static byte[] extendedHeader(byte[] bitstream) {
    if (bitstream == null) {
      throw LmException.badInput("The WebP has no image data; its EXIF cannot be written");
    }
    byte[] head = new byte[12 + bitstream.length];
    System.arraycopy(bitstream, 0, head, 12, bitstream.length);
    System.arraycopy("RIFF\0\0\0\0WEBP".getBytes(StandardCharsets.US_ASCII), 0, head, 0, 12);
    ImageDimensions.Size size = ImageDimensions.webp(ByteBuffer.wrap(head));
    if (size == null) {
      throw LmException.badInput("The WebP header cannot be read; its EXIF cannot be written");
    }
    byte[] vp8x = new byte[10];
    boolean lossless = startsWith(bitstream, 0, "VP8L");
    // VP8L: bit 28 of the 32 bits after the signature byte says whether alpha is used.
    if (lossless && bitstream.length >= 13 && (bitstream[12] & 0x10) != 0) {
      vp8x[0] = VP8X_ALPHA_FLAG;
    }
    putUint24(vp8x, 4, size.width() - 1);
    putUint24(vp8x, 7, size.height() - 1);
    return vp8x;
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    out.writeBytes(type.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(littleEndian(data.length));
    out.writeBytes(data);
    if (data.length % 2 == 1) {
      out.write(0);
    }
  }

  private static byte[] littleEndian(int value) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
  }

  private static void putUint24(byte[] target, int at, int value) {
    target[at] = (byte) value;
    target[at + 1] = (byte) (value >> 8);
    target[at + 2] = (byte) (value >> 16);
  }

  private static boolean startsWith(byte[] data, int at, String ascii) {
    if (data.length < at + ascii.length()) {
      return false;
    }
    for (int i = 0; i < ascii.length(); i++) {
      if (data[at + i] != (byte) ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
