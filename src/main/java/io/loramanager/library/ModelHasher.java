package io.loramanager.library;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a whole file, streamed in fixed chunks; never the whole file in memory. */
public final class ModelHasher {

  private ModelHasher() {}

  /**
   * Lower-case hex SHA-256 of the file, read {@code chunkBytes} at a time (less for a smaller
   * file). The chunks go into a direct buffer, which the digest consumes in small cache-resident
   * pieces: one copy of the file fewer than reading into a large heap array.
   */
  public static String sha256(Path file, int chunkBytes) throws IOException {
    MessageDigest digest = newDigest();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      // At least one byte, or a read could return 0 forever instead of reaching the end.
      int size = (int) Math.max(1, Math.min(chunkBytes, channel.size()));
      ByteBuffer buffer = ByteBuffer.allocateDirect(size);
      while (channel.read(buffer) != -1) {
        buffer.flip();
        digest.update(buffer);
        buffer.clear();
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
