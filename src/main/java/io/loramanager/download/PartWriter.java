package io.loramanager.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Reads a response body into bounded blocks and appends each full block to the partial file; a
 * written block is hashed on the hasher thread while the other block fills. {@link #flush} writes
 * what is pending, so that a resume after a network error re-fetches nothing that arrived.
 */
final class PartWriter implements AutoCloseable {

  private final Path part;
  private final FileChannel channel;
  private final byte[][] blocks;
  private final CompletableFuture<?>[] hashed = {DONE, DONE};
  private final RunningSha256 hash;
  private byte[] block;
  private int current;
  private int pending;
  private long onDisk;

  private static final CompletableFuture<?> DONE = CompletableFuture.completedFuture(null);

  /**
   * Bytes written between two background flushes to the device. Without them the kernel keeps a
   * multi-GiB download in its page cache and the final {@link #sync} writes it all (about a second
   * per 2 GiB here) while the download looks finished.
   */
  private static final long FORCE_EVERY = 64L << 20;

  private final Executor background;
  private CompletableFuture<Void> forcing = CompletableFuture.completedFuture(null);
  private volatile IOException forceFailure;
  private long unforced;

  private PartWriter(
      Path part,
      FileChannel channel,
      byte[][] blocks,
      RunningSha256 hash,
      Executor background,
      long at) {
    this.part = part;
    this.background = background;
    this.channel = channel;
    this.blocks = blocks;
    this.block = blocks[0];
    this.hash = hash;
    this.onDisk = at;
  }

  /**
   * Opens {@code part} to append after {@code offset} bytes, or empty when offset is 0, filling the
   * two {@code blocks} in turn.
   */
  static PartWriter open(
      Path part, long offset, byte[][] blocks, RunningSha256 hash, Executor background) {
    try {
      FileChannel channel =
          offset > 0
              ? FileChannel.open(part, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
              : FileChannel.open(
                  part,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE,
                  StandardOpenOption.TRUNCATE_EXISTING);
      if (offset == 0) {
        hash.reset();
      }
      return new PartWriter(part, channel, blocks, hash, background, offset);
    } catch (IOException e) {
      throw DiskErrors.failure("write", part, e);
    }
  }

  /** Bytes received so far (on disk plus pending in the block). */
  long received() {
    return onDisk + pending;
  }

  /**
   * One read from {@code body} into the free part of the block (written out when full): the number
   * of bytes read, or -1 at the end of the body. Network errors are thrown as they are.
   */
  int readFrom(ResponseBody body) throws IOException {
    int n = body.read(block, pending, block.length - pending);
    if (n > 0) {
      pending += n;
      if (pending == block.length) {
        flush();
      }
    }
    return n;
  }

  /** Writes what is pending to the file. */
  void flush() {
    if (pending == 0) {
      return;
    }
    ByteBuffer out = ByteBuffer.wrap(block, 0, pending);
    try {
      while (out.hasRemaining()) {
        channel.write(out);
      }
    } catch (IOException e) {
      throw DiskErrors.failure("write", part, e);
    }
    hashed[current] = hash.updateLater(block, 0, pending);
    onDisk += pending;
    unforced += pending;
    pending = 0;
    if (unforced >= FORCE_EVERY && forcing.isDone()) {
      unforced = 0;
      forcing = CompletableFuture.runAsync(this::forceInBackground, background);
    }
    current ^= 1;
    block = blocks[current];
    hashed[current].join(); // the other block is filled again only once it is hashed
  }

  /** Flushes and forces the bytes to the storage device, before the file is renamed into place. */
  void sync() {
    flush();
    forcing.join();
    try {
      if (forceFailure != null) {
        throw forceFailure;
      }
      channel.force(false);
    } catch (IOException e) {
      throw DiskErrors.failure("write", part, e);
    }
  }

  private void forceInBackground() {
    try {
      channel.force(false);
    } catch (IOException e) {
      forceFailure = e; // reported by sync(); a closed channel after a failed attempt needs nothing
    }
  }

  @Override
  public void close() {
    forcing.join();
    try {
      channel.close();
    } catch (IOException e) {
      throw DiskErrors.failure("write", part, e);
    }
  }
}
