package io.loramanager.recipe;

import java.util.Arrays;
import java.util.Locale;

/**
 * The media a recipe may keep, told by its first bytes (a client's name or type is not trusted).
 */
public enum RecipeMedia {
  PNG(".png", false),
  JPEG(".jpg", false),
  WEBP(".webp", false),
  GIF(".gif", false),
  MP4(".mp4", true),
  WEBM(".webm", true);

  private final String extension;
  private final boolean video;

  RecipeMedia(String extension, boolean video) {
    this.extension = extension;
    this.video = video;
  }

  public String extension() {
    return extension;
  }

  public boolean video() {
    return video;
  }

  /** The type of these leading bytes (at least 12 are needed), or null when none matches. */
  public static RecipeMedia sniff(byte[] head) {
    if (starts(head, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return PNG;
    }
    if (starts(head, 0, 0xFF, 0xD8, 0xFF)) {
      return JPEG;
    }
    if (starts(head, 0, 'R', 'I', 'F', 'F') && starts(head, 8, 'W', 'E', 'B', 'P')) {
      return WEBP;
    }
    if (starts(head, 0, 'G', 'I', 'F', '8')) {
      return GIF;
    }
    if (starts(head, 4, 'f', 't', 'y', 'p')) {
      return MP4;
    }
    if (starts(head, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
      return WEBM;
    }
    return null;
  }

  /** The names clients may give in the {@code extension} field. */
  public static boolean isVideoExtension(String extension) {
    String e = extension == null ? "" : extension.trim().toLowerCase(Locale.ROOT);
    return Arrays.asList(".mp4", ".webm").contains(e);
  }

  private static boolean starts(byte[] head, int offset, int... expected) {
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
