package io.loramanager.library.examples;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which example media this server keeps, told from the bytes themselves: a CDN's content type or a
 * URL's extension can lie (an HTML error page served as {@code image/jpeg}), magic bytes do not.
 */
final class MediaKinds {

  /** Bytes read from the start of a file to recognise it. */
  static final int HEAD_BYTES = 32;

  private static final Map<String, String> CONTENT_TYPES =
      Map.of(
          ".jpg", "image/jpeg",
          ".jpeg", "image/jpeg",
          ".png", "image/png",
          ".webp", "image/webp",
          ".gif", "image/gif",
          ".avif", "image/avif",
          ".jxl", "image/jxl",
          ".mp4", "video/mp4",
          ".webm", "video/webm");

  private MediaKinds() {}

  /** The extension (with its dot) of a supported image or video, from its first bytes. */
  static Optional<String> sniff(byte[] head) {
    if (startsWith(head, 0, 0xFF, 0xD8, 0xFF)) {
      return Optional.of(".jpg");
    }
    if (startsWith(head, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of(".png");
    }
    if (ascii(head, 0, "GIF87a") || ascii(head, 0, "GIF89a")) {
      return Optional.of(".gif");
    }
    if (ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP")) {
      return Optional.of(".webp");
    }
    if (startsWith(head, 0, 0xFF, 0x0A) || startsWith(head, 0, 0, 0, 0, 0x0C, 'J', 'X', 'L', ' ')) {
      return Optional.of(".jxl");
    }
    if (startsWith(head, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
      return Optional.of(".webm");
    }
    if (ascii(head, 4, "ftyp")) {
      return Optional.of(ascii(head, 8, "avif") || ascii(head, 8, "avis") ? ".avif" : ".mp4");
    }
    return Optional.empty();
  }

  /** The content type to serve a file with, or empty for a file this server does not keep. */
  static Optional<String> contentType(String fileName) {
    return Optional.ofNullable(CONTENT_TYPES.get(extension(fileName)));
  }

  static boolean isVideo(String fileName) {
    String extension = extension(fileName);
    return extension.equals(".mp4") || extension.equals(".webm");
  }

  /** The lower-case extension with its dot, or "" when there is none. */
  static String extension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot <= 0 ? "" : fileName.substring(dot).toLowerCase(Locale.ROOT);
  }

  private static boolean ascii(byte[] head, int offset, String text) {
    byte[] expected = text.getBytes(StandardCharsets.US_ASCII);
    return head.length >= offset + expected.length
        && Arrays.equals(head, offset, offset + expected.length, expected, 0, expected.length);
  }

  private static boolean startsWith(byte[] head, int offset, int... expected) {
    if (head.length < offset + expected.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if ((head[offset + i] & 0xFF) != expected[i]) {
        return false;
      }
    }
    return true;
  }
}
