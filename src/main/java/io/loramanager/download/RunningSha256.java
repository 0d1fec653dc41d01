package io.loramanager.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The SHA-256 of the bytes written to a partial file so far, carried across attempts so that a
 * resume hashes only new bytes; a partial file left by an earlier run is hashed once, from disk.
 * Blocks received from the network are hashed on another thread, in order, while the next block is
 * read: on two cores that keeps the hash off the download's critical path.
 */
final class RunningSha256 {

  private final MessageDigest digest = newDigest();
  private final Executor hasher;
  private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
  private long covered;

  RunningSha256(Executor hasher) {
    this.hasher = hasher;
  }

  /** Bytes the digest covers once every block handed over is hashed. */
  long covered() {
    return covered;
  }

  /**
   * Hashes the bytes on the hasher thread after every block handed over before; the array must stay
   * untouched until the returned stage completes.
   */
  CompletableFuture<Void> updateLater(byte[] bytes, int offset, int length) {
    covered += length;
    tail = tail.thenRunAsync(() -> digest.update(bytes, offset, length), hasher);
    return tail;
  }

  void reset() {
    settle();
    digest.reset();
    covered = 0;
  }

  private void update(byte[] bytes, int offset, int length) {
    covered += length;
    digest.update(bytes, offset, length);
  }

  /** Waits until every block handed over is hashed. */
  private void settle() {
    tail.join();
  }

  /** Makes the digest cover exactly the first {@code size} bytes of {@code file}. */
  void catchUp(Path file, long size, byte[] scratch) throws IOException {
    if (covered == size) {
      return;
    }
    reset();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long left = size;
      while (left > 0) {
        ByteBuffer into = ByteBuffer.wrap(scratch, 0, (int) Math.min(scratch.length, left));
        int read = channel.read(into);
        if (read < 0) {
          throw new IOException(file + " is shorter than " + size + " bytes");
        }
        update(scratch, 0, read);
        left -= read;
      }
    }
  }

  /** The hex digest of what is covered so far (the running state is kept). */
  String hex() {
    settle();
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
