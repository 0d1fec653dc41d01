package io.loramanager.library.lifecycle;

/**
 * The reference's {@code sanitize_folder_name}: makes a model or version name usable as one folder
 * name on every platform.
 */
public final class FolderNames {

  private static final String FORBIDDEN = "<>:\"/\\|?*";

  private FolderNames() {}

  /**
   * Replaces {@code < > : " / \ | ? *} and control characters with {@code _}, collapses runs of
   * {@code _}, trims spaces, dots and underscores on the right and spaces and underscores on the
   * left; {@code ""} stays {@code ""}, anything else that ends up empty becomes {@code unnamed}.
   */
  public static String sanitize(String name) {
    if (name == null || name.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      char kept = c < 0x20 || c == 0x7f || FORBIDDEN.indexOf(c) >= 0 ? '_' : c;
      if (kept != '_' || out.isEmpty() || out.charAt(out.length() - 1) != '_') {
        out.append(kept);
      }
    }
    int end = out.length();
    while (end > 0 && " ._".indexOf(out.charAt(end - 1)) >= 0) {
      end--;
    }
    int start = 0;
    while (start < end && " _".indexOf(out.charAt(start)) >= 0) {
      start++;
    }
    return start == end ? "unnamed" : out.substring(start, end);
  }
}
