package io.loramanager.library.lifecycle;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The preview formats an upload may have, recognised by their leading bytes (never by the file name
 * or the declared content type), with the suffix the preview is saved under. Images keep their own
 * format: re-encoding to WebP, as the reference does, needs a native encoder.
 */
public enum PreviewFormat {
  PNG(".png"),
  JPEG(".jpeg"),
  WEBP(".webp"),
  GIF(".gif"),
  MP4(".mp4"),
  WEBM(".webm");

  /** How many leading bytes {@link #sniff} needs at most. */
  public static final int HEAD_BYTES = 12;

  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final byte[] JPEG_MAGIC = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
  private static final byte[] EBML_MAGIC = {0x1a, 0x45, (byte) 0xdf, (byte) 0xa3};

  private final String suffix;

  PreviewFormat(String suffix) {
    this.suffix = suffix;
  }

  /** The suffix of the saved preview, e.g. {@code .png}. */
  public String suffix() {
    return suffix;
  }

  /** The format of content starting with {@code head}, if it is one we keep as a preview. */
  public static Optional<PreviewFormat> sniff(byte[] head) {
    if (startsWith(head, 0, PNG_MAGIC)) {
      return Optional.of(PNG);
    }
    if (startsWith(head, 0, JPEG_MAGIC)) {
      return Optional.of(JPEG);
    }
    if (startsWith(head, 0, ascii("GIF87a")) || startsWith(head, 0, ascii("GIF89a"))) {
      return Optional.of(GIF);
    }
    if (startsWith(head, 0, ascii("RIFF")) && startsWith(head, 8, ascii("WEBP"))) {
      return Optional.of(WEBP);
    }
    if (startsWith(head, 4, ascii("ftyp"))) {
      return Optional.of(MP4);
    }
    if (startsWith(head, 0, EBML_MAGIC)) {
      return Optional.of(WEBM);
    }
    return Optional.empty();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static boolean startsWith(byte[] head, int offset, byte[] magic) {
    return head.length >= offset + magic.length
        && Arrays.equals(head, offset, offset + magic.length, magic, 0, magic.length);
  }
}
