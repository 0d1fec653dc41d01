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
   * Hashes the remaining bytes of {@code bytes} on the hasher thread after every block handed over
   * before; their content must stay untouched until the returned stage completes.
   */
  CompletableFuture<Void> updateLater(ByteBuffer bytes) {
    covered += bytes.remaining();
    tail = tail.thenRunAsync(() -> digest.update(bytes), hasher);
    return tail;
  }

  void reset() {
    settle();
    digest.reset();
    covered = 0;
  }

  /** Waits until every block handed over is hashed. */
  private void settle() {
    tail.join();
  }

  /** Makes the digest cover exactly the first {@code size} bytes of {@code file}. */
  void catchUp(Path file, long size, ByteBuffer scratch) throws IOException {
    if (covered == size) {
      return;
    }
    reset();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      while (covered < size) {
        scratch.clear().limit((int) Math.min(scratch.capacity(), size - covered));
        if (channel.read(scratch) < 0) {
          throw new IOException(file + " is shorter than " + size + " bytes");
        }
        covered += scratch.flip().remaining();
        digest.update(scratch);
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
