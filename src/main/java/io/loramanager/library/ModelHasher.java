package io.loramanager.library;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a whole file, streamed in fixed chunks; never the whole file in memory. */
public final class ModelHasher {

  private ModelHasher() {}

  /** Lower-case hex SHA-256 of the file. */
  public static String sha256(Path file, int chunkBytes) throws IOException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[chunkBytes];
    try (InputStream in = Files.newInputStream(file)) {
      int read;
      while ((read = in.read(buffer)) != -1) {
        digest.update(buffer, 0, read);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
