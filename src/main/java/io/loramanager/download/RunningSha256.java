package io.loramanager.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of the bytes written to a partial file so far, carried across attempts so that a
 * resume hashes only new bytes; a partial file left by an earlier run is hashed once, from disk.
 */
final class RunningSha256 {

  private final MessageDigest digest = newDigest();
  private long covered;

  /** Bytes the digest covers. */
  long covered() {
    return covered;
  }

  void update(ByteBuffer bytes) {
    covered += bytes.remaining();
    digest.update(bytes);
  }

  void reset() {
    digest.reset();
    covered = 0;
  }

  /** Makes the digest cover exactly the first {@code size} bytes of {@code file}. */
  void catchUp(Path file, long size, ByteBuffer scratch) throws IOException {
    if (covered == size) {
      return;
    }
    reset();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long left = size;
      while (left > 0) {
        scratch.clear();
        if (scratch.capacity() > left) {
          scratch.limit((int) left);
        }
        int read = channel.read(scratch);
        if (read < 0) {
          throw new IOException(file + " is shorter than " + size + " bytes");
        }
        scratch.flip();
        update(scratch);
        left -= read;
      }
    } finally {
      scratch.clear();
    }
  }

  /** The hex digest of what is covered so far (the running state is kept). */
  String hex() {
    try {
      return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
    }
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
