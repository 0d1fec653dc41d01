package io.loramanager.library.lifecycle;

import io.loramanager.errors.LmException;
import java.nio.charset.StandardCharsets;

/** What a new model file name (without extension) may be, on every platform the library lives. */
public final class FileNameRules {

  /** Longest file name most file systems accept, in bytes. */
  public static final int MAX_BYTES = 255;

  private static final String FORBIDDEN = "/\\:*?\"<>|";

  private FileNameRules() {}

  /**
   * Refuses with 400 a name that is empty, {@code .} or {@code ..}, holds a forbidden or control
   * character, or would make a file name ({@code name + longestSuffix}) longer than 255 bytes.
   */
  public static void check(String name, String longestSuffix) {
    if (name == null || name.isEmpty()) {
      throw LmException.badInput("new_file_name must not be empty");
    }
    if (name.equals(".") || name.equals("..")) {
      throw LmException.badInput("Invalid file name: '" + name + "'");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (FORBIDDEN.indexOf(c) >= 0) {
        throw LmException.badInput(
            "Invalid characters in file name: '"
                + c
                + "' is not allowed (none of / \\ : * ? \" <"
                + " > |)");
      }
      if (Character.isISOControl(c)) {
        throw LmException.badInput(
            "Invalid characters in file name: control character U+"
                + String.format("%04X", (int) c)
                + " is not allowed");
      }
    }
    int bytes = (name + longestSuffix).getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      throw LmException.badInput(
          "File name is too long: '"
              + name
              + longestSuffix
              + "' would be "
              + bytes
              + " bytes (at most "
              + MAX_BYTES
              + ")");
    }
  }
}
