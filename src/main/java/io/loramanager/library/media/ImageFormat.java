package io.loramanager.library.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The media kinds a recipe accepts, told apart by their first bytes (never by the file name). */
public enum ImageFormat {
  PNG(".png"),
  JPEG(".jpg"),
  WEBP(".webp"),
  MP4(".mp4"),
  WEBM(".webm");

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private final String extension;

  ImageFormat(String extension) {
    this.extension = extension;
  }

  /** The usual file extension, with its dot. */
  public String extension() {
    return extension;
  }

  public boolean isVideo() {
    return this == MP4 || this == WEBM;
  }

  /** The format of a file starting with {@code head} (at least 12 bytes for WebP), or null. */
  public static ImageFormat detect(byte[] head) {
    if (startsWith(head, PNG_SIGNATURE, 0)) {
      return PNG;
    }
    if (head.length >= 3
        && (head[0] & 0xFF) == 0xFF
        && (head[1] & 0xFF) == 0xD8
        && (head[2] & 0xFF) == 0xFF) {
      return JPEG;
    }
    if (startsWith(head, ascii("RIFF"), 0) && startsWith(head, ascii("WEBP"), 8)) {
      return WEBP;
    }
    if (startsWith(head, ascii("ftyp"), 4)) {
      return MP4;
    }
    if (startsWith(head, new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3}, 0)) {
      return WEBM;
    }
    return null;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static boolean startsWith(byte[] data, byte[] prefix, int offset) {
    return data.length >= offset + prefix.length
        && Arrays.equals(data, offset, offset + prefix.length, prefix, 0, prefix.length);
  }
}
