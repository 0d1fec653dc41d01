package io.loramanager.recipe.image;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A minimal big-endian EXIF (TIFF) block as the reference writes for recipe images (anchor-recipes
 * §2.2): IFD0 with an optional ImageDescription and the pointer to the Exif IFD, which holds the
 * UserComment as {@code UNICODE\0} followed by UTF-16BE text.
 */
final class ExifBlock {

  private static final int TAG_IMAGE_DESCRIPTION = 0x010E;
  private static final int TAG_EXIF_IFD = 0x8769;
  private static final int TAG_USER_COMMENT = 0x9286;
  private static final short TYPE_ASCII = 2;
  private static final short TYPE_LONG = 4;
  private static final short TYPE_UNDEFINED = 7;
  private static final byte[] UNICODE_PREFIX = "UNICODE\0".getBytes(StandardCharsets.US_ASCII);

  private ExifBlock() {}

  /**
   * The TIFF bytes ({@code MM\0*...}) carrying {@code userComment}, and {@code description} in IFD0
   * when not null.
   */
  static byte[] of(String userComment, String description) {
    byte[] comment = concat(UNICODE_PREFIX, userComment.getBytes(StandardCharsets.UTF_16BE));
    byte[] describe =
        description == null ? null : (description + "\0").getBytes(StandardCharsets.UTF_8);
    int ifd0Entries = describe == null ? 1 : 2;
    int ifd0Offset = 8;
    int ifd0Size = 2 + 12 * ifd0Entries + 4;
    int descriptionOffset = ifd0Offset + ifd0Size;
    // Values of up to four bytes sit in the entry itself.
    boolean inline = describe != null && describe.length <= 4;
    int exifIfdOffset =
        descriptionOffset + (describe == null || inline ? 0 : even(describe.length));
    int exifIfdSize = 2 + 12 + 4;
    int commentOffset = exifIfdOffset + exifIfdSize;
    ByteBuffer out = ByteBuffer.allocate(commentOffset + even(comment.length));
    out.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(ifd0Offset);
    // IFD0: entries in ascending tag order, then no next IFD.
    out.putShort((short) ifd0Entries);
    if (inline) {
      out.putShort((short) TAG_IMAGE_DESCRIPTION).putShort(TYPE_ASCII).putInt(describe.length);
      out.put(java.util.Arrays.copyOf(describe, 4));
    } else if (describe != null) {
      entry(out, TAG_IMAGE_DESCRIPTION, TYPE_ASCII, describe.length, descriptionOffset);
    }
    entry(out, TAG_EXIF_IFD, TYPE_LONG, 1, exifIfdOffset);
    out.putInt(0);
    if (describe != null && !inline) {
      out.put(describe);
      if (describe.length % 2 == 1) {
        out.put((byte) 0);
      }
    }
    out.putShort((short) 1);
    entry(out, TAG_USER_COMMENT, TYPE_UNDEFINED, comment.length, commentOffset);
    out.putInt(0);
    out.put(comment);
    return out.array();
  }

  private static void entry(ByteBuffer out, int tag, short type, int count, int valueOffset) {
    out.putShort((short) tag).putShort(type).putInt(count).putInt(valueOffset);
  }

  /** Values start on word boundaries (TIFF 6.0). */
  private static int even(int length) {
    return length + (length % 2);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }
}
